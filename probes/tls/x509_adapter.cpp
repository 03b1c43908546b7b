#include "probes/tls/x509_adapter.hpp"

#include <unordered_map>

#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

namespace vca::probes::tls {
namespace {

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

std::string name_text(const X509_NAME* name) {
    if (name == nullptr) return {};
    char buf[512];
    // RFC 2253-like one-line form; X509_NAME_oneline truncates to the buffer safely.
    X509_NAME_oneline(name, buf, sizeof buf);
    return buf;
}

std::optional<double> asn1_time(const ASN1_TIME* t) {
    if (t == nullptr) return std::nullopt;
    std::tm tm{};
    if (ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
    return static_cast<double>(timegm(&tm));
}

}  // namespace

std::string sha256_hex(core::Bytes data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 0xf];
    }
    return out;
}

std::string md5_hex(std::string_view text) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(text.data(), text.size(), md, &len, EVP_md5(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 0xf];
    }
    return out;
}

namespace {

// The same server certificate arrives in every handshake of a busy server;
// parsing it and checking its self-signature each time dominated TLS cost.
// Results are kept by the certificate's SHA-256, a bounded number of them.
constexpr std::size_t kCertificateCacheEntries = 4096;

std::unordered_map<std::string, CertificateInfo>& certificate_cache() {
    static std::unordered_map<std::string, CertificateInfo> cache;
    return cache;
}

}  // namespace

std::optional<CertificateInfo> inspect_certificate(core::Bytes der) {
    std::string digest = sha256_hex(der);
    auto& cache = certificate_cache();
    if (auto hit = cache.find(digest); hit != cache.end()) return hit->second;
    const unsigned char* p = der.data();
    std::unique_ptr<X509, X509Free> cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert) return std::nullopt;
    CertificateInfo info;
    info.sha256 = std::move(digest);
    info.subject = name_text(X509_get_subject_name(cert.get()));
    info.issuer = name_text(X509_get_issuer_name(cert.get()));
    info.not_before = asn1_time(X509_get0_notBefore(cert.get()));
    info.not_after = asn1_time(X509_get0_notAfter(cert.get()));
    std::unique_ptr<EVP_PKEY, PkeyFree> key(X509_get_pubkey(cert.get()));
    if (key) {
        int id = EVP_PKEY_get_base_id(key.get());
        const char* sn = OBJ_nid2sn(id);
        info.key_type = id == EVP_PKEY_RSA ? "RSA" : id == EVP_PKEY_EC ? "EC" : (sn != nullptr ? sn : "unknown");
        info.key_bits = EVP_PKEY_get_bits(key.get());
        // Self-signed: issuer equals subject and the certificate verifies with its own key.
        info.self_signed = X509_NAME_cmp(X509_get_subject_name(cert.get()),
                                         X509_get_issuer_name(cert.get())) == 0 &&
                           X509_verify(cert.get(), key.get()) == 1;
    }
    int sig_nid = X509_get_signature_nid(cert.get());
    const char* ln = OBJ_nid2ln(sig_nid);
    info.sig_alg = ln != nullptr ? ln : "unknown";
    if (cache.size() >= kCertificateCacheEntries) cache.clear();
    cache.emplace(info.sha256, info);
    return info;
}

}  // namespace vca::probes::tls
