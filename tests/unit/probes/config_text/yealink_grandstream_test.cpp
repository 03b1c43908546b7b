// Tests for the Yealink (.cfg/.boot) and Grandstream P-value text parsers:
// snippets for the syntax and value codes, then every corpus file of the two
// formats against the notable settings of MANIFEST.tsv.
#include <gtest/gtest.h>

#include "probes/config/grandstream_pvalues.hpp"
#include "probes/config/grandstream_text_parser.hpp"
#include "probes/config/yealink_parser.hpp"
#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using namespace testing;

// ------------------------------------------------------------------ Yealink

TEST(YealinkCfg, KeyValueWithBomCrlfCommentsAndStaticPrefix) {
    const std::string text =
        "\xEF\xBB\xBF#!version:1.0.0.1\r\n"
        "## comment\r\n"
        "static.auto_provision.server.url = tftp://10.0.0.1/cfg\r\n"
        "account.1.sip_server.1.transport_type = 2\r\n"
        "account.2.sip_server.1.transport_type = 3\r\n"
        "account.1.srtp_encryption = 1\r\n"
        "static.wui.http_enable = 0\r\n"
        "static.network.snmp.enable = 1\r\n";
    const ParsedConfig c = parse_yealink_cfg(text);
    expect_invariants(c, text, Format::YealinkCfg);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    ASSERT_NE(raw(c, "static.auto_provision.server.url"), nullptr);
    EXPECT_EQ(raw(c, "static.auto_provision.server.url")->line, 3);
    EXPECT_TRUE(has(c, "provisioning.scheme", "tftp"));
    EXPECT_TRUE(has(c, "sip.transport", "tls")) << values(c, "sip.transport");
    EXPECT_TRUE(has(c, "sip.transport", "dnsnaptr"));
    EXPECT_TRUE(has(c, "media.srtp", "optional"));
    EXPECT_TRUE(has(c, "mgmt.http", "off"));
    EXPECT_TRUE(has(c, "mgmt.https", "on", Source::Default));
    EXPECT_TRUE(has(c, "snmp.enabled", "on"));
    EXPECT_FALSE(has(c, "sip.transport", "udp", Source::Default));  // a file value, no default
}

TEST(YealinkCfg, AdminPasswordIsThePartAfterAdminColon) {
    const std::string text = "#!version:1.0.0.1\nsecurity.user_password = admin:s3cr3t-Value\nsecurity.user_password = user:user\n";
    const ParsedConfig c = parse_yealink_cfg(text);
    ASSERT_EQ(all(c, "admin.password").size(), 1u);  // the user account is not the administrator
    EXPECT_TRUE(secret_is(first(c, "admin.password"), "s3cr3t-Value"));
    EXPECT_EQ(first(c, "admin.password")->line, 2);
}

TEST(YealinkCfg, NullIsEmptyAndTemplatesArePlaceholders) {
    const std::string text = "#!version:1.0.0.1\nsyslog.server = %NULL%\nlocal_time.ntp_server1 = {$ntp}\n"
                             "auto_provision.server.url = {$proto}://{$host}\n";
    const ParsedConfig c = parse_yealink_cfg(text);
    EXPECT_TRUE(absent(c, "syslog.server"));
    ASSERT_NE(first(c, "ntp.server"), nullptr);
    EXPECT_TRUE(first(c, "ntp.server")->placeholder);
    ASSERT_NE(first(c, "provisioning.scheme"), nullptr);
    EXPECT_TRUE(first(c, "provisioning.scheme")->placeholder);
}

TEST(YealinkCfg, FirmwareFileNameGivesModelAndVersion) {
    const ParsedConfig c = parse_yealink_cfg("#!version:1.0.0.1\nfirmware.url = http://fw.example/T46S-66.86.0.130.rom\n");
    EXPECT_TRUE(has(c, "firmware.scheme", "http"));
    EXPECT_EQ(c.device.model.value_or(""), "T46S");
    EXPECT_EQ(c.device.firmware.value_or(""), "66.86.0.130");
}

