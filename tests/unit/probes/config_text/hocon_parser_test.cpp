// Tests for probes/config/hocon_parser: HOCON syntax (objects, dotted keys,
// separators, arrays, strings, comments, substitutions, ERB templates,
// damaged input) and the Jitsi files of the corpus.
#include "probes/config/hocon_parser.hpp"

#include <gtest/gtest.h>

#include "probes/config/config_limits.hpp"
#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using namespace testing;

ParsedConfig parse(const std::string& text) { return parse_checked(parse_hocon, text, Format::JitsiHocon); }

TEST(Hocon, ObjectsDottedKeysSeparatorsAndComments) {
    const std::string text =
        "// comment\n"
        "a {\n"
        "  b.c = 1   # trailing\n"
        "  \"d.e\": \"quoted.key\"\n"
        "  f { g: 5 seconds, h = true }\n"
        "}\n"
        "a.b.i = \"x\\\"y\"\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    ASSERT_NE(raw(c, "a.b.c"), nullptr);
    EXPECT_EQ(raw(c, "a.b.c")->value, "1");
    EXPECT_EQ(raw(c, "a.b.c")->line, 3);
    EXPECT_EQ(raw(c, "a.d.e")->value, "quoted.key");
    EXPECT_EQ(raw(c, "a.f.g")->value, "5 seconds");
    EXPECT_EQ(raw(c, "a.f.h")->value, "true");
    EXPECT_EQ(raw(c, "a.b.i")->value, "x\"y");
}

TEST(Hocon, RootBracesArraysAndTripleQuotes) {
    const std::string text =
        "{\n"
        "  list = [ \"a\", b\n"
        "    c ]\n"
        "  objs = [ { n = 1 }, { n = 2 } ]\n"
        "  empty = []\n"
        "  text = \"\"\"multi\n"
        "line\"\"\"\n"
        "  after = 1\n"
        "}\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(raw(c, "list[0]")->value, "a");
    EXPECT_EQ(raw(c, "list[2]")->value, "c");
    EXPECT_EQ(raw(c, "list[2]")->line, 3);
    EXPECT_EQ(raw(c, "objs[1].n")->value, "2");
    EXPECT_EQ(raw(c, "empty")->value, "[]");
    EXPECT_EQ(raw(c, "text")->value, "multi\nline");
    EXPECT_EQ(raw(c, "after")->line, 8);
}

TEST(Hocon, SubstitutionsResolvedWithinTheFile) {
    const std::string text =
        "base { password = ${secret.value}, opt = ${?missing}, port = 9090 }\n"
        "secret.value = ${inner}\n"
        "inner = \"Hunter2-Long\"\n"
        "videobridge.http-servers.public.port = ${base.port}\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(raw(c, "base.password")->value, "${secret.value}");  // raw stays as written
    const Setting* pw = find(c, "service.secret", "Hunter2-Long");
    ASSERT_NE(pw, nullptr);  // resolved through a chain of two
    EXPECT_FALSE(pw->placeholder);
    EXPECT_TRUE(has(c, "mgmt.http", "on"));
    EXPECT_EQ(raw(c, "base.opt")->value, "${?missing}");
    EXPECT_TRUE(is_placeholder(raw(c, "base.opt")->value));
}

TEST(Hocon, ErbTemplatesArePlaceholders) {
    const std::string text = "jicofo {\n  xmpp.client.password = \"<%= pw %>\"\n  authentication: { login-url: <%= domain %> }\n}\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    const Setting* pw = first(c, "service.secret");
    ASSERT_NE(pw, nullptr);
    EXPECT_TRUE(pw->placeholder);
    EXPECT_EQ(raw(c, "jicofo.authentication.login-url")->value, "<%= domain %>");
}

TEST(Hocon, DamagedLinesAreSkippedAndReadingContinues) {
    const std::string text =
        "a {\n"
        "  = 1\n"
        "  b\n"
        "  c = \"open\n"
        "  d = ${unclosed\n"
        "  e =\n"
        "  ok = 2\n"
        "}\n"
        "}\n"
        "include \"other.conf\"\n"
        "f { g = 1\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(has_issue(c, "expected a key")) << issues(c);
    EXPECT_TRUE(has_issue(c, "expected '=', ':' or '{'"));
    EXPECT_TRUE(has_issue(c, "not closed on its line"));
    EXPECT_TRUE(has_issue(c, "'${' is not closed"));
    EXPECT_TRUE(has_issue(c, "key without a value"));
    EXPECT_TRUE(has_issue(c, "'}' without an open object"));
    EXPECT_TRUE(has_issue(c, "object is not closed"));
    EXPECT_EQ(raw(c, "a.ok")->value, "2");
    EXPECT_EQ(raw(c, "include")->value, "other.conf");
    EXPECT_EQ(raw(c, "f.g")->value, "1");
}

TEST(Hocon, NestingIsBounded) {
    std::string text;
    for (std::size_t i = 0; i < limits::kMaxNesting + 5; ++i) text += "k" + std::to_string(i) + " {\n";
    for (std::size_t i = 0; i < limits::kMaxNesting + 5; ++i) text += "}\n";
    text += "after = 1\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(has_issue(c, "nested deeper")) << issues(c);
    EXPECT_NE(raw(c, "after"), nullptr);
}

