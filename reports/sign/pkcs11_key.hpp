// Signing keys that never leave a PKCS#11 token (the official's USB token,
// or SoftHSM in tests), reached through OpenSSL's "pkcs11" engine (libp11).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "reports/sign/identity.hpp"

namespace vca::sign {

struct Pkcs11Request {
    std::string uri;                                // RFC 7512: "pkcs11:token=…;object=…" (or id=…)
    std::optional<std::filesystem::path> module;    // unset: find_pkcs11_module()
    std::optional<std::string> pin;                 // unset: the token must not need a login
    std::optional<std::filesystem::path> cert_pem;  // unset: the certificate on the token, same URI
};

// Well-known module locations, in the order they are tried: p11-kit's proxy
// (reaches every module registered with p11-kit), then SoftHSM2's, for the
// Debian multiarch folders of the common architectures.
std::vector<std::filesystem::path> pkcs11_module_candidates();

// The first existing candidate, if any.
std::optional<std::filesystem::path> find_pkcs11_module();

// Loads the token's private key by `uri` and its certificate (from the token,
// or `cert_pem`), and checks they belong together. The PIN is handed to the
// engine only and wiped from our copy. The engine and module stay loaded for
// the life of the process (the key is used through them); one process uses
// one module.
// Errors: E415 engine or module not available, E416 PIN refused or missing,
// E417 no such key or certificate on the token, E403 key/cert mismatch,
// E401/E405 for a --cert file.
core::Result<SigningIdentity> load_identity_pkcs11(Pkcs11Request request);

}  // namespace vca::sign