TEST(YealinkCfg, BadLinesAreReportedAndReadingContinues) {
    const std::string text = "#!version:1.0.0.1\nthis line has no equals sign\n = value\naccount.1.auto_answer = 1\ninclude:config\n";
    const ParsedConfig c = parse_yealink_cfg(text);
    expect_invariants(c, text, Format::YealinkCfg);
    ASSERT_EQ(c.issues.size(), 3u) << issues(c);
    EXPECT_EQ(c.issues[0].line, 2);
    EXPECT_EQ(c.issues[1].line, 3);
    EXPECT_EQ(c.issues[2].line, 5);
    EXPECT_TRUE(has(c, "auto_answer", "on"));
}

TEST(YealinkCfg, BootFileIncludesAreProvisioningUrls) {
    const std::string text = "#!version:1.0.0.1\ninclude:config \"http://p.example/a.cfg\"\ninclude:config $mac.cfg\noverwrite_mode = 1\n";
    const ParsedConfig c = parse_yealink_cfg(text);
    EXPECT_EQ(all(c, "provisioning.url").size(), 1u);
    EXPECT_TRUE(has(c, "provisioning.scheme", "http"));
    EXPECT_TRUE(absent(c, "sip.transport"));  // a boot file gets no device defaults
    ASSERT_NE(raw(c, "include:config"), nullptr);
}

TEST(YealinkCorpus, RealT4xExport) {
    const std::string text = corpus("yealink/exported_MAC-all_T4x.cfg");
    const ParsedConfig c = parse_yealink_cfg(text);
    expect_invariants(c, text, Format::YealinkCfg);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "snmp.enabled", "on"));
    EXPECT_TRUE(has(c, "provisioning.scheme", "https"));
    EXPECT_TRUE(has(c, "sip.port", "5062"));
    ASSERT_NE(raw(c, "static.security.default_ssl_method"), nullptr);
    EXPECT_EQ(raw(c, "static.security.default_ssl_method")->value, "5");
    EXPECT_TRUE(absent(c, "ntp.server"));
    EXPECT_TRUE(absent(c, "syslog.server"));
    EXPECT_TRUE(absent(c, "admin.password"));  // the export strips passwords
    EXPECT_TRUE(has(c, "sip.transport", "udp", Source::Default));
}

TEST(YealinkCorpus, TeamsBootFileProvisionsOverHttp) {
    const std::string text = corpus("yealink/teams_y000000000000.boot");
    const ParsedConfig c = parse_yealink_cfg(text);
    expect_invariants(c, text, Format::YealinkCfg);
    EXPECT_TRUE(has(c, "provisioning.url", "http://noam.ipp.sdg.teams.microsoft.com"));
    EXPECT_TRUE(has(c, "provisioning.scheme", "http"));
    EXPECT_TRUE(absent(c, "ntp.server"));
}

TEST(YealinkCorpus, Vp530TemplateKeepsPlaceholders) {
    const std::string text = corpus("yealink/vp530_common_template.cfg");
    const ParsedConfig c = parse_yealink_cfg(text);
    expect_invariants(c, text, Format::YealinkCfg);
    for (const char* key : {"admin.password", "syslog.server", "provisioning.url", "provisioning.scheme", "ntp.server", "firmware.url"}) {
        const Setting* s = first(c, key);
        ASSERT_NE(s, nullptr) << key;
        EXPECT_TRUE(s->placeholder) << key;
    }
    EXPECT_TRUE(has(c, "log.level", "3"));
}

TEST(YealinkCorpus, W52pTemplateFactoryPasswordAndHttpFirmware) {
    const std::string text = corpus("yealink/xivo_yealink_w52p_fw20_model.tpl");
    const ParsedConfig c = parse_yealink_cfg(text);
    expect_invariants(c, text, Format::YealinkCfg);
    ASSERT_EQ(all(c, "admin.password").size(), 1u);
    EXPECT_TRUE(secret_is(first(c, "admin.password"), "admin"));  // admin:admin factory default
    EXPECT_FALSE(first(c, "admin.password")->placeholder);
    EXPECT_TRUE(has(c, "firmware.scheme", "http"));
    EXPECT_TRUE(first(c, "firmware.url")->placeholder);
    EXPECT_TRUE(absent(c, "syslog.server"));  // %NULL%
    EXPECT_TRUE(absent(c, "ntp.server"));
    EXPECT_TRUE(absent(c, "sip.password"));
}

