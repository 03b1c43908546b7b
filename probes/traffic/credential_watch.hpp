// CredentialWatch: the credential watchers of one flow (text login protocols,
// LDAP, SNMP), which side is the client, and the hand-over of their events
// to the recorder. Keeps the traffic analyser free of per-protocol detail.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/creds/ldap_parser.hpp"
#include "probes/creds/login_watcher.hpp"
#include "probes/creds/snmp_parser.hpp"
#include "probes/flow/flow_table.hpp"
#include "probes/traffic/credential_recorder.hpp"

namespace vca::probes::traffic {

class CredentialWatch {
public:
    // A watcher for a TCP flow whose first payload is `first` from flow side
    // `from_side` (0 = initiator), or nullptr when no credential protocol is
    // recognised by content or port.
    static std::unique_ptr<CredentialWatch> for_tcp(const flow::Flow& f, int from_side, core::Bytes first);
    // SNMP on UDP 161/162, or a first datagram from flow side `from_side`
    // that decodes as SNMP (agents on other ports); else nullptr.
    static std::unique_ptr<CredentialWatch> for_udp(const flow::Flow& f, int from_side, core::Bytes first);

    // Flow-side bytes or datagrams (side 0 = initiator), in order.
    void on_stream(int flow_side, core::Bytes data, bool after_gap, double ts, std::int64_t frame);
    void on_datagram(int flow_side, core::Bytes payload, double ts, std::int64_t frame);
    // Writes the events found so far; at the end of the flow `final` also
    // closes attempts still waiting for an answer.
    // The watchers' notes (limits hit, gaps that broke a pairing) become anomaly rows.
    void drain(const flow::Flow& f, CredentialRecorder& recorder, bool final, facts::FactSink& anomalies);

    [[nodiscard]] std::string_view app() const { return app_; }
    [[nodiscard]] int client_side() const { return client_side_; }

private:
    CredentialWatch() = default;
    [[nodiscard]] int watcher_side(int flow_side) const { return flow_side == client_side_ ? 0 : 1; }

    std::unique_ptr<creds::LoginWatcher> login_;
    std::unique_ptr<creds::LdapWatcher> ldap_;
    std::unique_ptr<creds::SnmpWatcher> snmp_;
    int client_side_ = 0;  // flow side of the client (the one that sends credentials)
    std::string app_;
};

}  // namespace vca::probes::traffic
