// Tests for probes/config/properties_parser (Java .properties) and
// shell_env_parser (KEY=value files): syntax edge cases and the Jitsi and
// BigBlueButton corpus files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "probes/config/properties_parser.hpp"
#include "probes/config/shell_env_parser.hpp"
#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using namespace testing;

ParsedConfig props(const std::string& text) { return parse_checked(parse_java_properties, text, Format::JavaProperties); }
ParsedConfig env(const std::string& text) { return parse_checked(parse_shell_env, text, Format::ShellEnv); }

TEST(JavaProperties, SeparatorsCommentsEscapesAndContinuations) {
    const std::string text =
        "# comment\n"
        "! also a comment\n"
        "a=1\n"
        "b : two words\n"
        "c three\n"
        "d\\:e = x\\=y\n"
        "uni = \\u0041\\u00e9\n"
        "long = first, \\\n"
        "       second, \\\r\n"
        "       third\n"
        "after = \\\\\n"
        "bad = \\u12\n";
    const ParsedConfig c = props(text);
    EXPECT_EQ(raw(c, "a")->value, "1");
    EXPECT_EQ(raw(c, "b")->value, "two words");
    EXPECT_EQ(raw(c, "c")->value, "three");
    EXPECT_EQ(raw(c, "d:e")->value, "x=y");
    EXPECT_EQ(raw(c, "uni")->value, "A\xC3\xA9");
    EXPECT_EQ(raw(c, "long")->value, "first, second, third");
    EXPECT_EQ(raw(c, "long")->line, 8);
    EXPECT_EQ(raw(c, "after")->value, "\\");  // an even number of backslashes does not continue
    EXPECT_EQ(raw(c, "after")->line, 11);
    ASSERT_EQ(c.issues.size(), 1u) << issues(c);
    EXPECT_EQ(c.issues[0].line, 12);
}

TEST(JavaProperties, JigasiAccountPasswordIsBase64) {
    const std::string text =
        "net.java.sip.communicator.impl.protocol.sip.acc1=acc1\n"
        "net.java.sip.communicator.impl.protocol.sip.acc1.PASSWORD=c2VjcmV0LXZhbHVl\n"
        "net.java.sip.communicator.impl.protocol.sip.acc2=acc2\n"
        "net.java.sip.communicator.impl.protocol.sip.acc2.PASSWORD=not base64!\n"
        "net.java.sip.communicator.impl.protocol.sip.acc2.PREFERRED_TRANSPORT=TLS\n"
        "net.java.sip.communicator.impl.protocol.sip.acc2.DEFAULT_ENCRYPTION=true\n";
    const ParsedConfig c = props(text);
    const auto pw = all(c, "sip.password");
    ASSERT_EQ(pw.size(), 2u);
    EXPECT_TRUE(secret_is(pw[0], "secret-value"));  // decoded
    EXPECT_TRUE(secret_is(pw[1], "not base64!"));   // kept as written
    EXPECT_EQ(raw(c, "net.java.sip.communicator.impl.protocol.sip.acc1.PASSWORD")->value.size(), 16u);
    EXPECT_TRUE(has(c, "sip.transport", "tls"));
    EXPECT_TRUE(has(c, "sip.transport", "udp", Source::Default));  // acc1 has no PREFERRED_TRANSPORT
    EXPECT_TRUE(has(c, "media.srtp", "optional"));
    EXPECT_EQ(c.device.product.value_or(""), "Jigasi");
}

TEST(JavaProperties, ReferencesToOtherKeys) {
    const ParsedConfig c = props("host=https://bbb.example\nbigbluebutton.web.serverURL=${host}\n");
    EXPECT_TRUE(has(c, "mgmt.https", "on"));
    EXPECT_EQ(raw(c, "bigbluebutton.web.serverURL")->value, "${host}");
}

TEST(PropertiesCorpus, JigasiRealServer) {
    const ParsedConfig c = props(corpus("jitsi/webrtc1_jigasi_sip-communicator.properties"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "media.srtp", "off"));
    EXPECT_TRUE(has(c, "sip.transport", "udp", Source::Default));
    const Setting* pw = first(c, "sip.password");
    ASSERT_NE(pw, nullptr);
    // MTIzNDU2 decodes to six digits (README: a weak numeric password).
    EXPECT_EQ(pw->value.size(), 6u);
    EXPECT_TRUE(std::all_of(pw->value.begin(), pw->value.end(), [](unsigned char ch) { return std::isdigit(ch); }));
    EXPECT_EQ(raw(c, "net.java.sip.communicator.impl.protocol.sip.acc1403273890647.ACCOUNT_UID")->value,
              "SIP:webrtc1@sip01.mundi-tv.tk");
    EXPECT_EQ(raw(c, "net.java.sip.communicator.packetlogging.PACKET_LOGGING_ENABLED")->value, "true");
}

