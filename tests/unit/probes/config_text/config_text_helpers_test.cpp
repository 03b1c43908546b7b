// Tests for probes/config/config_text (the shared line reader and value
// helpers) and for the limits every text parser inherits from ConfigBuilder.
#include "probes/config/config_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "probes/config/config_limits.hpp"
#include "probes/config/shell_env_parser.hpp"
#include "probes/config/yealink_parser.hpp"
#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using namespace testing;

TEST(ConfigText, SplitLinesHandlesBomCrlfCrAndLongLines) {
    text::ConfigBuilder out(Format::ShellEnv);
    const std::string long_line(limits::kMaxLineLength + 10, 'x');
    const std::string input = "\xEF\xBB\xBF" "a\r\nb\rc\n\n" + long_line + "\nlast";
    const std::vector<text::Line> lines = text::split_lines(input, out);
    ASSERT_EQ(lines.size(), 6u);
    EXPECT_EQ(lines[0].text, "a");
    EXPECT_EQ(lines[1].text, "b");
    EXPECT_EQ(lines[2].text, "c");
    EXPECT_EQ(lines[3].text, "");
    EXPECT_EQ(lines[4].text.size(), limits::kMaxLineLength);
    EXPECT_EQ(lines[5].text, "last");
    EXPECT_EQ(lines[5].number, 6);
    ASSERT_EQ(out.view().issues.size(), 1u);
    EXPECT_EQ(out.view().issues[0].line, 5);
}

TEST(ConfigText, ByteOrderMarkAndWhiteSpace) {
    EXPECT_EQ(text::strip_bom("\xEF\xBB\xBF<a/>"), "<a/>");
    EXPECT_EQ(text::strip_bom("<a/>"), "<a/>");
    EXPECT_EQ(text::strip_bom("\xEF\xBB"), "\xEF\xBB");
    // Form feed and vertical tab are space in these formats.
    EXPECT_EQ(text::trim("\f\v key = value \t\r\n"), "key = value");
    EXPECT_EQ(text::trim(" \f\v\t "), "");
}

TEST(ConfigText, TlsVersionNames) {
    EXPECT_EQ(text::tls_version("TLSv1").value_or("?"), "1.0");
    EXPECT_EQ(text::tls_version("tlsv1_1").value_or("?"), "1.1");
    EXPECT_EQ(text::tls_version("TLSv1.2+").value_or("?"), "1.2");
    EXPECT_EQ(text::tls_version("\"TLSv1.3\"").value_or("?"), "1.3");
    EXPECT_EQ(text::tls_version("SSLv23").value_or("?"), "1.0");
    EXPECT_EQ(text::tls_version("sslv3").value_or("?"), "1.0");
    EXPECT_FALSE(text::tls_version("TLSv9").has_value());
    EXPECT_FALSE(text::tls_version("HIGH").has_value());
}

TEST(ConfigText, SmallValueHelpers) {
    EXPECT_EQ(text::url_scheme("HTTPS://a/b"), "https");
    EXPECT_EQ(text::url_scheme("172.18.18.250"), "");
    EXPECT_EQ(text::url_scheme("{$x}://y"), "");
    EXPECT_EQ(text::url_password("mysql://u:p%40ss@host/db"), "p%40ss");
    EXPECT_EQ(text::url_password("mysql://u@host/db"), "");
    EXPECT_TRUE(text::matches_indexed("account.12.sip_server.3.transport_type", "account.#.sip_server.#.transport_type"));
    EXPECT_FALSE(text::matches_indexed("account..password", "account.#.password"));
    EXPECT_FALSE(text::matches_indexed("account.1.password2", "account.#.password"));
    EXPECT_EQ(text::parse_bool(" Yes ").value_or(false), true);
    EXPECT_EQ(text::parse_bool("0").value_or(true), false);
    EXPECT_FALSE(text::parse_bool("maybe").has_value());
    EXPECT_EQ(text::parse_int("-1").value_or(0), -1);
    EXPECT_FALSE(text::parse_int("12a").has_value());
    EXPECT_FALSE(text::parse_int("").has_value());
}

TEST(ConfigText, DefaultsAreRecordedOncePerValue) {
    text::ConfigBuilder out(Format::AsteriskIni);
    out.set_default("media.srtp", "off");
    out.set_default("media.srtp", "off");
    out.set("media.srtp", "", "x", 1);  // an empty value is no setting
    EXPECT_EQ(out.view().settings.size(), 1u);
}

TEST(ConfigText, RawSettingsAreBounded) {
    std::string input;
    for (std::size_t i = 0; i < limits::kMaxRawSettings + 5; ++i) input += "K" + std::to_string(i) + "=v\n";
    const ParsedConfig c = parse_shell_env(input);
    EXPECT_EQ(c.raw.size(), limits::kMaxRawSettings);
    EXPECT_TRUE(has_issue(c, "the rest is not read")) << issues(c);
}

TEST(ConfigText, IssuesAreBounded) {
    std::string input = "#!version:1.0.0.1\n";
    for (std::size_t i = 0; i < limits::kMaxIssues * 2; ++i) input += "broken line\n";
    input += "account.1.srtp_encryption = 2\n";
    const ParsedConfig c = parse_yealink_cfg(input);
    EXPECT_EQ(c.issues.size(), limits::kMaxIssues);
    EXPECT_TRUE(has_issue(c, "the rest are not reported"));
    EXPECT_TRUE(has(c, "media.srtp", "required"));  // reading went on to the end
}

}  // namespace
}  // namespace vca::probes::config
