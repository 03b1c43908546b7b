#include "reports/sign/x509_text.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <cstdint>
#include <ctime>
#include <span>

#include "reports/sign/handles.hpp"
#include "reports/sign/openssl_error.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::sign {

std::string x509_subject(const x509_st* cert) {
    if (cert == nullptr) return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) return {};
    // RFC 2253 escapes non-ASCII as \XX by default; Vietnamese names must stay readable.
    const unsigned long flags = XN_FLAG_RFC2253 & ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
    if (X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, flags) < 0) {
        clear_openssl_errors();
        return {};
    }
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string x509_sha256(const x509_st* cert) {
    if (cert == nullptr) return {};
    std::array<std::uint8_t, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (X509_digest(cert, EVP_sha256(), md.data(), &len) != 1) {
        clear_openssl_errors();
        return {};
    }
    return to_hex(std::span(md.data(), len));
}

std::string x509_not_after(const x509_st* cert) {
    return cert == nullptr ? std::string() : asn1_time_iso(X509_get0_notAfter(cert));
}

std::string asn1_time_iso(const asn1_string_st* t) {
    if (t == nullptr) return {};
    std::tm tm{};
    if (ASN1_TIME_to_tm(t, &tm) != 1) {
        clear_openssl_errors();
        return {};
    }
    std::array<char, 32> buf{};
    const std::size_t n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(buf.data(), n);
}

}  // namespace vca::sign
