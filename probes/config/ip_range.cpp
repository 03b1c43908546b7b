#include "probes/config/ip_range.hpp"

#include <cstdint>
#include <optional>

#include "auditor/core/ascii.hpp"

namespace vca::probes::config {

namespace ascii = core::ascii;

namespace {

std::optional<std::uint32_t> parse_ipv4(std::string_view s) {
    std::uint32_t value = 0;
    int parts = 0;
    while (parts < 4) {
        std::size_t n = 0;
        std::uint32_t octet = 0;
        while (n < s.size() && n < 4 && s[n] >= '0' && s[n] <= '9') octet = octet * 10 + static_cast<std::uint32_t>(s[n++] - '0');
        if (n == 0 || n > 3 || octet > 255) return std::nullopt;
        value = (value << 8) | octet;
        s.remove_prefix(n);
        ++parts;
        if (parts < 4) {
            if (s.empty() || s.front() != '.') return std::nullopt;
            s.remove_prefix(1);
        }
    }
    if (!s.empty()) return std::nullopt;
    return value;
}

std::string format_ipv4(std::uint32_t v) {
    return std::to_string(v >> 24) + '.' + std::to_string((v >> 16) & 255) + '.' + std::to_string((v >> 8) & 255) +
           '.' + std::to_string(v & 255);
}

}  // namespace

std::vector<std::string> ipv4_range_to_cidrs(std::string_view range, std::size_t max_blocks) {
    std::size_t dash = range.find('-');
    auto lo = parse_ipv4(ascii::trim(range.substr(0, dash), ascii::kBlanks));
    auto hi = dash == std::string_view::npos ? lo : parse_ipv4(ascii::trim(range.substr(dash + 1), ascii::kBlanks));
    if (!lo || !hi || *hi < *lo) return {};
    std::vector<std::string> out;
    std::uint64_t start = *lo;
    const std::uint64_t end = *hi;
    while (start <= end) {
        // The largest block that starts at `start` (aligned) and ends by `end`.
        int prefix = 32;
        while (prefix > 0) {
            std::uint64_t size = std::uint64_t{1} << (32 - (prefix - 1));
            if (start % size != 0 || start + size - 1 > end) break;
            --prefix;
        }
        if (out.size() == max_blocks) return {};
        out.push_back(format_ipv4(static_cast<std::uint32_t>(start)) + '/' + std::to_string(prefix));
        start += std::uint64_t{1} << (32 - prefix);
    }
    return out;
}

}  // namespace vca::probes::config
