// Tests for probes/config/coturn_parser: option syntax, the defaults of the
// two coturn generations, and the three corpus files.
#include "probes/config/coturn_parser.hpp"

#include <gtest/gtest.h>

#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using namespace testing;

ParsedConfig parse(const std::string& text) { return parse_checked(parse_coturn_conf, text, Format::CoturnConf); }

TEST(CoturnConf, OptionForms) {
    const std::string text =
        "# comment\n"
        "--listening-port=3478\n"
        "realm example.org\n"
        "external-ip = 203.0.113.5\n"
        "cipher-list=\"ECDHE+AESGCM\"\n"
        "denied-peer-ip=10.0.0.0-10.255.255.255\n"
        "denied-peer-ip=192.168.0.0-192.168.255.255\n"
        "allow-loopback-peers\n"
        "no-auth\n"
        "bad!option=1\n"
        "\r\n";
    const ParsedConfig c = parse(text);
    ASSERT_EQ(c.issues.size(), 1u) << issues(c);
    EXPECT_EQ(c.issues[0].line, 10);
    EXPECT_EQ(raw(c, "listening-port")->value, "3478");
    EXPECT_EQ(raw(c, "realm")->value, "example.org");
    EXPECT_EQ(raw(c, "external-ip")->value, "203.0.113.5");
    EXPECT_TRUE(has(c, "tls.ciphers", "ECDHE+AESGCM"));
    EXPECT_EQ(all(c, "turn.denied_peers").size(), 2u);
    EXPECT_TRUE(has(c, "turn.denied_peers", "10.0.0.0/8"));  // the range as the CIDR block rules compare with
    EXPECT_TRUE(has(c, "turn.loopback_peers", "on"));
    EXPECT_TRUE(has(c, "guest_access", "on"));
    EXPECT_EQ(find(c, "guest_access", "on")->line, 9);
}

TEST(CoturnConf, OlderFilesAcceptTls10UnlessDisabled) {
    EXPECT_TRUE(has(parse("lt-cred-mech\n"), "tls.min_version", "1.0", Source::Default));
    EXPECT_TRUE(has(parse("no-tlsv1\n"), "tls.min_version", "1.1"));
    EXPECT_TRUE(has(parse("no-tlsv1\nno-tlsv1_1\n"), "tls.min_version", "1.2"));
    EXPECT_TRUE(has(parse("no-tlsv1\nno-tlsv1_1\nno-tlsv1_2\n"), "tls.min_version", "1.3"));
    EXPECT_TRUE(absent(parse("no-tls\nno-dtls\n"), "tls.min_version"));
    // The CLI (a telnet console) was on by default.
    EXPECT_TRUE(has(parse("lt-cred-mech\n"), "mgmt.telnet", "on", Source::Default));
}

TEST(CoturnConf, NewerFilesNeedTlsv1ToAcceptIt) {
    // A file documenting the 4.7 `tlsv1` option comes from a release where
    // TLS 1.0/1.1 are off by default; the 4.10 `cli` option, CLI off.
    const ParsedConfig modern = parse("#tlsv1\n#tlsv1_1\n#cli\nlt-cred-mech\n");
    EXPECT_TRUE(has(modern, "tls.min_version", "1.2", Source::Default));
    EXPECT_TRUE(has(modern, "mgmt.telnet", "off", Source::Default));
    EXPECT_TRUE(has(parse("tlsv1_1\n"), "tls.min_version", "1.1"));
    EXPECT_TRUE(has(parse("tlsv1\n"), "tls.min_version", "1.0"));
    const ParsedConfig cli = parse("cli\ncli-ip=0.0.0.0\ncli-password=qwerty\n");
    EXPECT_TRUE(has(cli, "mgmt.telnet", "on"));
    EXPECT_TRUE(has(cli, "mgmt.bind", "0.0.0.0"));
    EXPECT_TRUE(secret_is(first(cli, "admin.password"), "qwerty"));
}

