#include "probes/creds/digest_compute.hpp"

#include <algorithm>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <optional>

#include "auditor/core/ascii.hpp"

namespace vca::probes::creds {
namespace {

namespace ascii = core::ascii;

struct Algorithm {
    const char* openssl_name;
    bool sess;
};

// Header parameter values: only SP and HTAB are trimmed (RFC 9110 OWS).
std::string lower_trimmed(std::string_view s) { return ascii::to_lower(ascii::trim(s, ascii::kBlanks)); }

// Algorithm tokens of RFC 7616 §3.3 (IANA "HTTP Digest Hash Algorithms");
// no algorithm means MD5 (RFC 2617 §3.2.1).
std::optional<Algorithm> algorithm_of(std::string_view name) {
    std::string a = lower_trimmed(name);
    if (a.empty() || a == "md5") return Algorithm{"MD5", false};
    if (a == "md5-sess") return Algorithm{"MD5", true};
    if (a == "sha-256") return Algorithm{"SHA2-256", false};
    if (a == "sha-256-sess") return Algorithm{"SHA2-256", true};
    if (a == "sha-512-256") return Algorithm{"SHA2-512/256", false};
    if (a == "sha-512-256-sess") return Algorithm{"SHA2-512/256", true};
    return std::nullopt;
}

constexpr char kHexDigits[] = "0123456789abcdef";

}  // namespace

DigestCalculator::DigestCalculator(const DigestParams& d, std::string_view username) {
    // userhash (RFC 7616 §3.4.4): the header holds H(user:realm), not the name HA1 needs.
    if (d.userhash) return;
    auto algorithm = algorithm_of(d.algorithm);
    if (!algorithm) return;
    std::string qop = lower_trimmed(d.qop);
    if (!qop.empty() && qop != "auth") return;  // auth-int hashes the body, which the event does not carry
    md_ = EVP_MD_fetch(nullptr, algorithm->openssl_name, nullptr);
    ctx_ = EVP_MD_CTX_new();
    if (!md_ || !ctx_ || static_cast<std::size_t>(EVP_MD_get_size(md_)) * 2 > kMaxHex) {
        EVP_MD_free(md_);
        md_ = nullptr;
        return;
    }
    sess_ = algorithm->sess;
    algorithm_ = algorithm->openssl_name;
    ha1_prefix_ = std::string(username) + ":" + d.realm + ":";
    sess_suffix_ = ":" + d.nonce + ":" + d.cnonce;
    response_mid_ = qop.empty() ? ":" + d.nonce + ":"  // RFC 2069 form
                                : ":" + d.nonce + ":" + d.nc + ":" + d.cnonce + ":" + qop + ":";
    char ha2[kMaxHex];
    std::size_t ha2_len = 0;
    if (!hash_hex({d.method, ":", d.uri}, ha2, ha2_len)) {
        EVP_MD_free(md_);
        md_ = nullptr;
        return;
    }
    ha2_hex_.assign(ha2, ha2_len);
    expected_ = lower_trimmed(d.response);
}

DigestCalculator::~DigestCalculator() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
    OPENSSL_cleanse(ha1_prefix_.data(), ha1_prefix_.size());
}

bool DigestCalculator::hash_hex(std::initializer_list<std::string_view> parts, char* out, std::size_t& out_len) {
    unsigned char raw[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1) return false;
    for (auto p : parts)
        if (!p.empty() && EVP_DigestUpdate(ctx_, p.data(), p.size()) != 1) return false;
    if (EVP_DigestFinal_ex(ctx_, raw, &n) != 1 || std::size_t{n} * 2 > kMaxHex) return false;
    for (unsigned int i = 0; i < n; ++i) {
        out[2 * i] = kHexDigits[raw[i] >> 4];
        out[2 * i + 1] = kHexDigits[raw[i] & 0x0f];
    }
    out_len = std::size_t{n} * 2;
    return true;
}

bool DigestCalculator::compute(std::string_view password, char* out, std::size_t& out_len) {
    char ha1[kMaxHex];
    std::size_t ha1_len = 0;
    bool ok = hash_hex({ha1_prefix_, password}, ha1, ha1_len) && response_from_ha1({ha1, ha1_len}, out, out_len);
    OPENSSL_cleanse(ha1, sizeof ha1);  // HA1 is as good as the password for this realm
    return ok;
}

bool DigestCalculator::response_from_ha1(std::string_view ha1_hex, char* out, std::size_t& out_len) {
    char ha1[kMaxHex];
    std::size_t ha1_len = std::min(ha1_hex.size(), kMaxHex);
    std::copy_n(ha1_hex.data(), ha1_len, ha1);
    bool ok = true;
    // -sess: A1 = H(user:realm:password):nonce:cnonce with H in hex, as RFC 7616
    // §3.4.2 and the common clients do (RFC 2617's sample code hashed the raw bytes).
    if (sess_) ok = hash_hex({std::string_view(ha1, ha1_len), sess_suffix_}, ha1, ha1_len);
    if (ok) ok = hash_hex({std::string_view(ha1, ha1_len), response_mid_, ha2_hex_}, out, out_len);
    OPENSSL_cleanse(ha1, sizeof ha1);
    return ok;
}

std::string DigestCalculator::ha1_scope() const {
    return testable() ? algorithm_ + "\n" + ha1_prefix_ : std::string();
}

std::string DigestCalculator::ha1_hex(std::string_view password) {
    if (!testable()) return {};
    char ha1[kMaxHex];
    std::size_t len = 0;
    if (!hash_hex({ha1_prefix_, password}, ha1, len)) return {};
    return std::string(ha1, len);
}

bool DigestCalculator::matches_ha1(std::string_view ha1_hex) {
    if (!testable() || expected_.empty() || ha1_hex.empty()) return false;
    char out[kMaxHex];
    std::size_t len = 0;
    if (!response_from_ha1(ha1_hex, out, len)) return false;
    return std::string_view(out, len) == expected_;
}

std::string DigestCalculator::response(std::string_view password) {
    if (!testable()) return {};
    char out[kMaxHex];
    std::size_t len = 0;
    if (!compute(password, out, len)) return {};
    return std::string(out, len);
}

bool DigestCalculator::matches(std::string_view password) {
    if (!testable() || expected_.empty()) return false;
    char out[kMaxHex];
    std::size_t len = 0;
    if (!compute(password, out, len)) return false;
    return std::string_view(out, len) == expected_;
}

std::string digest_response(const DigestParams& d, std::string_view username, std::string_view password) {
    DigestCalculator calc(d, username);
    return calc.response(password);
}

}  // namespace vca::probes::creds
