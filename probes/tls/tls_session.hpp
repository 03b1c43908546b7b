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
#include "probes/tls/handshake_facts.hpp"
#include "probes/tls/tls_parser.hpp"

namespace vca::probes::tls {


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

    [[nodiscard]] const HandshakeFacts& facts() const { return hs_; }
    [[nodiscard]] const std::optional<ClientHello>& client_hello() const { return hs_.client_hello; }
    [[nodiscard]] const std::optional<ServerHello>& server_hello() const { return hs_.server_hello; }
    [[nodiscard]] int client_direction() const { return hs_.client_dir; }
    std::vector<TlsAnomaly>& anomalies() { return hs_.anomalies; }

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
    HandshakeFacts hs_;
};

}  // namespace vca::probes::tls
