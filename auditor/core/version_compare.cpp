#include "auditor/core/version_compare.hpp"

#include <cctype>
#include <cstddef>

namespace vca::core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_separator(char c) { return c == '.' || c == '-' || c == '_' || c == ' ' || c == '/'; }

// Next token: a run of digits (leading zeros dropped) or a run of other
// non-separator characters, lower-cased for comparison.
struct Token {
    std::string_view text;
    bool number = false;
};

Token next(std::string_view s, std::size_t& i) {
    while (i < s.size() && is_separator(s[i])) ++i;
    std::size_t start = i;
    if (i >= s.size()) return {};
    bool number = is_digit(s[i]);
    while (i < s.size() && !is_separator(s[i]) && is_digit(s[i]) == number) ++i;
    std::string_view t = s.substr(start, i - start);
    if (number)
        while (t.size() > 1 && t.front() == '0') t.remove_prefix(1);
    return {t, number};
}

int compare_text(std::string_view a, std::string_view b) {
    for (std::size_t k = 0; k < a.size() && k < b.size(); ++k) {
        int ca = std::tolower(static_cast<unsigned char>(a[k])), cb = std::tolower(static_cast<unsigned char>(b[k]));
        if (ca != cb) return ca < cb ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    while (true) {
        Token x = next(a, i), y = next(b, j);
        if (x.text.empty() && y.text.empty()) return 0;
        if (x.text.empty()) return -1;
        if (y.text.empty()) return 1;
        if (x.number && y.number) {
            if (x.text.size() != y.text.size()) return x.text.size() < y.text.size() ? -1 : 1;
            if (int c = x.text.compare(y.text); c != 0) return c < 0 ? -1 : 1;
        } else if (x.number != y.number) {
            return x.number ? 1 : -1;  // "1.0.1" > "1.0.beta"
        } else if (int c = compare_text(x.text, y.text); c != 0) {
            return c;
        }
    }
}

}  // namespace vca::core
