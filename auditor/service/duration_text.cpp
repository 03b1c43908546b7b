#include "auditor/service/duration_text.hpp"

#include <cmath>
#include <cstdint>

namespace vca::service {
namespace {

double unit_seconds(char c) {
    switch (c) {
        case 's': return 1;
        case 'm': return 60;
        case 'h': return 3600;
        case 'd': return 86400;
        case 'w': return 7 * 86400;
        default: return 0;
    }
}

}  // namespace

core::Result<double> parse_duration(std::string_view text, std::string_view option) {
    auto bad = [&](const std::string& why) {
        return core::make_diag("E181", "--" + std::string(option) + " '" + std::string(text) + "': " + why,
                               "write a duration such as 24h, 15s, 30m, 7d or 1h30m");
    };
    if (text.empty()) return bad("empty");
    double total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        double number = 0;
        std::size_t digits = 0;
        // Bounded digit count: the value is checked against the maximum below.
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 12) {
            number = number * 10 + (text[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0) return bad("expected a number");
        double unit = 1;
        if (i < text.size()) {
            unit = unit_seconds(text[i]);
            if (unit == 0) return bad(std::string("unknown unit '") + text[i] + "' (s, m, h, d or w)");
            ++i;
        } else if (total > 0) {
            return bad("a unit is missing after the last number");
        }
        total += number * unit;
        if (total > kMaxDurationSeconds) return bad("longer than ten years");
    }
    if (total <= 0) return bad("must be longer than zero");
    return total;
}

std::string duration_text(double seconds) {
    auto left = static_cast<std::int64_t>(std::llround(seconds));
    if (left <= 0) return "0s";
    std::string out;
    for (auto [unit, suffix] : {std::pair<std::int64_t, char>{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}}) {
        if (left >= unit) {
            out += std::to_string(left / unit) + suffix;
            left %= unit;
        }
    }
    return out;
}

}  // namespace vca::service
