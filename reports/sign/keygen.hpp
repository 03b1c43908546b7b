// Making a signing identity: an EC P-256 key and a self-signed certificate.
#pragma once

#include <filesystem>
#include <string>

#include "auditor/core/result.hpp"

namespace vca::sign {

// Writes a new EC P-256 private key (unencrypted PKCS#8 PEM, mode 0600 from
// creation) and a self-signed X.509 v3 certificate (PEM, mode 0644):
// subject = issuer = CN=<common_name>, O=vcaudit; random 128-bit serial;
// basicConstraints CA:FALSE and keyUsage digitalSignature,nonRepudiation
// (both critical); SHA-256 signature; valid from now for `days` days.
// Missing parent directories are created with mode 0700.
// overwrite=false: E406 if either file exists (nothing is written).
// overwrite=true: each file is replaced atomically.
core::Status generate_identity(const std::filesystem::path& key_path,
                               const std::filesystem::path& cert_path,
                               const std::string& common_name, int days, bool overwrite);

// Where the installation's own identity lives: $VCAUDIT_HOME if set, else
// $XDG_DATA_HOME/vcaudit, else $HOME/.local/share/vcaudit (HOME from the
// password database if unset). Empty if none of these can be found.
std::filesystem::path default_identity_dir();

struct DefaultIdentity {
    std::filesystem::path key_path;   // <dir>/signing-key.pem
    std::filesystem::path cert_path;  // <dir>/signing-cert.pem
    bool created = false;             // true if this call generated them
};

// Validity of the installation identity: reports are re-verified years later.
inline constexpr int kDefaultIdentityDays = 3650;

// Returns the installation identity, generating it on first use with
// CN "vcaudit installation key (<hostname>)". If only one of the two files
// exists, E403 rather than silently replacing it.
core::Result<DefaultIdentity> ensure_default_identity();

}  // namespace vca::sign
