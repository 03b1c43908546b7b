// Digest access authentication responses (RFC 2617 §3.2.2, RFC 7616 §3.4.1,
// RFC 3261 §22.4, RFC 8760 for SIP's SHA-2 algorithms), recomputed from a
// candidate password so a captured response can be tested offline against the
// weak/default list. The method-and-URI half (HA2) depends only on the
// message, so DigestCalculator computes it once and then costs two hashes
// (three for the -sess variants) per candidate.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "probes/creds/credential_event.hpp"

// OpenSSL types, declared rather than included: only the .cpp sees OpenSSL.
struct evp_md_st;
struct evp_md_ctx_st;

namespace vca::probes::creds {

// The response for `password`, lower-case hex; "" when it cannot be computed
// from the message alone: qop=auth-int (needs the body), userhash (the
// account name is hashed), an unknown algorithm or qop.
std::string digest_response(const DigestParams& d, std::string_view username, std::string_view password);

class DigestCalculator {
public:
    DigestCalculator(const DigestParams& d, std::string_view username);
    ~DigestCalculator();
    DigestCalculator(const DigestCalculator&) = delete;
    DigestCalculator& operator=(const DigestCalculator&) = delete;

    // False when responses cannot be computed (see digest_response).
    [[nodiscard]] bool testable() const { return md_ != nullptr; }
    // Lower-case hex response for `password`; "" when not testable.
    std::string response(std::string_view password);
    // Whether `password` gives the message's own response (hex compared
    // without regard to case). False when not testable.
    bool matches(std::string_view password);

    // The two halves of matches(), for testing many exchanges of one account
    // against one list: HA1 = H(username:realm:password) depends on neither
    // the nonce nor the message, so it can be computed once per account.
    // ha1_scope() names what HA1 depends on (algorithm, username, realm).
    [[nodiscard]] std::string ha1_scope() const;
    // Lower-case hex HA1 for `password`; "" when not testable.
    std::string ha1_hex(std::string_view password);
    bool matches_ha1(std::string_view ha1_hex);

private:
    static constexpr std::size_t kMaxHex = 128;  // SHA-512/256 and SHA-256: 64 hex digits; room for SHA-512
    // Hex digest of the concatenated parts into out (2 * digest size chars); false on an OpenSSL error.
    bool hash_hex(std::initializer_list<std::string_view> parts, char* out, std::size_t& out_len);
    bool compute(std::string_view password, char* out, std::size_t& out_len);
    bool response_from_ha1(std::string_view ha1_hex, char* out, std::size_t& out_len);

    evp_md_st* md_ = nullptr;
    evp_md_ctx_st* ctx_ = nullptr;
    bool sess_ = false;
    std::string algorithm_;       // OpenSSL name of the hash
    std::string ha1_prefix_;      // "username:realm:"
    std::string sess_suffix_;     // ":nonce:cnonce" (for -sess)
    std::string response_mid_;    // ":nonce:nc:cnonce:qop:" or ":nonce:"
    std::string ha2_hex_;
    std::string expected_;        // the message's response, lower-cased
};

}  // namespace vca::probes::creds