TEST(CoturnConf, AuthenticationDefaultsDependOnUsers) {
    EXPECT_TRUE(has(parse("realm=x\n"), "guest_access", "on", Source::Default));
    const ParsedConfig users = parse("user=alice:Wonder1and\nuser=bob:0x0123456789abcdef\n");
    EXPECT_TRUE(has(users, "guest_access", "off", Source::Default));
    ASSERT_EQ(all(users, "service.secret").size(), 1u);  // the 0x form is a key, not the password
    EXPECT_TRUE(secret_is(first(users, "service.secret"), "Wonder1and"));
    EXPECT_TRUE(has(parse("use-auth-secret\nstatic-auth-secret=x\n"), "guest_access", "off"));
    const ParsedConfig web = parse("web-admin\nweb-admin-ip=0.0.0.0\n");
    EXPECT_TRUE(has(web, "mgmt.https", "on"));
    EXPECT_TRUE(has(web, "mgmt.bind", "0.0.0.0"));
    const ParsedConfig mongo = parse("mongo-userdb=\"mongodb://u:Pw-9@db/coturn\"\n");
    EXPECT_TRUE(secret_is(first(mongo, "service.secret"), "Pw-9"));
}

TEST(CoturnCorpus, ReferenceFileHasNoActiveLine) {
    const ParsedConfig c = parse(corpus("coturn/turnserver.conf.example"));
    EXPECT_TRUE(c.raw.empty());
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    // It documents `tlsv1` and `cli` (coturn >= 4.10): TLS 1.2 minimum, CLI off.
    EXPECT_TRUE(has(c, "tls.min_version", "1.2", Source::Default));
    EXPECT_TRUE(has(c, "turn.denied_peers", "none", Source::Default));
    EXPECT_TRUE(has(c, "turn.loopback_peers", "off", Source::Default));
    EXPECT_TRUE(has(c, "guest_access", "on", Source::Default));
    EXPECT_TRUE(has(c, "mgmt.telnet", "off", Source::Default));
    EXPECT_TRUE(absent(c, "admin.password"));
    EXPECT_TRUE(absent(c, "syslog.server"));
}

TEST(CoturnCorpus, DockerConfig) {
    const ParsedConfig c = parse(corpus("coturn/docker_turnserver.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "guest_access", "off"));
    EXPECT_EQ(find(c, "guest_access", "off")->line, 183);
    EXPECT_TRUE(secret_is(first(c, "admin.password"), "CHANGE_ME"));
    EXPECT_EQ(first(c, "admin.password")->line, 747);
    EXPECT_TRUE(secret_is(first(c, "service.secret"), "CHANGE_ME"));  // mysql-userdb password
    EXPECT_EQ(raw(c, "tls-listening-port")->value, "5349");
    EXPECT_TRUE(has(c, "tls.min_version", "1.2", Source::Default));
    EXPECT_TRUE(has(c, "turn.denied_peers", "none", Source::Default));
    EXPECT_TRUE(absent(c, "syslog.server"));
}

TEST(CoturnCorpus, JitsiDeployment) {
    const ParsedConfig c = parse(corpus("coturn/blc-jitsi_turnserver.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(c.raw.size(), 17u);
    EXPECT_TRUE(has(c, "tls.min_version", "1.2"));
    EXPECT_EQ(find(c, "tls.min_version", "1.2")->line, 16);
    const Setting* secret = first(c, "service.secret");
    ASSERT_NE(secret, nullptr);
    EXPECT_EQ(secret->value.size(), 16u);
    EXPECT_TRUE(has(c, "guest_access", "off"));
    EXPECT_TRUE(has(c, "turn.loopback_peers", "off"));
    EXPECT_TRUE(has(c, "mgmt.telnet", "off"));
    EXPECT_TRUE(has(c, "turn.denied_peers", "none", Source::Default));  // every denied-peer-ip is commented
    EXPECT_NE(first(c, "tls.ciphers"), nullptr);
    ASSERT_NE(raw(c, "syslog"), nullptr);
    EXPECT_TRUE(absent(c, "syslog.server"));  // local syslog, not a remote server
}

}  // namespace
}  // namespace vca::probes::config
