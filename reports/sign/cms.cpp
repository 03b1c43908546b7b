#include "reports/sign/cms.hpp"

// pem.h first: cms.h declares PEM_{read,write}_bio_CMS only if pem.h came before it.
#include <openssl/pem.h>
// clang-format off
#include <openssl/cms.h>
// clang-format on
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <climits>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/openssl_error.hpp"
#include "reports/sign/x509_text.hpp"

namespace vca::sign {

namespace {

// Binary: the signature covers the exact bytes, never a CRLF-normalised copy.
constexpr unsigned int kSignFlags = CMS_BINARY | CMS_DETACHED;

// Read-only BIO over caller memory (no copy); null if too large for OpenSSL's int length.
BioPtr view_bio(std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return BioPtr();
    // BIO_new_mem_buf refuses a null pointer even for zero bytes.
    const char* data = bytes.empty() ? "" : bytes.data();
    return BioPtr(BIO_new_mem_buf(data, static_cast<int>(bytes.size())));
}

std::string with_openssl_detail(std::string text) {
    const std::string queue = drain_openssl_errors();
    if (!queue.empty()) text += " [openssl: " + queue + "]";
    return text;
}

int no_pass_callback(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*user*/) { return -1; }

// Every certificate in every anchor file goes into one store.
core::Result<X509StorePtr> load_trust_store(const std::vector<std::filesystem::path>& paths) {
    X509StorePtr store(X509_STORE_new());
    if (!store)
        return openssl_diag(codes::kBadCertificate, "cannot create a certificate store",
                            "the OpenSSL installation is broken", {});
    for (const auto& path : paths) {
        auto text = read_file_bounded(path);
        if (!text) return text.error();
        BioPtr bio = view_bio(text.value());
        if (!bio)
            return openssl_diag(codes::kBadCertificate, "cannot buffer the trust anchor file",
                                "the OpenSSL installation is broken", path.string());
        int count = 0;
        while (X509Ptr cert{PEM_read_bio_X509(bio.get(), nullptr, no_pass_callback, nullptr)}) {
            if (X509_STORE_add_cert(store.get(), cert.get()) != 1)
                return openssl_diag(codes::kBadCertificate, "cannot use this trust anchor",
                                    "pass PEM CA certificates as trust anchors", path.string());
            ++count;
        }
        clear_openssl_errors();  // the loop always ends on "no start line"
        if (count == 0)
            return core::make_diag(codes::kBadCertificate, "no PEM certificate found",
                                   "trust anchors must be PEM certificate files "
                                   "(-----BEGIN CERTIFICATE-----)",
                                   path.string());
    }
    return store;
}

std::string signing_time_of(CMS_SignerInfo* si) {
    const int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (idx < 0) return {};
    X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, idx);
    ASN1_TYPE* t = attr != nullptr ? X509_ATTRIBUTE_get0_type(attr, 0) : nullptr;
    if (t == nullptr) return {};
    const int type = ASN1_TYPE_get(t);
    if (type != V_ASN1_UTCTIME && type != V_ASN1_GENERALIZEDTIME) return {};
    return asn1_time_iso(t->value.asn1_string);
}

// Signer details, and each signer's signature over its signed attributes.
// Returns "" if all hold, else why not. The content digest is checked later.
std::string check_signers(CMS_ContentInfo* cms, VerifyOutcome& out) {
    // Matches each SignerInfo to a certificate carried in the signature.
    if (CMS_set1_signers_certs(cms, nullptr, 0) < 0)
        return with_openssl_detail("cannot match signers to certificates");
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
    const int n = infos != nullptr ? sk_CMS_SignerInfo_num(infos) : 0;
    if (n <= 0) return "the signature has no signer";
    for (int i = 0; i < n; ++i) {
        CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, i);
        X509* signer = nullptr;
        CMS_SignerInfo_get0_algs(si, nullptr, &signer, nullptr, nullptr);
        if (i == 0) {
            out.signer_subject = x509_subject(signer);
            out.signer_cert_sha256 = x509_sha256(signer);
            out.signing_time = signing_time_of(si);
        }
        if (signer == nullptr)
            return "the signer's certificate is not included in the signature";
        if (CMS_signed_get_attr_count(si) >= 0 && CMS_SignerInfo_verify(si) != 1)
            return with_openssl_detail(
                "the signature is invalid: damaged, or not made by the key of its certificate");
    }
    return {};
}

}  // namespace

