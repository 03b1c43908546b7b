#include "probes/creds/secret_guard.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "auditor/core/limits.hpp"
#include "probes/creds/digest_compute.hpp"

namespace vca::probes::creds {
namespace {

constexpr std::size_t kRevealFromChars = 8;  // shorter secrets show only their length
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kDots = "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2";  // •••
constexpr std::string_view kEllipsis = "\xE2\x80\xA6\xE2\x80\xA6";          // ……

bool continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629 §4), 0 if none.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = at(i);
    std::size_t n = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3
                                                                 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
    if (n == 0 || s.size() - i < n) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if (!continuation(at(i + k))) return 0;
    unsigned char c1 = n > 1 ? at(i + 1) : 0;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f) || (c == 0xf0 && c1 < 0x90) ||
        (c == 0xf4 && c1 > 0x8f))
        return 0;
    return n;
}

// A character as it may appear in a report: itself when printable, else U+FFFD.
std::string_view shown(std::string_view s, std::size_t i, std::size_t n) {
    if (n == 0) return kReplacement;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 1 && (c < 0x20 || c == 0x7f)) return kReplacement;
    if (n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0) return kReplacement;  // C1 controls
    return s.substr(i, n);
}

// Characters (code points; an invalid byte counts as one).
std::size_t utf8_length(std::string_view s) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++chars) {
        std::size_t n = utf8_sequence(s, i);
        i += n == 0 ? 1 : n;
    }
    return chars;
}

std::string fold(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

void cleanse(std::string& s) {
    if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
}

Judgement not_testable() {
    Judgement j;
    j.testable = false;
    return j;
}

}  // namespace

std::string redact(std::string_view secret) {
    if (secret.empty()) return "(empty)";
    std::size_t chars = 0, first_at = 0, first_len = 0, last_at = 0, last_len = 0;
    for (std::size_t i = 0; i < secret.size();) {
        std::size_t n = utf8_sequence(secret, i);
        std::size_t step = n == 0 ? 1 : n;  // an invalid byte counts as one character
        if (chars == 0) first_at = i, first_len = n;
        last_at = i, last_len = n;
        ++chars;
        i += step;
    }
    std::string count = " (" + std::to_string(chars) + (chars == 1 ? " char)" : " chars)");
    if (chars < kRevealFromChars) return std::string(kDots) + count;
    return std::string(shown(secret, first_at, first_len)) + std::string(kEllipsis) +
           std::string(shown(secret, last_at, last_len)) + count;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    static const unsigned char kNoBytes = 0;  // HMAC() wants non-null pointers even for empty input
    const void* k = key.empty() ? &kNoBytes : static_cast<const void*>(key.data());
    const auto* d = data.empty() ? &kNoBytes : reinterpret_cast<const unsigned char*>(data.data());
    if (!HMAC(EVP_sha256(), k, static_cast<int>(key.size()), d, data.size(), mac, &len)) return {};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::size_t{len} * 2);
    for (unsigned int i = 0; i < len; ++i) {
        out.push_back(kHex[mac[i] >> 4]);
        out.push_back(kHex[mac[i] & 0x0f]);
    }
    return out;
}

SecretGuard::SecretGuard(std::vector<WeakCandidate> candidates, std::string hmac_key)
    : candidates_(std::move(candidates)), key_(std::move(hmac_key)) {
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        exact_.emplace(candidates_[i].secret, i);
        folded_.emplace(fold(candidates_[i].secret), i);
    }
}

Judgement SecretGuard::judge_secret(std::string_view secret) const {
    Judgement j;
    j.redacted = redact(secret);
    j.hmac = hmac_sha256_hex(key_, secret);
    if (secret.empty()) {
        j.weak = true;
        j.weak_source = "empty secret";
        return j;
    }
    std::string key(secret);
    if (auto it = exact_.find(key); it != exact_.end()) {
        j.weak = true;
        j.weak_source = candidates_[it->second].source;
    } else {
        std::string folded = fold(secret);
        if (auto f = folded_.find(folded); f != folded_.end()) {
            j.weak = true;
            j.weak_source = candidates_[f->second].source + " (letter case differs)";
        }
        cleanse(folded);
    }
    cleanse(key);
    if (!j.weak && utf8_length(secret) < core::limits::kMinStrongSecretLength) {
        // A handful of characters falls to an exhaustive search in seconds,
        // listed or not (NIST SP 800-63B §5.1.1.2 asks for at least 8).
        j.weak = true;
        j.weak_source = "shorter than " + std::to_string(core::limits::kMinStrongSecretLength) + " characters";
    }
    return j;
}

Judgement SecretGuard::judge_digest(std::string_view username, const DigestParams& d) const {
    DigestCalculator calc(d, username);
    if (!calc.testable() || d.response.empty()) return not_testable();
    Judgement j;  // no secret crossed the network: nothing to redact or hash
    const std::vector<std::string>& ha1s = list_ha1s(calc, username);
    // ha1s[0]: empty password, [1]: the user name, then the candidates in order.
    for (std::size_t i = 0; i < ha1s.size(); ++i) {
        if (i == 1 && username.empty()) continue;
        if (!calc.matches_ha1(ha1s[i])) continue;
        j.weak = true;
        j.weak_source = i == 0 ? "empty password" : i == 1 ? "password equal to the user name" : candidates_[i - 2].source;
        break;
    }
    return j;
}

const std::vector<std::string>& SecretGuard::list_ha1s(DigestCalculator& calc, std::string_view username) const {
    std::string scope = calc.ha1_scope();
    if (auto it = ha1_memo_.find(scope); it != ha1_memo_.end()) return it->second;
    if (ha1_memo_.size() >= kMaxRememberedAccounts) ha1_memo_.clear();
    std::vector<std::string> ha1s;
    ha1s.reserve(candidates_.size() + 2);
    ha1s.push_back(calc.ha1_hex(""));
    ha1s.push_back(calc.ha1_hex(username));
    for (const auto& c : candidates_) ha1s.push_back(calc.ha1_hex(c.secret));
    return ha1_memo_.emplace(std::move(scope), std::move(ha1s)).first->second;
}

Judgement SecretGuard::judge(const CredentialEvent& e) const {
    if (e.secret_kind == "digest") return e.digest ? judge_digest(e.username, *e.digest) : not_testable();
    if (e.secret_kind != "password" && e.secret_kind != "community" && e.secret.empty()) return not_testable();
    Judgement j = judge_secret(e.secret);
    if (!j.weak && !e.username.empty()) {
        std::string a = fold(e.secret), b = fold(e.username);
        if (a == b) {
            j.weak = true;
            j.weak_source = "password equal to the user name";
        }
        cleanse(a);
    }
    return j;
}

}  // namespace vca::probes::creds
