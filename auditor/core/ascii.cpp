#include "auditor/core/ascii.hpp"

namespace vca::core::ascii {

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = upper(c);
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

std::size_t ifind(std::string_view hay, std::string_view needle, std::size_t from) {
    if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= hay.size(); ++i)
        if (iequals(hay.substr(i, needle.size()), needle)) return i;
    return std::string_view::npos;
}

bool icontains(std::string_view hay, std::string_view needle) { return ifind(hay, needle) != std::string_view::npos; }

std::string_view trim(std::string_view s, std::string_view space) {
    const std::size_t first = s.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    const std::size_t last = s.find_last_not_of(space);
    return s.substr(first, last - first + 1);
}

std::string_view first_word(std::string_view s, std::string_view* rest) {
    std::size_t end = 0;
    while (end < s.size() && !is_blank(s[end])) ++end;
    if (rest != nullptr) {
        std::size_t next = end;
        while (next < s.size() && is_blank(s[next])) ++next;
        *rest = s.substr(next);
    }
    return s.substr(0, end);
}

std::optional<std::uint64_t> parse_decimal(std::string_view digits) {
    if (digits.empty() || digits.size() > 18) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : digits) {
        if (!is_digit(c)) return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

}  // namespace vca::core::ascii
