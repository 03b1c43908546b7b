#include "reports/export/export_ids.hpp"

#include <array>
#include <cctype>

namespace vca::report {
namespace {

// Two FNV-1a passes with different seeds: 32 hex digits, stable, not secure.
std::string fallback_hex(std::string_view text) {
    std::string out;
    for (std::uint64_t seed : {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL}) {
        std::uint64_t h = seed;
        for (unsigned char c : text) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
        static constexpr char kHex[] = "0123456789abcdef";
        for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kHex[(h >> shift) & 0xF]);
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
}

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

}  // namespace

std::string export_uuid(const ExportBinding& binding, std::string_view scope, std::string_view key) {
    std::string input = "vcaudit-export/1\n";
    input.append(scope).append("\n").append(key);
    std::string hex = binding.sha256_hex ? binding.sha256_hex(input) : std::string();
    if (hex.size() < 32) hex = fallback_hex(input);
    hex.resize(32);
    for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    hex[12] = '5';                                   // version 5 (name-based)
    hex[16] = "89ab"[hex_value(hex[16]) & 0x3];      // RFC 4122 variant
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

std::optional<std::int64_t> iso_utc_to_epoch_ms(std::string_view s) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
        s[16] != ':')
        return std::nullopt;
    if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d) || !read_int(s, 11, 2, h) ||
        !read_int(s, 14, 2, mi) || !read_int(s, 17, 2, sec))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    std::size_t pos = 19;
    std::int64_t ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        int digits = 0;
        for (++pos; pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])); ++pos, ++digits)
            if (digits < 3) ms = ms * 10 + (s[pos] - '0');
        if (digits == 0) return std::nullopt;
        for (; digits < 3; ++digits) ms *= 10;
    }
    if (pos + 1 != s.size() || (s[pos] != 'Z' && s[pos] != 'z')) return std::nullopt;
    std::int64_t days = days_from_civil(y, mo, d);
    return ((days * 24 + h) * 60 + mi) * 60000 + static_cast<std::int64_t>(sec) * 1000 + ms;
}

}  // namespace vca::report