TEST(PropertiesCorpus, VideobridgeRealServer) {
    const ParsedConfig c = props(corpus("jitsi/webrtc1_videobridge_sip-communicator.properties"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(c.raw.size(), 11u);  // the STUN mapping line is commented
    const Setting* pw = first(c, "service.secret");
    ASSERT_NE(pw, nullptr);
    EXPECT_EQ(pw->raw_key, "org.jitsi.videobridge.xmpp.user.shard.PASSWORD");
    EXPECT_EQ(pw->value.size(), 8u);
    EXPECT_EQ(c.device.product.value_or(""), "Jitsi Videobridge");
}

TEST(PropertiesCorpus, BigBlueButton) {
    const ParsedConfig c = props(corpus("bigbluebutton/bigbluebutton.properties"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "guest_access", "on"));
    EXPECT_EQ(find(c, "guest_access", "on")->line, 101);
    EXPECT_TRUE(has(c, "mgmt.http", "on"));
    EXPECT_TRUE(has(c, "log.level", "DEBUG"));
    EXPECT_TRUE(has(c, "recording.allowed", "on"));
    const Setting* salt = first(c, "service.secret");
    ASSERT_NE(salt, nullptr);
    EXPECT_EQ(salt->raw_key, "securitySalt");
    EXPECT_EQ(salt->value.size(), 32u);
    EXPECT_EQ(raw(c, "webcamsOnlyForModerator")->value, "false ");  // trailing blank kept, as written
    EXPECT_EQ(c.device.vendor.value_or(""), "BigBlueButton");
}

// ------------------------------------------------------------------ shell env

TEST(ShellEnv, QuotesExportCommentsAndBadLines) {
    const std::string text =
        "# c\n"
        "export A=\"x y\" # note\n"
        "B='single $X'\n"
        "C=plain#not-a-comment\n"
        "D=\"esc\\\"aped\"\n"
        "1BAD=x\n"
        "no equals\n"
        "E=\"open\n"
        "JVB_PORT=5347\n";
    const ParsedConfig c = env(text);
    EXPECT_EQ(raw(c, "A")->value, "x y");
    EXPECT_EQ(raw(c, "B")->value, "single $X");
    EXPECT_EQ(raw(c, "C")->value, "plain#not-a-comment");
    EXPECT_EQ(raw(c, "D")->value, "esc\"aped");
    ASSERT_EQ(c.issues.size(), 3u) << issues(c);
    EXPECT_EQ(c.issues[0].line, 6);
    EXPECT_EQ(c.issues[2].line, 8);
    EXPECT_TRUE(has(c, "mgmt.tcp_api", "on"));
}

TEST(ShellEnvCorpus, VideobridgeConfig) {
    const ParsedConfig c = env(corpus("jitsi/webrtc1_videobridge_config.env"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "mgmt.tcp_api", "on"));
    EXPECT_EQ(find(c, "mgmt.tcp_api", "on")->line, 10);
    const Setting* s = first(c, "service.secret");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->raw_key, "JVB_SECRET");
    EXPECT_EQ(s->value.size(), 8u);
    EXPECT_EQ(raw(c, "JVB_OPTS")->value, "--apis=,");
    EXPECT_EQ(raw(c, "JVB_HOST")->value, "");
}

TEST(ShellEnvCorpus, JicofoConfig) {
    const ParsedConfig c = env(corpus("jitsi/webrtc1_jicofo_config.env"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "mgmt.tcp_api", "on"));
    ASSERT_NE(first(c, "service.secret"), nullptr);
    EXPECT_EQ(first(c, "service.secret")->raw_key, "JICOFO_SECRET");
    ASSERT_NE(first(c, "admin.password"), nullptr);
    EXPECT_EQ(first(c, "admin.password")->raw_key, "JICOFO_AUTH_PASSWORD");
    EXPECT_EQ(first(c, "admin.password")->value.size(), 8u);
    EXPECT_EQ(c.device.product.value_or(""), "Jicofo");
}

}  // namespace
}  // namespace vca::probes::config
