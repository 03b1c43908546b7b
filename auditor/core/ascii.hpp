// ASCII text helpers for the parsers of untrusted text (protocol keywords,
// header names, configuration keys): nothing here depends on the locale or
// assumes valid UTF-8, and bytes >= 0x80 are never letters, digits or space.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vca::core::ascii {

// The sets of "space" that the grammars here trim.
inline constexpr std::string_view kBlanks = " \t";                // SP and HTAB (RFC 5234 WSP)
inline constexpr std::string_view kLineSpace = " \t\r\n";         // blanks and line ends
inline constexpr std::string_view kWhitespace = " \t\r\n\f\v";    // C isspace() in the "C" locale

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }
constexpr bool is_space(char c) { return kWhitespace.find(c) != std::string_view::npos; }

std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
bool iends_with(std::string_view s, std::string_view suffix);
// Position of `needle` in `hay` at or after `from`, ignoring case; npos when absent.
std::size_t ifind(std::string_view hay, std::string_view needle, std::size_t from = 0);
bool icontains(std::string_view hay, std::string_view needle);

// `s` without leading and trailing characters of `space`.
std::string_view trim(std::string_view s, std::string_view space = kLineSpace);

// First word of `s` (up to a blank) and, in `rest`, the text after the
// blanks that follow it.
std::string_view first_word(std::string_view s, std::string_view* rest = nullptr);

// 1 to 18 decimal digits and nothing else (18 digits cannot overflow);
// nullopt otherwise.
std::optional<std::uint64_t> parse_decimal(std::string_view digits);

}  // namespace vca::core::ascii
