#include "reports/sign/timestamp.hpp"

#include <openssl/pem.h>
// clang-format off
#include <openssl/cms.h>
// clang-format on
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <climits>
#include <ctime>
#include <memory>

#include "reports/sign/codes.hpp"
#include "reports/sign/http_post.hpp"
#include "reports/sign/openssl_error.hpp"
#include "reports/sign/trust_store.hpp"
#include "reports/sign/x509_text.hpp"

namespace vca::sign {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const noexcept { Free(p); }
};
using TsReqPtr = std::unique_ptr<TS_REQ, Deleter<TS_REQ, TS_REQ_free>>;
using TsRespPtr = std::unique_ptr<TS_RESP, Deleter<TS_RESP, TS_RESP_free>>;
using TsMsgImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, Deleter<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>>;
using TsVerifyCtxPtr = std::unique_ptr<TS_VERIFY_CTX, Deleter<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;
using AlgorPtr = std::unique_ptr<X509_ALGOR, Deleter<X509_ALGOR, X509_ALGOR_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER, ASN1_INTEGER_free>>;

constexpr int kNonceBits = 64;
constexpr std::size_t kSha256Bytes = 32;

int no_pass_callback(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*user*/) { return -1; }

core::Result<TsRespPtr> parse_response(std::string_view der) {
    if (der.size() > static_cast<std::size_t>(INT_MAX))
        return core::make_diag(codes::kBadTimestamp, "not an RFC 3161 timestamp response (too large)");
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    TsRespPtr resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(der.size())));
    if (!resp)
        return openssl_diag(codes::kBadTimestamp, "not an RFC 3161 timestamp response",
                            "the .tsr must be the DER TimeStampResp the TSA returned", {});
    return resp;
}

// The token must say SHA-256: a weaker hash would not bind the signature.
bool imprint_is_sha256(TS_RESP* resp) {
    TS_TST_INFO* info = TS_RESP_get_tst_info(resp);
    if (info == nullptr) return false;
    X509_ALGOR* alg = TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(info));
    const ASN1_OBJECT* oid = nullptr;
    X509_ALGOR_get0(&oid, nullptr, nullptr, alg);
    return OBJ_obj2nid(oid) == NID_sha256;
}

std::int64_t unix_time(const ASN1_GENERALIZEDTIME* t) {
    std::tm tm{};
    if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
    return static_cast<std::int64_t>(timegm(&tm));
}

std::string tsa_subject_of(TS_RESP* resp) {
    PKCS7* token = TS_RESP_get_token(resp);
    if (token == nullptr || PKCS7_type_is_signed(token) == 0) return {};
    STACK_OF(X509)* signers = PKCS7_get0_signers(token, nullptr, 0);
    std::string out;
    if (signers != nullptr && sk_X509_num(signers) > 0) out = x509_subject(sk_X509_value(signers, 0));
    sk_X509_free(signers);
    clear_openssl_errors();  // no certificate in the token is not an error here
    return out;
}

}  // namespace

core::Result<std::string> timestamp_imprint(std::string_view p7s_pem) {
    clear_openssl_errors();
    if (p7s_pem.size() > static_cast<std::size_t>(INT_MAX))
        return core::make_diag(codes::kBadSignatureFile, "not a PEM CMS signature (too large)");
    BioPtr in(BIO_new_mem_buf(p7s_pem.data(), static_cast<int>(p7s_pem.size())));
    CmsPtr cms(in ? PEM_read_bio_CMS(in.get(), nullptr, no_pass_callback, nullptr) : nullptr);
    STACK_OF(CMS_SignerInfo)* infos = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
    if (infos == nullptr || sk_CMS_SignerInfo_num(infos) < 1)
        return openssl_diag(codes::kBadSignatureFile, "not a PEM CMS signature with a signer",
                            "pass the .p7s file written by vcaudit", {});
    ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(sk_CMS_SignerInfo_value(infos, 0));
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (sig == nullptr ||
        EVP_Digest(ASN1_STRING_get0_data(sig), static_cast<std::size_t>(ASN1_STRING_length(sig)), md, &len,
                   EVP_sha256(), nullptr) != 1)
        return openssl_diag(codes::kBadSignatureFile, "cannot hash the signature value", {}, {});
    return std::string(reinterpret_cast<const char*>(md), len);
}

