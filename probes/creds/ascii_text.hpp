// ASCII helpers for the text login protocols (HTTP, RTSP, FTP, telnet, POP3,
// IMAP, SMTP): their keywords are case-insensitive ASCII, and the bytes are
// untrusted, so nothing here assumes a locale or valid UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vca::probes::creds::ascii {

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_space(char c) { return c == ' ' || c == '\t'; }

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

inline bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

inline bool iends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// Position of `needle` in `hay`, ignoring ASCII case; npos when absent.
inline std::size_t ifind(std::string_view hay, std::string_view needle, std::size_t from = 0) {
    if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= hay.size(); ++i)
        if (iequals(hay.substr(i, needle.size()), needle)) return i;
    return std::string_view::npos;
}

inline bool icontains(std::string_view hay, std::string_view needle) {
    return ifind(hay, needle) != std::string_view::npos;
}

inline std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

inline std::string to_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = upper(c);
    return out;
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (is_space(s.front()) || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (is_space(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

// First word of `s` and the text after the spaces that follow it.
inline std::string_view first_word(std::string_view s, std::string_view* rest = nullptr) {
    std::size_t end = 0;
    while (end < s.size() && !is_space(s[end])) ++end;
    if (rest) {
        std::size_t next = end;
        while (next < s.size() && is_space(s[next])) ++next;
        *rest = s.substr(next);
    }
    return s.substr(0, end);
}

// Overwrites a buffer that held a secret before releasing it, so the bytes do
// not linger in freed heap memory (volatile: the stores must not be elided).
inline void wipe(std::string& s) {
    volatile char* p = s.data();
    for (std::size_t i = 0; i < s.size(); ++i) p[i] = 0;
    s.clear();
}

}  // namespace vca::probes::creds::ascii
