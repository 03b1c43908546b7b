// What a TLS or DTLS handshake revealed, gathered by TlsSession (streams) and
// DtlsSession (datagrams) alike, and turned into rows by tls_facts.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "probes/tls/tls_parser.hpp"

namespace vca::probes::tls {

struct TlsAnomaly {
    std::string name;    // stable snake_case
    std::string detail;
    double ts = 0;
};

struct HandshakeFacts {
    std::optional<ClientHello> client_hello;
    std::optional<ServerHello> server_hello;
    std::vector<std::vector<std::uint8_t>> certs;  // server chain, DER, when sent in clear
    std::optional<double> hello_ts;
    int client_dir = 0;  // direction (0 initiator, 1 responder) the ClientHello came from
    // TLS <= 1.2 resumption evidence (RFC 5246 §7.3): a full handshake has the
    // server end its first flight with ServerHelloDone; an abbreviated one has
    // the server send ChangeCipherSpec right after its ServerHello (and maybe
    // a NewSessionTicket).
    bool server_hello_done = false;
    bool server_change_cipher_spec = false;
    // SSL 2.0: the server's version and the cipher kind the client chose.
    std::optional<std::uint16_t> ssl2_server_version;
    std::optional<std::uint32_t> ssl2_cipher_kind;
    std::optional<std::size_t> ssl2_client_specs;
    std::vector<TlsAnomaly> anomalies;
};

}  // namespace vca::probes::tls
