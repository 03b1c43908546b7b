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
#include <openssl/x509_vfy.h>

#include <climits>
#include <ctime>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/openssl_error.hpp"
#include "reports/sign/trust_store.hpp"
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
        if (signer == nullptr) {
            out.problem = SignatureProblem::cert_mismatch;
            return "no certificate in the signature belongs to its signer: it was removed or replaced";
        }
        if (CMS_signed_get_attr_count(si) >= 0 && CMS_SignerInfo_verify(si) != 1) {
            out.problem = SignatureProblem::cert_mismatch;
            clear_openssl_errors();  // "bad signature" adds nothing
            return "the signature was not made by the key of the certificate it carries " + out.signer_subject +
                   " (certificate replaced, or signature damaged)";
        }
    }
    return {};
}

struct StoreCtxFree {
    void operator()(X509_STORE_CTX* p) const noexcept { X509_STORE_CTX_free(p); }
};
struct CertStackFree {
    void operator()(STACK_OF(X509)* p) const noexcept { sk_X509_pop_free(p, X509_free); }
};

std::string unix_iso(std::int64_t t) {
    const auto secs = static_cast<std::time_t>(t);
    std::tm tm{};
    if (gmtime_r(&secs, &tm) == nullptr) return "?";
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string not_before_iso(const X509* c) { return asn1_time_iso(X509_get0_notBefore(c)); }

// Builds the signer's chain to the anchors as `openssl cms -verify` does
// (S/MIME signing purpose, certificates carried in the signature as
// intermediates), then names the first problem in words a reader can act on.
void check_chain(CMS_ContentInfo* cms, X509_STORE* store, const VerifyParams& params, VerifyOutcome& out) {
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
    X509* signer = nullptr;
    CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(infos, 0), nullptr, &signer, nullptr, nullptr);
    std::unique_ptr<STACK_OF(X509), CertStackFree> carried(CMS_get1_certs(cms));
    std::unique_ptr<X509_STORE_CTX, StoreCtxFree> ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store, signer, carried.get()) != 1 ||
        X509_STORE_CTX_set_default(ctx.get(), "smime_sign") != 1) {
        out.problem = SignatureProblem::untrusted;
        out.failure = with_openssl_detail("cannot set up certificate verification");
        return;
    }
    const std::int64_t at = params.validity_time ? *params.validity_time : static_cast<std::int64_t>(std::time(nullptr));
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), static_cast<time_t>(at));
    const std::string when = (params.validity_time ? "at the timestamp time " : "now, ") + unix_iso(at);
    if (X509_verify_cert(ctx.get()) == 1) {
        out.trusted = true;
        clear_openssl_errors();
        return;
    }
    clear_openssl_errors();
    const int err = X509_STORE_CTX_get_error(ctx.get());
    X509* bad = X509_STORE_CTX_get_current_cert(ctx.get());
    if (bad == nullptr) bad = signer;
    const std::string who = X509_STORE_CTX_get_error_depth(ctx.get()) == 0
                                ? "the signer's certificate " + x509_subject(bad)
                                : "the issuing CA certificate " + x509_subject(bad);
    const std::string reason = X509_verify_cert_error_string(err);
    switch (err) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            out.problem = SignatureProblem::expired;
            out.failure = "certificate expired: " + who + " was valid until " + x509_not_after(bad) +
                          ", checked " + when;
            break;
        case X509_V_ERR_CERT_NOT_YET_VALID:
            out.problem = SignatureProblem::not_yet_valid;
            out.failure = "certificate not yet valid: " + who + " is valid only from " + not_before_iso(bad) +
                          ", checked " + when;
            break;
        case X509_V_ERR_INVALID_PURPOSE:
        case X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE:
        case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
            out.problem = SignatureProblem::key_usage;
            out.failure = "certificate not for signing documents: " + who +
                          " does not allow it (keyUsage needs digitalSignature or nonRepudiation; "
                          "extendedKeyUsage, if present, emailProtection) [" + reason + "]";
            break;
        default:
            out.problem = SignatureProblem::untrusted;
            out.failure = "untrusted: " + who + " does not chain to the given trust anchors (" + reason + ")";
            break;
    }
}

}  // namespace

const char* problem_label(SignatureProblem p) {
    switch (p) {
        case SignatureProblem::none: return "ok";
        case SignatureProblem::cert_mismatch: return "CERT-MISMATCH";
        case SignatureProblem::content_changed: return "MISMATCH";
        case SignatureProblem::expired: return "EXPIRED";
        case SignatureProblem::not_yet_valid: return "NOT-YET-VALID";
        case SignatureProblem::untrusted: return "UNTRUSTED";
        case SignatureProblem::key_usage: return "KEY-USAGE";
    }
    return "?";
}

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
    for (const auto& ca : id.chain)
        if (CMS_add1_cert(cms.get(), ca.get()) != 1)
            return openssl_diag(codes::kSignFailed, "cannot include the chain certificate " + x509_subject(ca.get()),
                                "the OpenSSL installation is broken", {});
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
    return verify_detached_with(p7s_pem, content, VerifyParams{trust_anchor_pems, std::nullopt});
}

core::Result<VerifyOutcome> verify_detached_with(std::string_view p7s_pem, std::string_view content,
                                                 const VerifyParams& params) {
    clear_openssl_errors();
    X509StorePtr store;
    if (!params.trust_anchor_pems.empty()) {
        auto loaded = load_trust_store(params.trust_anchor_pems);
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
        out.problem = SignatureProblem::content_changed;
        out.failure = with_openssl_detail(
            "the content does not match the signature: it was changed after signing");
        return out;
    }
    out.signature_ok = true;
    if (store) check_chain(cms.get(), store.get(), params, out);
    clear_openssl_errors();
    return out;
}

}  // namespace vca::sign
