// X.509 adapter: the one place in probes/ that includes OpenSSL, to read the
// certificates servers send in clear (TLS ≤1.2, DTLS).
#pragma once

#include <optional>
#include <string>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::tls {

struct CertificateInfo {
    std::string sha256;  // of the DER bytes, lowercase hex
    std::string subject, issuer;
    std::optional<double> not_before, not_after;
    std::string key_type;  // RSA, EC, Ed25519, DSA, ...
    std::optional<long> key_bits;
    std::string sig_alg;
    bool self_signed = false;
};

// nullopt when the bytes are not a DER certificate.
std::optional<CertificateInfo> inspect_certificate(core::Bytes der);

// SHA-256 of arbitrary bytes, lowercase hex (kept here to keep OpenSSL out of other probes).
std::string sha256_hex(core::Bytes data);

// MD5, lowercase hex: only for the JA3 fingerprint, which is defined with MD5.
std::string md5_hex(std::string_view text);

}  // namespace vca::probes::tls
