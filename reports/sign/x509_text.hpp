// Text views of a certificate for reports and verification output.
#pragma once

#include <string>

struct x509_st;
struct asn1_string_st;

namespace vca::sign {

// RFC 2253 distinguished name with UTF-8 kept as is ("CN=…,O=vcaudit").
std::string x509_subject(const x509_st* cert);

// SHA-256 of the certificate's DER encoding, lowercase hex (as in tls_sessions.cert_sha256).
std::string x509_sha256(const x509_st* cert);

// notAfter as "YYYY-MM-DDTHH:MM:SSZ".
std::string x509_not_after(const x509_st* cert);

// An ASN1_TIME (UTCTime or GeneralizedTime) as "YYYY-MM-DDTHH:MM:SSZ"; "" if invalid.
std::string asn1_time_iso(const asn1_string_st* t);

}  // namespace vca::sign