core::Result<std::string> request_timestamp(const std::string& url, std::string_view p7s_pem) {
    auto imprint = timestamp_imprint(p7s_pem);
    if (!imprint) return imprint.error();
    clear_openssl_errors();

    TsReqPtr req(TS_REQ_new());
    TsMsgImprintPtr mi(TS_MSG_IMPRINT_new());
    AlgorPtr alg(X509_ALGOR_new());
    BignumPtr nonce_bn(BN_new());
    if (!req || !mi || !alg || !nonce_bn || TS_REQ_set_version(req.get(), 1) != 1 ||
        X509_ALGOR_set0(alg.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1 ||
        TS_MSG_IMPRINT_set_algo(mi.get(), alg.get()) != 1 ||
        TS_MSG_IMPRINT_set_msg(mi.get(), reinterpret_cast<unsigned char*>(imprint->data()),
                               static_cast<int>(imprint->size())) != 1 ||
        TS_REQ_set_msg_imprint(req.get(), mi.get()) != 1 ||
        BN_rand(nonce_bn.get(), kNonceBits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1)
        return openssl_diag(codes::kTimestampFailed, "cannot build the timestamp request", {}, url);
    Asn1IntegerPtr nonce(BN_to_ASN1_INTEGER(nonce_bn.get(), nullptr));
    if (!nonce || TS_REQ_set_nonce(req.get(), nonce.get()) != 1 || TS_REQ_set_cert_req(req.get(), 1) != 1)
        return openssl_diag(codes::kTimestampFailed, "cannot build the timestamp request", {}, url);
    unsigned char* der = nullptr;
    const int der_len = i2d_TS_REQ(req.get(), &der);
    if (der_len <= 0) return openssl_diag(codes::kTimestampFailed, "cannot encode the timestamp request", {}, url);
    std::string body(reinterpret_cast<const char*>(der), static_cast<std::size_t>(der_len));
    OPENSSL_free(der);

    auto answer = http_post(url, kTimestampQueryType, body);
    if (!answer) return answer.error();
    auto resp = parse_response(*answer);
    if (!resp) {
        core::Diagnostic d = resp.error();
        d.code = codes::kTimestampFailed;
        d.location = url;
        return d;
    }
    // Granted, and an answer to this very request: same imprint, same nonce.
    TsVerifyCtxPtr ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
    if (!ctx) return openssl_diag(codes::kTimestampFailed, "cannot check the timestamp response", {}, url);
    TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
    if (TS_RESP_verify_response(ctx.get(), resp->get()) != 1 || !imprint_is_sha256(resp->get()))
        return openssl_diag(codes::kTimestampFailed, "the timestamp authority did not grant this request",
                            "check that --tsa-url is an RFC 3161 service", url);
    clear_openssl_errors();
    return *answer;
}

core::Result<TimestampCheck> verify_timestamp(std::string_view tsr_der, std::string_view p7s_pem,
                                              const std::vector<std::filesystem::path>& tsa_anchors) {
    auto imprint = timestamp_imprint(p7s_pem);
    if (!imprint) return imprint.error();
    auto resp = parse_response(tsr_der);
    if (!resp) return resp.error();
    TimestampCheck out;
    if (TS_TST_INFO* info = TS_RESP_get_tst_info(resp->get())) {
        const ASN1_GENERALIZEDTIME* t = TS_TST_INFO_get_time(info);
        out.gen_time = asn1_time_iso(t);
        out.gen_time_unix = unix_time(t);
    }
    out.tsa_subject = tsa_subject_of(resp->get());

    TsVerifyCtxPtr ctx(TS_VERIFY_CTX_new());
    auto* md = static_cast<unsigned char*>(OPENSSL_malloc(imprint->size()));
    if (!ctx || md == nullptr) {
        OPENSSL_free(md);
        return openssl_diag(codes::kBadTimestamp, "cannot set up timestamp verification", {}, {});
    }
    std::copy(imprint->begin(), imprint->end(), md);
    TS_VERIFY_CTX_set_imprint(ctx.get(), md, static_cast<long>(imprint->size()));  // ctx owns md now
    int flags = TS_VFY_VERSION | TS_VFY_IMPRINT;
    if (!tsa_anchors.empty()) {
        auto store = load_trust_store(tsa_anchors);
        if (!store) return store.error();
        TS_VERIFY_CTX_set_store(ctx.get(), store->release());  // ctx owns the store now
        flags |= TS_VFY_SIGNATURE;
        out.signature_checked = true;
    }
    TS_VERIFY_CTX_set_flags(ctx.get(), flags);
    clear_openssl_errors();
    if (TS_RESP_verify_response(ctx.get(), resp->get()) != 1) {
        const std::string why = drain_openssl_errors();
        out.failure = "the timestamp does not hold" + (why.empty() ? std::string() : " [openssl: " + why + "]");
        return out;
    }
    if (!imprint_is_sha256(resp->get())) {
        out.failure = "the timestamp uses a hash other than SHA-256";
        return out;
    }
    if (out.gen_time.empty()) {
        out.failure = "the timestamp has no valid time";
        return out;
    }
    out.ok = true;
    return out;
}

}  // namespace vca::sign
