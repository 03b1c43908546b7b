// Detached CMS (PKCS#7) signatures over exact bytes: the manifest's .p7s.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/result.hpp"
#include "reports/sign/identity.hpp"

namespace vca::sign {

// PEM ("-----BEGIN CMS-----") detached SignedData over `content` taken as
// binary (no line-ending canonicalisation): SHA-256, the signer certificate
// included, signed attributes content-type, message-digest and signing-time.
// Checkable with stock OpenSSL:
//   openssl cms -verify -binary -inform PEM -in manifest.json.p7s
//       -content manifest.json -CAfile cert.pem -out /dev/null
// The identity's chain certificates (PKCS#12) are included after the signer's.
// E409 if OpenSSL cannot sign (e.g. an empty identity).
core::Result<std::string> sign_detached(const SigningIdentity& id, std::string_view content);

// Why a signature is not good, one kind per message a verifier shows.
enum class SignatureProblem {
    none,
    cert_mismatch,    // the signature was not made by the key of the certificate it carries
    content_changed,  // signature holds over its attributes, but the content digest differs
    expired,          // signer (or CA) certificate past notAfter at the checking time
    not_yet_valid,    // before notBefore at the checking time
    untrusted,        // does not chain to the anchors (unknown issuer, self-signed not given)
    key_usage,        // keyUsage / extendedKeyUsage do not allow signing documents
};

// Short upper-case label for verification output ("EXPIRED", "UNTRUSTED"...).
const char* problem_label(SignatureProblem p);

struct VerifyOutcome {
    bool signature_ok = false;       // every signer's signature holds over `content`
    bool trusted = false;            // and the signer chains to a trust anchor (never without anchors)
    SignatureProblem problem = SignatureProblem::none;
    std::string signer_subject;      // first signer, RFC 2253
    std::string signer_cert_sha256;  // first signer certificate, SHA-256 of DER
    std::string signing_time;        // first signer's signing-time, "YYYY-MM-DDTHH:MM:SSZ"; "" if absent
    std::string failure;             // why signature_ok or trusted is false; "" otherwise
};

// Checks a detached signature. With trust anchors (PEM files, each holding one
// or more certificates) the signer must also chain to one of them, under the
// S/MIME signing purpose as `openssl cms -verify` does; without any, only the
// signature and content digest are checked against the embedded signer
// certificate and `trusted` stays false.
// A bad signature or changed content is an outcome (signature_ok=false), not
// an error. Diagnostics only for inputs that cannot be checked at all:
// E410 unparsable p7s (location left empty for the caller to name the file),
// E401/E405 unreadable or invalid trust anchor file.
core::Result<VerifyOutcome> verify_detached(
    std::string_view p7s_pem, std::string_view content,
    const std::vector<std::filesystem::path>& trust_anchor_pems);

struct VerifyParams {
    std::vector<std::filesystem::path> trust_anchor_pems;  // certificates and CA bundles alike
    // When the certificates must have been valid. Unset: now, as stock
    // `openssl cms -verify` does. The signing-time attribute is never used:
    // it is the signer's own claim. A caller that holds a verified RFC 3161
    // timestamp over the signature passes its genTime here instead.
    std::optional<std::int64_t> validity_time;
};

// As above, with the checking time chosen by the caller. The chain is built
// from the anchors plus the certificates carried in the signature, under the
// S/MIME signing purpose; `problem` and `failure` say which check failed.
core::Result<VerifyOutcome> verify_detached_with(std::string_view p7s_pem, std::string_view content,
                                                 const VerifyParams& params);

}  // namespace vca::sign
