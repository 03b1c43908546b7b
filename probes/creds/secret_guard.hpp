// SecretGuard: the one place a secret is looked at. It redacts it, hashes it
// with the store's key (so one secret reused on two devices can be matched
// without being kept) and tests it against the weak/default list. Digest
// responses are tested by recomputing them for each candidate in the list.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "probes/creds/credential_event.hpp"
#include "probes/creds/digest_compute.hpp"

namespace vca::probes::creds {

// A candidate of the weak/default list (policy/weak-secrets.yaml).
struct WeakCandidate {
    std::string secret;
    std::string source;  // "vendor default: Polycom admin", "common weak password", "site list"
};

struct Judgement {
    std::string redacted;  // e.g. "a……n (8 chars)"; never more than first and last character
    std::string hmac;      // hex HMAC-SHA-256 with the store key; "" for digests (no secret to hash)
    bool weak = false;
    std::string weak_source;  // which list entry kind matched (never the secret)
    // False when nothing could be tested (no secret, qop=auth-int, userhash,
    // unknown algorithm): `weak` is then meaningless (NULL in the facts).
    bool testable = true;
};

// Redacted form of a secret: first and last character and the length when
// it is long enough that this gives little away, else only the length:
// "a……n (8 chars)", "••• (5 chars)", "(empty)". Characters are UTF-8 code
// points; a byte that is not valid UTF-8, or a control character, shows as U+FFFD.
std::string redact(std::string_view secret);

// Hex HMAC-SHA-256 of `data` under `key` (raw key bytes).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

inline constexpr std::size_t kMaxRememberedAccounts = 256;

class SecretGuard {
public:
    // `hmac_key`: the store's key, raw bytes.
    SecretGuard(std::vector<WeakCandidate> candidates, std::string hmac_key);

    // Weak when the secret is empty or equals a candidate, exactly or up to
    // ASCII case.
    [[nodiscard]] Judgement judge_secret(std::string_view secret) const;
    // Recomputes the digest response for each candidate (MD5, MD5-sess,
    // SHA-256, SHA-256-sess, SHA-512-256, SHA-512-256-sess), then for an empty
    // password and one equal to the user name; weak when one matches.
    [[nodiscard]] Judgement judge_digest(std::string_view username, const DigestParams& d) const;
    // By secret_kind: "digest" → judge_digest; a secret carried in clear →
    // judge_secret, also weak when it equals the user name; else not testable.
    [[nodiscard]] Judgement judge(const CredentialEvent& e) const;

    [[nodiscard]] std::size_t candidates() const { return candidates_.size(); }

private:
    // HA1 of the empty password, of the user name and of every candidate for
    // the calculator's account (algorithm, user name, realm), computed once.
    const std::vector<std::string>& list_ha1s(DigestCalculator& calc, std::string_view username) const;

    std::vector<WeakCandidate> candidates_;
    std::string key_;
    // Candidate index by exact text and by ASCII-lower-cased text (first wins).
    std::unordered_map<std::string, std::size_t> exact_, folded_;
    // HA1 lists by account (list_ha1s). These are hashes of the public weak
    // list, not of any secret seen in the traffic. Cleared at kMaxRememberedAccounts.
    mutable std::unordered_map<std::string, std::vector<std::string>> ha1_memo_;
};

}  // namespace vca::probes::creds