TEST(Hocon, JicofoAuthentication) {
    EXPECT_TRUE(has(parse("jicofo.authentication { enabled = true, type = XMPP }\n"), "guest_access", "off"));
    EXPECT_TRUE(has(parse("jicofo.authentication { enabled = true, type = NONE }\n"), "guest_access", "on"));
    EXPECT_TRUE(has(parse("jicofo.authentication.enabled = false\n"), "guest_access", "on"));
    EXPECT_TRUE(has(parse("jicofo { bridge {} }\n"), "guest_access", "on", Source::Default));
    EXPECT_TRUE(absent(parse("videobridge { }\n"), "guest_access"));
}

// ------------------------------------------------------------------ corpus

TEST(HoconCorpus, JvbReference) {
    const ParsedConfig c = parse(corpus("jitsi/jvb_reference.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "mgmt.http", "off"));   // public port -1
    EXPECT_TRUE(has(c, "mgmt.https", "off"));  // public tls-port -1
    EXPECT_TRUE(has(c, "mgmt.bind", "127.0.0.1"));
    EXPECT_EQ(raw(c, "videobridge.ice.udp.port")->value, "10000");
    EXPECT_EQ(raw(c, "videobridge.sctp.enabled")->value, "true");
    EXPECT_EQ(raw(c, "videobridge.apis.xmpp-client.stats-filter.whitelist[11]")->value, "version");
    EXPECT_EQ(c.device.product.value_or(""), "Jitsi Videobridge");
}

TEST(HoconCorpus, JvbApplicationSubstitutionStaysUnresolved) {
    const ParsedConfig c = parse(corpus("jitsi/jvb_application.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    const RawSetting* r = raw(c, "ice4j.redact-remote-addresses");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->value, "${videobridge.redact-remote-addresses}");
    EXPECT_EQ(r->line, 22);
    EXPECT_EQ(raw(c, "ice4j.harvest.udp.receive-buffer-size")->value, "10485760");
}

TEST(HoconCorpus, JicofoReference) {
    const ParsedConfig c = parse(corpus("jitsi/jicofo_reference.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "guest_access", "on"));  // enabled = false, type = NONE
    EXPECT_TRUE(has(c, "mgmt.http", "on"));     // REST on 127.0.0.1:8888
    EXPECT_TRUE(has(c, "mgmt.bind", "127.0.0.1"));
    EXPECT_EQ(raw(c, "jicofo.rest.port")->value, "8888");
}

TEST(HoconCorpus, DrumeeTemplates) {
    const ParsedConfig jvb = parse(corpus("jitsi/drumee_jvb.conf"));
    EXPECT_TRUE(jvb.issues.empty()) << issues(jvb);
    ASSERT_NE(first(jvb, "service.secret"), nullptr);
    EXPECT_TRUE(first(jvb, "service.secret")->placeholder);
    EXPECT_TRUE(has(jvb, "tls.verify_peer", "off"));
    EXPECT_TRUE(has(jvb, "mgmt.http", "on"));
    EXPECT_TRUE(has(jvb, "mgmt.bind", "0.0.0.0"));
    EXPECT_TRUE(has(jvb, "turn.server", "meet-jit-si-turnrelay.jitsi.net:443"));
    EXPECT_EQ(raw(jvb, "videobridge.rest.shutdown.enabled")->value, "false");
    EXPECT_EQ(raw(jvb, "videobridge.websockets.tls")->value, "true");

    const ParsedConfig jicofo = parse(corpus("jitsi/drumee_jicofo.conf.tpl"));
    EXPECT_TRUE(jicofo.issues.empty()) << issues(jicofo);
    EXPECT_TRUE(has(jicofo, "guest_access", "off"));  // JWT
    EXPECT_TRUE(has(jicofo, "tls.verify_peer", "off"));
    ASSERT_NE(first(jicofo, "service.secret"), nullptr);
    EXPECT_TRUE(first(jicofo, "service.secret")->placeholder);
    EXPECT_EQ(raw(jicofo, "jicofo.authentication.type")->value, "JWT");
}

TEST(HoconCorpus, BlcDeployment) {
    const ParsedConfig jvb = parse(corpus("jitsi/blc_jvb.conf"));
    EXPECT_TRUE(has(jvb, "mgmt.http", "on"));
    EXPECT_EQ(find(jvb, "mgmt.http", "on")->line, 4);

    const ParsedConfig jicofo = parse(corpus("jitsi/blc_jicofo.conf"));
    EXPECT_TRUE(jicofo.issues.empty()) << issues(jicofo);
    EXPECT_TRUE(has(jicofo, "guest_access", "on", Source::Default));
    EXPECT_EQ(raw(jicofo, "jicofo.xmpp.trusted-domains[0]")->value, "recorder.jitsi.blc-meet.com");

    const ParsedConfig jibri = parse(corpus("jitsi/blc_jibri.conf"));
    EXPECT_TRUE(jibri.issues.empty()) << issues(jibri);
    const auto secrets = all(jibri, "service.secret");
    ASSERT_EQ(secrets.size(), 2u);
    for (const Setting* s : secrets) EXPECT_TRUE(secret_is(s, "1")) << s->raw_key;
    EXPECT_EQ(secrets[0]->raw_key, "jibri.api.xmpp.environments[0].control-login.password");
    EXPECT_TRUE(has(jibri, "tls.verify_peer", "off"));
    EXPECT_TRUE(has(jibri, "recording.allowed", "on"));
    EXPECT_EQ(values(jibri, "mgmt.http"), "[on][on]");
    EXPECT_EQ(raw(jibri, "jibri.streaming.rtmp-allow-list[0]")->value, ".*");
    EXPECT_EQ(raw(jibri, "jibri.call-status-checks.no-media-timeout")->value, "30 seconds");
    EXPECT_EQ(jibri.device.role, "recorder");
}

}  // namespace
}  // namespace vca::probes::config
