#include "probes/traffic/sip_auth_tracker.hpp"

#include "auditor/core/limits.hpp"
#include "probes/creds/digest_header.hpp"
#include "probes/sip/sip_parser.hpp"

namespace vca::probes::traffic {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char a = s[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

// A 401/407 whose challenge says stale=true only asks for a fresh nonce: the
// password was right (RFC 7616 §3.3), so it is not a failed guess.
bool stale_challenge(const sip::SipMessageView& m) {
    for (std::string_view name : {"WWW-Authenticate", "Proxy-Authenticate"})
        for (std::string_view v : m.header_values(name)) {
            auto c = creds::parse_digest_challenge(v);
            if (c && c->stale) return true;
        }
    return false;
}

}  // namespace

void SipAuthTracker::on_sip_message(const sip::SipMessageView& m, const sip::SipContext& ctx) {
    auto call_id = m.header("Call-ID");
    auto cseq = m.header("CSeq");
    if (!call_id || !cseq) return;
    std::string key = std::string(*call_id) + '\n' + std::string(*cseq);
    if (!m.is_request) {
        if (m.status_code < 200 || pending_.count(key) == 0) return;
        creds::Outcome outcome = creds::Outcome::Success;  // past authentication, whatever else failed
        if (m.status_code == 401 || m.status_code == 407)
            outcome = stale_challenge(m) ? creds::Outcome::Unknown : creds::Outcome::Failure;
        else if (m.status_code == 403)
            outcome = creds::Outcome::Failure;
        settle(key, outcome);
        return;
    }
    std::optional<std::string_view> auth = m.header("Authorization");
    if (!auth) auth = m.header("Proxy-Authorization");
    if (!auth || !starts_with_ci(*auth, "digest")) return;
    auto parsed = creds::parse_digest_authorization(sip::unfold(*auth));
    if (!parsed) return;
    Pending p;
    p.event.protocol = "sip";
    p.event.username = parsed->username;
    p.event.secret_kind = "digest";
    p.event.mechanism = "digest";
    p.event.digest = parsed->params;
    p.event.digest->method = std::string(m.method);  // HA2 = H(method:uri), RFC 3261 §22.4
    p.event.ts = ctx.ts;
    p.event.frame = ctx.frame;
    p.event.target = std::string(m.method) + " " + std::string(sip::uri_of(m.header("To").value_or("")));
    p.flow = CredentialFlow{ctx.flow_id, ctx.src_ip, ctx.dst_ip, ctx.dst_port};
    if (auto it = pending_.find(key); it != pending_.end()) {
        // Same Call-ID, CSeq and digest response: a UDP retransmission of the
        // same attempt (RFC 3261 §17.1.2), not a second one.
        if (it->second.event.digest && it->second.event.digest->response == p.event.digest->response) return;
        settle(key, creds::Outcome::Unknown);  // new credentials under the same CSeq: the old attempt is unanswered
    }
    if (pending_.size() >= core::limits::kMaxPendingSipAuth) {
        while (!order_.empty() && pending_.count(order_.front()) == 0) order_.pop_front();
        if (!order_.empty()) settle(order_.front(), creds::Outcome::Unknown);
    }
    pending_.emplace(key, std::move(p));
    order_.push_back(key);
    if (order_.size() > 2 * core::limits::kMaxPendingSipAuth) {  // drop keys already settled
        std::deque<std::string> live;
        for (auto& k : order_)
            if (pending_.count(k) != 0) live.push_back(std::move(k));
        order_ = std::move(live);
    }
}

void SipAuthTracker::settle(const std::string& key, creds::Outcome outcome) {
    auto it = pending_.find(key);
    if (it == pending_.end()) return;
    it->second.event.outcome = outcome;
    recorder_.record(it->second.event, it->second.flow);
    pending_.erase(it);
}

void SipAuthTracker::finish() {
    for (const std::string& key : order_) settle(key, creds::Outcome::Unknown);
    order_.clear();
}

}  // namespace vca::probes::traffic