core::Result<std::string> sign_detached(const SigningIdentity& id, std::string_view content) {
    if (!id.key || !id.cert)
        return core::make_diag(codes::kSignFailed, "no signing key loaded",
                               "load a key and certificate before signing");
    clear_openssl_errors();
    BioPtr in = view_bio(content);
    if (!in)
        return openssl_diag(codes::kSignFailed, "cannot buffer the content to sign",
                            "the content must be smaller than 2 GiB", {});
    // PARTIAL: start empty so the digest can be fixed to SHA-256 when adding the signer.
    CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, kSignFlags | CMS_PARTIAL));
    if (!cms)
        return openssl_diag(codes::kSignFailed, "cannot create a CMS signature",
                            "the OpenSSL installation is broken", {});
    // The signer certificate is included by default (no CMS_NOCERTS); OpenSSL
    // adds content-type, message-digest and signing-time when it signs in
    // CMS_final. No S/MIME capabilities: they only concern encrypted mail.
    if (CMS_add1_signer(cms.get(), id.cert.get(), id.key.get(), EVP_sha256(),
                        CMS_BINARY | CMS_NOSMIMECAP) == nullptr)
        return openssl_diag(codes::kSignFailed, "cannot add the signer",
                            "use a key type OpenSSL can sign with (EC, RSA, Ed25519)", {});
    if (CMS_final(cms.get(), in.get(), nullptr, kSignFlags) != 1)
        return openssl_diag(codes::kSignFailed, "cannot compute the signature",
                            "check the signing key", {});
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!out || PEM_write_bio_CMS(out.get(), cms.get()) != 1)
        return openssl_diag(codes::kSignFailed, "cannot encode the signature as PEM",
                            "the OpenSSL installation is broken", {});
    char* data = nullptr;
    const long n = BIO_get_mem_data(out.get(), &data);
    return std::string(data, n > 0 ? static_cast<std::size_t>(n) : 0U);
}

core::Result<VerifyOutcome> verify_detached(
    std::string_view p7s_pem, std::string_view content,
    const std::vector<std::filesystem::path>& trust_anchor_pems) {
    clear_openssl_errors();
    X509StorePtr store;
    if (!trust_anchor_pems.empty()) {
        auto loaded = load_trust_store(trust_anchor_pems);
        if (!loaded) return loaded.error();
        store = std::move(loaded).value();
    }

    BioPtr in = view_bio(p7s_pem);
    CmsPtr cms(in ? PEM_read_bio_CMS(in.get(), nullptr, no_pass_callback, nullptr) : nullptr);
    if (!cms)
        return openssl_diag(codes::kBadSignatureFile, "not a PEM CMS signature",
                            "pass the .p7s file written by vcaudit (-----BEGIN CMS-----)", {});
    if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed)
        return openssl_diag(codes::kBadSignatureFile, "a CMS message, but not a signature",
                            "pass the .p7s file written by vcaudit", {});

    VerifyOutcome out;
    out.failure = check_signers(cms.get(), out);
    if (!out.failure.empty()) return out;

    // Content digest against the embedded signer certificate only.
    BioPtr data = view_bio(content);
    if (!data)
        return openssl_diag(codes::kBadSignatureFile, "cannot buffer the signed content",
                            "the content must be smaller than 2 GiB", {});
    if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr,
                   CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
        out.failure = with_openssl_detail(
            "the content does not match the signature: it was changed after signing");
        return out;
    }
    out.signature_ok = true;
    if (!store) return out;

    // Same check again, now also building the signer's chain to the anchors.
    data = view_bio(content);
    if (!data)
        return openssl_diag(codes::kBadSignatureFile, "cannot buffer the signed content",
                            "the content must be smaller than 2 GiB", {});
    if (CMS_verify(cms.get(), nullptr, store.get(), data.get(), nullptr, CMS_BINARY) == 1) {
        out.trusted = true;
    } else {
        out.failure = with_openssl_detail(
            "the signer's certificate does not chain to the given trust anchors");
    }
    clear_openssl_errors();
    return out;
}

}  // namespace vca::sign
