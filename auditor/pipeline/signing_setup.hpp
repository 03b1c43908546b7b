// Which key signs this audit: a PEM pair (--key/--cert), a PKCS#12 file
// (--p12), a PKCS#11 token (--pkcs11-uri), or the installation's default pair
// (made on first use, mode 0600, and said so). Secrets (passphrase, PIN) come
// from a file, the environment or a no-echo terminal prompt: never argv.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "auditor/core/result.hpp"
#include "auditor/pipeline/audit.hpp"
#include "reports/sign/identity.hpp"

namespace vca::pipeline {

struct Signer {
    sign::SigningIdentity identity;
    std::string cert_pem;
    bool demo = false;  // the certificate says it is a demo key (CN contains "DEMO")
};

// Environment variables that may carry the secrets.
inline constexpr const char* kKeyPassEnv = "VCAUDIT_KEY_PASS";
inline constexpr const char* kPinEnv = "VCAUDIT_PKCS11_PIN";

// Longest passphrase or PIN read from a file or the terminal.
inline constexpr std::size_t kMaxSecretBytes = 4096;

core::Result<Signer> load_signer(const AuditOptions& options, std::ostream& log);

// Reads one line from the terminal with echo off, after printing `prompt` on
// stderr. nullopt when standard input is not a terminal (CI, pipes).
std::optional<std::string> prompt_secret(const std::string& prompt);

}  // namespace vca::pipeline
