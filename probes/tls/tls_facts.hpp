// Turns a finished TlsSession into fact rows (tls_sessions, certificates, anomalies).
#pragma once

#include <optional>
#include <string>

#include "auditor/facts/fact_sink.hpp"
#include "probes/tls/handshake_facts.hpp"

namespace vca::probes::tls {

struct FlowContext {
    std::int64_t flow_id = 0;
    std::int64_t input_id = 0;
    std::int64_t server_port = 0;
    bool dtls = false;
};

void emit_tls_facts(const HandshakeFacts& hs, const FlowContext& ctx, facts::FactSink& sink);

// The JA3 string of a ClientHello: version,ciphers,extensions,groups,point
// formats in decimal, '-' joined, GREASE values left out (the published JA3
// definition). Its MD5 is the ja3 column.
std::string ja3_string(const ClientHello& ch);

// How the session started (the tls_sessions.resumed column): "full",
// "session_id", "ticket" or "psk"; nullopt when the messages that decide it
// were not seen (no ServerHello; TLS <= 1.2 without the server's
// ServerHelloDone or ChangeCipherSpec; SSL 2.0).
std::optional<std::string> resumption(const HandshakeFacts& hs);

// Whether the ClientHello offered to resume (tls_sessions.client_offered_resumption).
std::optional<bool> client_offered_resumption(const HandshakeFacts& hs);

// "TLS1.3,TLS1.2" from a ClientHello: supported_versions if sent, else the legacy version.
std::string offered_versions(const ClientHello& ch);

}  // namespace vca::probes::tls
