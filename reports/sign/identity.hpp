// The key and certificate that sign a report's manifest.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "auditor/core/result.hpp"
#include "reports/sign/handles.hpp"

namespace vca::sign {

// A private key and the certificate it belongs to. Move-only: it owns both.
struct SigningIdentity {
    PkeyPtr key;
    X509Ptr cert;
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

// Certificate subject, RFC 2253 ("CN=…,O=vcaudit").
std::string subject(const SigningIdentity& id);

// SHA-256 of the certificate DER, lowercase hex.
std::string cert_sha256(const SigningIdentity& id);

// Certificate notAfter, "YYYY-MM-DDTHH:MM:SSZ".
std::string not_after(const SigningIdentity& id);

}  // namespace vca::sign
