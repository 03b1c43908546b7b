// TlsSession: follows one TLS connection's handshake from the contiguous
// bytes of each direction (record layer → handshake messages → hellos and
// certificates) until the traffic turns encrypted. No facts are written here;
// tls_facts.cpp turns the result into rows.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "probes/tls/tls_parser.hpp"

namespace vca::probes::tls {

struct TlsAnomaly {
    std::string name;    // stable snake_case
    std::string detail;
    double ts = 0;
};

class TlsSession {
public:
    // `initiator_is_client` is a first guess; a ClientHello seen from the
    // responder side corrects it.
    TlsSession() = default;

    // Contiguous bytes of one direction (0 = initiator, 1 = responder).
    // `after_gap`: bytes before these are missing.
    void on_data(int direction, core::Bytes data, bool after_gap, double ts);

    // Nothing more to learn: both directions are encrypted or given up on.
    [[nodiscard]] bool done() const;

    [[nodiscard]] const std::optional<ClientHello>& client_hello() const { return client_hello_; }
    [[nodiscard]] const std::optional<ServerHello>& server_hello() const { return server_hello_; }
    [[nodiscard]] const std::vector<std::vector<std::uint8_t>>& server_certificates() const { return certs_; }
    [[nodiscard]] std::optional<double> hello_ts() const { return hello_ts_; }
    [[nodiscard]] int client_direction() const { return client_dir_; }
    // SSL 2.0 handshakes: the server's version and the cipher kind the client chose.
    [[nodiscard]] std::optional<std::uint16_t> ssl2_server_version() const { return ssl2_server_version_; }
    [[nodiscard]] std::optional<std::uint32_t> ssl2_cipher_kind() const { return ssl2_cipher_kind_; }
    [[nodiscard]] std::optional<std::size_t> ssl2_client_cipher_specs() const { return ssl2_client_specs_; }
    std::vector<TlsAnomaly>& anomalies() { return anomalies_; }

private:
    struct Side {
        std::vector<std::uint8_t> records;   // bytes not yet parsed into records
        std::size_t offset = 0;
        std::vector<std::uint8_t> handshake; // handshake bytes spanning records
        bool stopped = false;                // encrypted from here on, or given up
        bool started = false;                // first record seen (decides SSL 2.0 or TLS framing)
        bool ssl2 = false;                   // this side speaks SSL 2.0 records
    };
    void parse_ssl2_records(int direction, double ts);
    void parse_records(int direction, double ts);
    void on_handshake_bytes(int direction, core::Bytes fragment, double ts);
    void on_handshake(int direction, const HandshakeView& msg, double ts);
    void anomaly(std::string name, std::string detail, double ts);

    std::array<Side, 2> sides_;
    std::optional<ClientHello> client_hello_;
    std::optional<ServerHello> server_hello_;
    std::vector<std::vector<std::uint8_t>> certs_;
    std::optional<double> hello_ts_;
    std::optional<std::uint16_t> ssl2_server_version_;
    std::optional<std::uint32_t> ssl2_cipher_kind_;
    std::optional<std::size_t> ssl2_client_specs_;
    int client_dir_ = 0;
    std::vector<TlsAnomaly> anomalies_;
};

}  // namespace vca::probes::tls
