// Tests of core::ascii: case folding only of A-Z, the three trim sets, word
// splitting and the bounded decimal reader.
#include "auditor/core/ascii.hpp"

#include <gtest/gtest.h>

#include <string>

namespace vca::core::ascii {
namespace {

TEST(Ascii, CaseFoldsOnlyAsciiLetters) {
    EXPECT_EQ(to_lower("Content-LENGTH: 12"), "content-length: 12");
    EXPECT_EQ(to_upper("pass word"), "PASS WORD");
    // UTF-8 bytes and punctuation next to the letter ranges stay as they are.
    EXPECT_EQ(to_lower("\xC3\x89@[`{"), "\xC3\x89@[`{");
    EXPECT_EQ(to_upper("\xC3\xA9@[`{"), "\xC3\xA9@[`{");
    EXPECT_TRUE(iequals("Digest", "dIGEST"));
    EXPECT_FALSE(iequals("Digest", "Digest "));
    EXPECT_FALSE(iequals("\xC3\x89", "\xC3\xA9"));  // É and é differ: not ASCII
}

TEST(Ascii, PrefixSuffixAndSearchIgnoreCase) {
    EXPECT_TRUE(istarts_with("+OK ready", "+ok"));
    EXPECT_FALSE(istarts_with("+O", "+ok"));
    EXPECT_TRUE(iends_with("sip.conf.SAMPLE", ".sample"));
    EXPECT_FALSE(iends_with("e", ".sample"));
    EXPECT_EQ(ifind("xxPassWORD", "password"), 2u);
    EXPECT_EQ(ifind("password password", "PASSWORD", 1), 9u);
    EXPECT_EQ(ifind("abc", "abcd"), std::string_view::npos);
    EXPECT_EQ(ifind("abc", "", 3), 3u);
    EXPECT_EQ(ifind("abc", "", 4), std::string_view::npos);
    EXPECT_TRUE(icontains("User Name:", "name"));
    EXPECT_TRUE(icontains("", ""));
    EXPECT_FALSE(icontains("login", "pass"));
}

TEST(Ascii, TrimSets) {
    const std::string s = " \t\f\vvalue \r\n";
    EXPECT_EQ(trim(s), "\f\vvalue");  // default: SP, HTAB, CR, LF
    EXPECT_EQ(trim(s, kWhitespace), "value");
    EXPECT_EQ(trim(" \tvalue\r\n", kBlanks), "value\r\n");
    EXPECT_EQ(trim(" \t\r\n"), "");
    EXPECT_EQ(trim(""), "");
    EXPECT_TRUE(is_space('\v') && is_space('\f') && !is_space('\0') && !is_space('x'));
    EXPECT_TRUE(is_blank('\t') && !is_blank('\n'));
}

TEST(Ascii, FirstWordAndRest) {
    std::string_view rest;
    EXPECT_EQ(first_word("AUTH  PLAIN dXNlcg==", &rest), "AUTH");
    EXPECT_EQ(rest, "PLAIN dXNlcg==");
    EXPECT_EQ(first_word("NOOP", &rest), "NOOP");
    EXPECT_EQ(rest, "");
    EXPECT_EQ(first_word(" lead", &rest), "");  // a leading blank ends an empty first word
    EXPECT_EQ(rest, "lead");
}

TEST(Ascii, DecimalsAreDigitsOnlyAndBounded) {
    EXPECT_EQ(parse_decimal("0"), 0u);
    EXPECT_EQ(parse_decimal("007"), 7u);
    EXPECT_EQ(parse_decimal("999999999999999999"), 999999999999999999u);  // 18 digits
    EXPECT_FALSE(parse_decimal("1000000000000000000").has_value());      // 19 digits
    EXPECT_FALSE(parse_decimal("").has_value());
    EXPECT_FALSE(parse_decimal(" 1").has_value());
    EXPECT_FALSE(parse_decimal("+1").has_value());
    EXPECT_FALSE(parse_decimal("12a").has_value());
}

}  // namespace
}  // namespace vca::core::ascii