// ------------------------------------------------------------------ Grandstream

TEST(GrandstreamText, PValuesAndCodes) {
    const std::string text = "# c\nP2 = Adm1n-Pass\nP130=2\nP183 = 1\nP212 = 2\nP6767 = 9\nP237 = https://cfg.example/\nP34=\nP30 = pool.ntp.org\n";
    const ParsedConfig c = parse_grandstream_text(text);
    expect_invariants(c, text, Format::GrandstreamText);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(secret_is(first(c, "admin.password"), "Adm1n-Pass"));
    EXPECT_TRUE(has(c, "sip.transport", "tls"));
    EXPECT_TRUE(has(c, "media.srtp", "optional"));
    EXPECT_TRUE(has(c, "provisioning.scheme", "https"));
    EXPECT_TRUE(has(c, "firmware.scheme", "9"));  // unknown code kept as written
    EXPECT_TRUE(has(c, "ntp.server", "pool.ntp.org"));
    EXPECT_TRUE(absent(c, "sip.password"));  // empty
    EXPECT_EQ(find(c, "sip.transport", "udp"), nullptr);  // set by the file: no default
}

TEST(GrandstreamText, BadLinesReported) {
    const std::string text = "P2 = x\nnot a setting\nP 3 = y\nP47 = sip.example\n";
    const ParsedConfig c = parse_grandstream_text(text);
    expect_invariants(c, text, Format::GrandstreamText);
    ASSERT_EQ(c.issues.size(), 2u) << issues(c);
    EXPECT_EQ(c.issues[0].line, 2);
    EXPECT_EQ(c.issues[1].line, 3);
    ASSERT_NE(raw(c, "P47"), nullptr);
    EXPECT_EQ(raw(c, "P47")->line, 4);
}

TEST(GrandstreamPValues, SharedTableForTheXmlParser) {
    const std::vector<RawSetting> raw{{"P212", "1", 7}, {"p6767", "0", 8}, {"P999", "1", 9}, {"P183", "2", 10}};
    const std::vector<Setting> s = normalise_grandstream_pvalues(raw);
    ParsedConfig c;
    c.settings = s;
    EXPECT_TRUE(has(c, "provisioning.scheme", "http"));
    EXPECT_EQ(find(c, "provisioning.scheme", "http")->line, 7);
    EXPECT_EQ(find(c, "provisioning.scheme", "http")->raw_key, "P212");
    EXPECT_TRUE(has(c, "firmware.scheme", "tftp"));
    EXPECT_TRUE(has(c, "media.srtp", "required"));
    EXPECT_TRUE(has(c, "sip.transport", "udp", Source::Default));
    EXPECT_EQ(all(c, "media.srtp").size(), 1u);
}

TEST(GrandstreamCorpus, Gxp1610PValues) {
    const std::string text = corpus("grandstream/gxp1610_pvalues.txt");
    const ParsedConfig c = parse_grandstream_text(text);
    expect_invariants(c, text, Format::GrandstreamText);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(secret_is(first(c, "admin.password"), "password"));
    EXPECT_EQ(first(c, "admin.password")->line, 9);
    EXPECT_TRUE(has(c, "provisioning.scheme", "tftp"));
    EXPECT_TRUE(has(c, "firmware.scheme", "tftp"));
    EXPECT_TRUE(has(c, "provisioning.url", "172.18.18.250"));
    EXPECT_TRUE(has(c, "firmware.url", "172.18.18.250"));
    EXPECT_TRUE(has(c, "sip.transport", "udp", Source::Default));
    EXPECT_TRUE(has(c, "media.srtp", "off", Source::Default));
    EXPECT_TRUE(absent(c, "sip.password"));  // P34 is empty in this template
    ASSERT_NE(raw(c, "P238"), nullptr);
    EXPECT_EQ(raw(c, "P145")->value, "1");
}

}  // namespace
}  // namespace vca::probes::config
