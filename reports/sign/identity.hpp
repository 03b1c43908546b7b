// The key and certificate that sign a report's manifest.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "reports/sign/handles.hpp"

namespace vca::sign {

// A private key and the certificate it belongs to. Move-only: it owns both.
// `chain` holds the issuing CA certificates that came with the key (PKCS#12):
// they travel inside the signature so a verifier needs only the root.
// `timestamp_url`, when set, names an RFC 3161 authority that countersigns
// each manifest signature made with this identity (manifest.json.tsr).
struct SigningIdentity {
    PkeyPtr key;
    X509Ptr cert;
    std::vector<X509Ptr> chain;
    std::string timestamp_url;
};

// Loads a PEM private key (plain or encrypted PKCS#8 / traditional) and a PEM
// certificate (the first one in the file), and checks they belong together.
// Never prompts on the terminal: an encrypted key needs `passphrase`.
// Errors: E401 unreadable file, E402 cannot decrypt (wrong or missing
// passphrase; the passphrase never appears in the message), E404 not a key,
// E405 not a certificate, E403 key does not match the certificate.
core::Result<SigningIdentity> load_identity(const std::filesystem::path& key_path,
                                            const std::filesystem::path& cert_path,
                                            std::optional<std::string> passphrase = std::nullopt);

// Loads a PKCS#12 (.p12/.pfx) file: its private key, the certificate that
// belongs to it and any other certificates as the chain. Never prompts.
// Errors: E401 unreadable, E414 not PKCS#12 or no key/certificate inside,
// E402 wrong or missing passphrase (the message names the file, never the
// passphrase), E403 the key is not the certificate's.
core::Result<SigningIdentity> load_identity_pkcs12(const std::filesystem::path& p12_path,
                                                   std::optional<std::string> passphrase);

// The first certificate of a PEM file. E401 unreadable, E405 none found.
core::Result<X509Ptr> load_certificate(const std::filesystem::path& cert_path);

// The signer certificate as PEM (what goes into signer-cert.pem).
std::string cert_pem(const SigningIdentity& id);

// Certificate subject, RFC 2253 ("CN=…,O=vcaudit").
std::string subject(const SigningIdentity& id);

// SHA-256 of the certificate DER, lowercase hex.
std::string cert_sha256(const SigningIdentity& id);

// Certificate notAfter, "YYYY-MM-DDTHH:MM:SSZ".
std::string not_after(const SigningIdentity& id);

}  // namespace vca::sign
