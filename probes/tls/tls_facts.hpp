// Turns a finished TlsSession into fact rows (tls_sessions, certificates, anomalies).
#pragma once

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

// "TLS1.3,TLS1.2" from a ClientHello: supported_versions if sent, else the legacy version.
std::string offered_versions(const ClientHello& ch);

}  // namespace vca::probes::tls
