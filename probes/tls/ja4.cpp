// JA4 (see ja4.hpp); the rules quoted below are those of the public JA4 spec.
#include "probes/tls/ja4.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "probes/tls/cipher_suites.hpp"
#include "probes/tls/x509_adapter.hpp"

namespace vca::probes::tls {
namespace {

constexpr std::size_t kJa4HashChars = 12;
constexpr std::size_t kJa4MaxCount = 99;  // counts are two digits, capped

std::vector<std::uint16_t> without_grease(const std::vector<std::uint16_t>& values) {
    std::vector<std::uint16_t> out;
    out.reserve(values.size());
    for (auto v : values)
        if (!is_grease(v)) out.push_back(v);
    return out;
}

bool is_dtls_version(std::uint16_t v) { return (v >> 8) == 0xfe; }

// Orders versions by age: DTLS numbers count down (0xfeff is 1.0, 0xfefc 1.3),
// so "highest" there means the smallest number.
bool newer(std::uint16_t a, std::uint16_t b) {
    if (is_dtls_version(a) && is_dtls_version(b)) return a < b;
    return a > b;
}

// The highest supported_versions entry, else the ClientHello's legacy_version.
std::string version_code(const ClientHello& ch) {
    std::uint16_t v = ch.legacy_version;
    auto offered = without_grease(ch.supported_versions);
    if (!offered.empty()) {
        v = offered.front();
        for (auto o : offered)
            if (newer(o, v)) v = o;
    }
    switch (v) {
        case 0x0304: return "13";
        case 0x0303: return "12";
        case 0x0302: return "11";
        case 0x0301: return "10";
        case 0x0300: return "s3";
        case 0x0002: return "s2";
        case 0xfeff: return "d1";
        case 0xfefd: return "d2";
        case 0xfefc: return "d3";
        default: return "00";
    }
}

std::string two_digits(std::size_t n) {
    n = std::min(n, kJa4MaxCount);
    char b[4];
    std::snprintf(b, sizeof b, "%02zu", n);
    return b;
}

bool alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// First and last character of the first ALPN value; when either end is not
// alphanumeric, the first and last hex digits of the value instead.
std::string alpn_code(const ClientHello& ch) {
    if (ch.alpn.empty() || ch.alpn.front().empty()) return "00";
    const std::string& v = ch.alpn.front();
    const auto first = static_cast<unsigned char>(v.front());
    const auto last = static_cast<unsigned char>(v.back());
    if (alnum(first) && alnum(last)) return std::string{static_cast<char>(first), static_cast<char>(last)};
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string{kHex[first >> 4], kHex[last & 0x0f]};
}

std::string hex_list(const std::vector<std::uint16_t>& values) {
    std::string out;
    char b[8];
    for (auto v : values) {
        std::snprintf(b, sizeof b, "%04x", static_cast<unsigned>(v));
        if (!out.empty()) out += ',';
        out += b;
    }
    return out;
}

std::vector<std::uint16_t> sorted_ciphers(const ClientHello& ch) {
    auto c = without_grease(ch.cipher_suites);
    std::sort(c.begin(), c.end());
    return c;
}

// Extensions sorted, SNI and ALPN left out (already in the first part).
std::vector<std::uint16_t> sorted_extensions(const ClientHello& ch) {
    auto e = without_grease(ch.extensions);
    e.erase(std::remove_if(e.begin(), e.end(), [](auto t) { return t == kExtServerName || t == kExtAlpn; }),
            e.end());
    std::sort(e.begin(), e.end());
    return e;
}

// "<extensions>" or "<extensions>_<signature algorithms>" when any were sent.
std::string extension_text(const ClientHello& ch) {
    std::string text = hex_list(sorted_extensions(ch));
    auto sigs = without_grease(ch.signature_algorithms);
    if (!sigs.empty()) text += "_" + hex_list(sigs);
    return text;
}

std::string truncated_sha256(const std::string& text) {
    return sha256_hex(core::Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()))
        .substr(0, kJa4HashChars);
}

}  // namespace

std::string ja4_a(const ClientHello& ch, Ja4Transport transport) {
    const char proto = transport == Ja4Transport::Quic ? 'q' : transport == Ja4Transport::Dtls ? 'd' : 't';
    const auto exts = without_grease(ch.extensions);
    const bool sni = std::find(exts.begin(), exts.end(), kExtServerName) != exts.end();
    return std::string(1, proto) + version_code(ch) + (sni ? "d" : "i") +
           two_digits(without_grease(ch.cipher_suites).size()) + two_digits(exts.size()) + alpn_code(ch);
}

std::string ja4_raw(const ClientHello& ch, Ja4Transport transport) {
    return ja4_a(ch, transport) + "_" + hex_list(sorted_ciphers(ch)) + "_" + extension_text(ch);
}

std::string ja4(const ClientHello& ch, Ja4Transport transport) {
    const auto ciphers = sorted_ciphers(ch);
    const std::string b = ciphers.empty() ? std::string(kJa4HashChars, '0') : truncated_sha256(hex_list(ciphers));
    const std::string c =
        sorted_extensions(ch).empty() ? std::string(kJa4HashChars, '0') : truncated_sha256(extension_text(ch));
    return ja4_a(ch, transport) + "_" + b + "_" + c;
}

}  // namespace vca::probes::tls
