#include "probes/traffic/credential_watch.hpp"

#include "auditor/core/net_address.hpp"
#include "auditor/facts/rows.hpp"

namespace vca::probes::traffic {
namespace {

constexpr std::uint16_t kLdapPort = 389;  // RFC 4511 §5; 636 (LDAPS) is TLS and stays with the TLS probe
constexpr std::uint16_t kSnmpPort = 161;  // RFC 3417 §3: agents listen on 161
constexpr std::uint16_t kSnmpTrapPort = 162;  // notification receivers on 162

}  // namespace

std::unique_ptr<CredentialWatch> CredentialWatch::for_tcp(const flow::Flow& f, int from_side, core::Bytes first) {
    std::unique_ptr<CredentialWatch> w(new CredentialWatch());
    // The server is whoever listens on the service port; a capture that
    // starts mid-session may have recorded it as the initiator.
    if (auto p = creds::login_protocol_by_port(f.responder.port)) {
        w->client_side_ = 0;
        w->login_ = creds::make_login_watcher(*p);
        w->app_ = creds::login_protocol_name(*p);
    } else if (auto q = creds::login_protocol_by_port(f.initiator.port)) {
        w->client_side_ = 1;
        w->login_ = creds::make_login_watcher(*q);
        w->app_ = creds::login_protocol_name(*q);
    } else if (f.responder.port == kLdapPort || f.initiator.port == kLdapPort) {
        w->client_side_ = f.responder.port == kLdapPort ? 0 : 1;
        w->ldap_ = std::make_unique<creds::LdapWatcher>();
        w->app_ = "ldap";
    } else {
        // Unknown port: the first bytes tell (an HTTP request line from the
        // client, a mail or FTP banner from the server).
        int watcher_side_guess = 0;
        auto p2 = creds::login_protocol_by_content(0, first);
        if (!p2) {
            p2 = creds::login_protocol_by_content(1, first);
            watcher_side_guess = 1;
        }
        if (!p2) return nullptr;
        // The bytes came from flow side `from_side`; they are client bytes
        // when the content matched as side 0.
        w->client_side_ = watcher_side_guess == 0 ? from_side : 1 - from_side;
        w->login_ = creds::make_login_watcher(*p2);
        w->app_ = creds::login_protocol_name(*p2);
    }
    return w;
}

std::unique_ptr<CredentialWatch> CredentialWatch::for_udp(const flow::Flow& f, int from_side, core::Bytes first) {
    const std::uint16_t r = f.responder.port, i = f.initiator.port;
    std::unique_ptr<CredentialWatch> w(new CredentialWatch());
    if (r == kSnmpPort || i == kSnmpPort || r == kSnmpTrapPort || i == kSnmpTrapPort) {
        // The side that sends the community: the manager towards an agent on
        // 161, or the agent sending a notification to 162.
        w->client_side_ = (r == kSnmpPort || r == kSnmpTrapPort) ? 0 : 1;
    } else if (auto m = creds::parse_snmp(first); m && m->pdu != creds::SnmpPdu::Response &&
                                                   m->pdu != creds::SnmpPdu::Report) {
        // Another port: a well-formed SNMP request or notification says who
        // sends the community (a response first means we missed the request).
        w->client_side_ = from_side;
    } else {
        return nullptr;
    }
    w->snmp_ = std::make_unique<creds::SnmpWatcher>();
    w->app_ = "snmp";
    return w;
}

void CredentialWatch::on_stream(int flow_side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    if (login_) login_->on_data(watcher_side(flow_side), data, after_gap, ts, frame);
    else if (ldap_) ldap_->on_data(watcher_side(flow_side), data, after_gap, ts, frame);
}

void CredentialWatch::on_datagram(int flow_side, core::Bytes payload, double ts, std::int64_t frame) {
    if (snmp_) snmp_->on_datagram(watcher_side(flow_side), payload, ts, frame);
}

void CredentialWatch::drain(const flow::Flow& f, CredentialRecorder& recorder, bool final,
                            facts::FactSink& anomalies) {
    std::vector<creds::CredentialEvent> events;
    if (login_) {
        if (final) login_->finish();
        events = login_->take_events();
        for (auto& n : login_->take_notes())
            anomalies.add(facts::AnomalyRow{f.input_id, f.id, n.ts, std::move(n.name), std::move(n.detail),
                                            n.frame == 0 ? std::nullopt : std::optional<std::int64_t>(n.frame),
                                            n.count});
    } else if (ldap_) {
        if (final) ldap_->finish();
        events = ldap_->take_events();
    } else if (snmp_) {
        if (final) snmp_->finish();
        events = snmp_->take_events();
    }
    if (events.empty()) return;
    const flow::Endpoint& client = client_side_ == 0 ? f.initiator : f.responder;
    const flow::Endpoint& server = client_side_ == 0 ? f.responder : f.initiator;
    CredentialFlow ctx{f.id, core::format_ip(client.address()), core::format_ip(server.address()), server.port};
    for (const auto& e : events) recorder.record(e, ctx);
}

}  // namespace vca::probes::traffic
