// CredentialRecorder: credential events from the watchers → credentials rows.
// The secret goes through the SecretGuard (redacted form, keyed hash, weak
// test) and is dropped; only the judgement is written.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "auditor/facts/fact_sink.hpp"
#include "probes/creds/credential_event.hpp"
#include "probes/creds/secret_guard.hpp"

namespace vca::probes::traffic {

struct CredentialFlow {
    std::int64_t flow_id = 0;
    std::string client_ip, server_ip;
    std::int64_t server_port = 0;
};

class CredentialRecorder {
public:
    // Without a guard nothing is recorded: a secret is never written unjudged.
    CredentialRecorder(const creds::SecretGuard* guard, facts::FactSink& sink) : guard_(guard), sink_(sink) {}

    void record(const creds::CredentialEvent& event, const CredentialFlow& flow);
    [[nodiscard]] bool enabled() const { return guard_ != nullptr; }
    [[nodiscard]] std::int64_t recorded() const { return recorded_; }

private:
    const creds::SecretGuard* guard_;
    facts::FactSink& sink_;
    // Digest (realm, nonce, nc) already answered: the same triple again is a
    // replay (RFC 7616 §3.3: nc must increase for each use of a nonce).
    std::set<std::string> digest_uses_;
    std::int64_t recorded_ = 0;
};

// True when the secret itself crossed the network readable.
bool secret_in_clear(const creds::CredentialEvent& event);

}  // namespace vca::probes::traffic
