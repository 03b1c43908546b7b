#include "probes/traffic/credential_recorder.hpp"

#include "auditor/core/limits.hpp"
#include "auditor/facts/rows.hpp"

namespace vca::probes::traffic {

bool secret_in_clear(const creds::CredentialEvent& e) {
    return !e.secret.empty() && (e.secret_kind == "password" || e.secret_kind == "community");
}

void CredentialRecorder::record(const creds::CredentialEvent& e, const CredentialFlow& flow) {
    if (guard_ == nullptr) return;
    creds::Judgement j = guard_->judge(e);
    facts::CredentialRow row;
    row.flow_id = flow.flow_id;
    row.ts = e.ts;
    row.protocol = e.protocol;
    row.username = e.username;
    row.secret_kind = e.secret_kind;
    row.secret_redacted = j.redacted;
    row.outcome = std::string(creds::outcome_name(e.outcome));
    row.mechanism = e.mechanism;
    row.client_ip = flow.client_ip;
    row.server_ip = flow.server_ip;
    row.server_port = flow.server_port;
    row.cleartext = secret_in_clear(e);
    if (!j.hmac.empty()) row.secret_hmac = j.hmac;
    if (j.testable) row.weak = j.weak;  // NULL: nothing could be tested (auth-int, userhash, no secret)
    if (j.weak) row.weak_source = j.weak_source;
    if (!e.target.empty()) row.target = e.target;
    row.frame = e.frame;
    if (e.digest) {
        const creds::DigestParams& d = *e.digest;
        row.realm = d.realm;
        row.algorithm = d.algorithm.empty() ? "MD5" : d.algorithm;  // RFC 7616 §3.4: absent means MD5
        row.qop = d.qop;
        std::string use = d.realm + '\n' + d.nonce + '\n' + d.nc;
        bool seen = digest_uses_.count(use) != 0;
        if (!seen && digest_uses_.size() < core::limits::kMaxDigestNoncesTracked) digest_uses_.insert(use);
        row.nonce_reused = seen;
    }
    sink_.add(row);
    ++recorded_;
}

}  // namespace vca::probes::traffic
