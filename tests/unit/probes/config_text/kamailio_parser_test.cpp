// Tests for probes/config/kamailio_parser (kamailio.cfg / opensips.cfg) and
// kamailio_tls_parser (tls.cfg): preprocessor evaluation, statements over
// several lines, comments, the stop at routing logic, and the corpus files.
#include <gtest/gtest.h>

#include "probes/config/config_limits.hpp"
#include "probes/config/kamailio_parser.hpp"
#include "probes/config/kamailio_tls_parser.hpp"
#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using namespace testing;

ParsedConfig parse(const std::string& text) { return parse_checked(parse_kamailio_cfg, text, Format::KamailioCfg); }
ParsedConfig parse_tls(const std::string& text) { return parse_checked(parse_kamailio_tls_cfg, text, Format::KamailioTlsCfg); }

TEST(KamailioCfg, IfdefElseEndifWithDefinesSeenSoFar) {
    const std::string text =
        "#!KAMAILIO\n"
        "#!define WITH_TLS\n"
        "#!ifdef WITH_TLS\n"
        "enable_tls=yes\n"
        "#!else\n"
        "enable_sctp=no\n"
        "#!endif\n"
        "#!ifndef WITH_TLS\n"
        "#!define NOT_TAKEN 1\n"
        "#!endif\n"
        "#!ifdef NOT_TAKEN\n"
        "debug=9\n"
        "#!endif\n"
        "#!trydef LEVEL 3\n"
        "#!trydef LEVEL 4\n"
        "debug=LEVEL\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "sip.transport", "tls"));
    ASSERT_NE(raw(c, "inactive:enable_sctp"), nullptr);
    EXPECT_EQ(raw(c, "inactive:enable_sctp")->line, 6);
    ASSERT_NE(raw(c, "inactive:debug"), nullptr);
    EXPECT_EQ(values(c, "log.level"), "[3]");  // trydef keeps the first value; debug=9 inactive
}

TEST(KamailioCfg, NestedConditionsAndSubstdef) {
    const std::string text =
        "#!substdef \"!MY_PORT!5080!g\"\n"
        "#!ifdef A\n"
        "  #!ifdef B\n"
        "  listen=udp:1.1.1.1:1\n"
        "  #!else\n"
        "  listen=udp:2.2.2.2:2\n"
        "  #!endif\n"
        "#!else\n"
        "listen=tcp:3.3.3.3:MY_PORT\n"
        "#!endif\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(values(c, "sip.transport"), "[tcp]");
    EXPECT_EQ(values(c, "sip.port"), "(none)");  // MY_PORT is text inside the socket, not a whole value
    EXPECT_NE(raw(c, "inactive:listen"), nullptr);
}

TEST(KamailioCfg, CommentsAndMultiLineModparam) {
    const std::string text =
        "/* block\n"
        "   listen=udp:9.9.9.9:9 */\n"
        "// listen=udp:8.8.8.8:8\n"
        "# listen=udp:7.7.7.7:7\n"
        "listen=udp:10.0.0.1:5060 advertise 203.0.113.1:5060 # trailing comment\n"
        "modparam(\"acc\", \"log_extra\",\n"
        "    \"src_user=$fU;\"\n"
        "    \"dst_user=$rU\")\n"
        "modparam(\"tls\", \"verify_certificate\", 0) /* inline */ \n"
        "loadmodule \"tls.so\"\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(values(c, "sip.transport"), "[udp]");
    EXPECT_TRUE(has(c, "sip.port", "5060"));
    const RawSetting* extra = raw(c, "modparam(acc,log_extra)");
    ASSERT_NE(extra, nullptr);
    EXPECT_EQ(extra->line, 6);
    EXPECT_TRUE(has(c, "tls.verify_peer", "off"));
    EXPECT_EQ(raw(c, "loadmodule")->value, "tls.so");
}

TEST(KamailioCfg, RoutingLogicIsNotRead) {
    const std::string text =
        "listen=udp:10.0.0.1:5060\n"
        "request_route {\n"
        "  if (is_method(\"INVITE\")) { listen=tls:1.1.1.1:5061; }\n"
        "}\n"
        "enable_tls=yes\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(values(c, "sip.transport"), "[udp]");
    EXPECT_EQ(c.raw.size(), 1u);
}

TEST(KamailioCfg, DamagedDirectivesAndStatements) {
    const std::string text =
        "#!endif\n"
        "#!else\n"
        "#!frobnicate\n"
        "this is not a statement\n"
        "#!ifdef OPEN\n"
        "#!define\n"
        "modparam(\"only\", \"two\")\n"
        "#!ifdef X\n"
        "modparam(\"never\"\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(has_issue(c, "#!endif without")) << issues(c);
    EXPECT_TRUE(has_issue(c, "#!else without"));
    EXPECT_TRUE(has_issue(c, "unknown preprocessor"));
    EXPECT_TRUE(has_issue(c, "not a parameter"));
    EXPECT_TRUE(has_issue(c, "not finished"));
    EXPECT_TRUE(has_issue(c, "without #!endif"));
    // Inside the inactive #!ifdef OPEN nothing is judged: no issue for #!define or modparam.
    EXPECT_FALSE(has_issue(c, "3 arguments"));
}

TEST(KamailioCfg, IfdefNestingIsBounded) {
    std::string text;
    for (std::size_t i = 0; i < limits::kMaxNesting + 10; ++i) text += "#!ifndef N" + std::to_string(i) + "\n";
    text += "enable_tls=yes\n";
    for (std::size_t i = 0; i < limits::kMaxNesting + 10; ++i) text += "#!endif\n";
    text += "listen=udp:1.2.3.4:5060\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(has_issue(c, "nested deeper")) << issues(c);
    EXPECT_TRUE(has(c, "sip.port", "5060"));              // active again after all the #!endif lines
    EXPECT_EQ(find(c, "sip.transport", "tls"), nullptr);  // beyond the limit counts as inactive
}

TEST(KamailioCfg, OpenSipsSocketsTlsDomainsAndDatabaseUrl) {
    const std::string text =
        "socket=wss:127.0.0.1:443\n"
        "loadmodule \"tls_mgm.so\"\n"
        "modparam(\"tls_mgm\", \"verify_cert\", \"[default]1\")\n"
        "modparam(\"tls_mgm\", \"tls_method\", \"[default]TLSv1\")\n"
        "modparam(\"usrloc\", \"db_url\", \"mysql://opensips:opensipsrw@localhost/opensips\")\n";
    const ParsedConfig c = parse(text);
    EXPECT_EQ(c.device.product.value_or(""), "OpenSIPS");
    EXPECT_TRUE(has(c, "sip.transport", "wss"));
    EXPECT_TRUE(has(c, "tls.verify_peer", "on"));
    EXPECT_TRUE(has(c, "tls.min_version", "1.0"));
    EXPECT_TRUE(secret_is(first(c, "service.secret"), "opensipsrw"));
}

TEST(KamailioCorpus, DefaultKamailioCfg) {
    const ParsedConfig c = parse(corpus("kamailio/kamailio.cfg"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(c.device.product.value_or(""), "Kamailio");
    // WITH_TLS is not defined: enable_tls=yes and the tls module are inactive.
    EXPECT_EQ(find(c, "sip.transport", "tls"), nullptr);
    ASSERT_NE(raw(c, "inactive:enable_tls"), nullptr);
    EXPECT_EQ(raw(c, "inactive:enable_tls")->line, 234);
    EXPECT_NE(raw(c, "inactive:modparam(tls,config)"), nullptr);
    // No listen= line: every address, UDP and TCP.
    EXPECT_TRUE(has(c, "sip.transport", "udp", Source::Default));
    EXPECT_TRUE(has(c, "sip.transport", "tcp", Source::Default));
    EXPECT_TRUE(has(c, "log.level", "2"));  // debug=DBGLEVEL, WITH_DEBUG not defined
    EXPECT_TRUE(absent(c, "service.secret"));  // DBURL only under WITH_MYSQL
    EXPECT_EQ(raw(c, "modparam(acc,log_extra)")->line, 431);
    // Nothing of the routing blocks (request_route at line 550) is read.
    for (const RawSetting& r : c.raw) EXPECT_LT(r.line, 550) << r.key;
}

TEST(KamailioCorpus, OpenSipsDefault) {
    const ParsedConfig c = parse(corpus("opensips/opensips.cfg"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(c.device.product.value_or(""), "OpenSIPS");
    EXPECT_EQ(values(c, "sip.transport"), "[udp]");
    EXPECT_EQ(find(c, "sip.transport", "udp")->line, 36);
    EXPECT_TRUE(has(c, "sip.port", "5060"));
    EXPECT_EQ(raw(c, "modparam(mi_fifo,fifo_mode)")->value, "0666");
    EXPECT_TRUE(absent(c, "syslog.server"));
}

TEST(KamailioCorpus, OpenSipsWssSample) {
    const ParsedConfig c = parse(corpus("opensips/proto_wss_sample_opensips.cfg"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(values(c, "sip.transport"), "[ws][wss][tls][udp]");
    EXPECT_EQ(values(c, "tls.verify_peer"), "[off][off]");
    EXPECT_EQ(find(c, "tls.verify_peer", "off")->line, 99);
}

// ------------------------------------------------------------------ tls.cfg

TEST(KamailioTlsCfg, ProfilesAndDefaults) {
    const std::string text =
        "[server:default]\nmethod = TLSv1+\nverify_certificate = yes\n"
        "[client:default]\nmethod = TLSv1.3\n"
        "[server:10.0.0.1:5061]\nrequire_certificate = 1\ncipher_list = HIGH\n";
    const ParsedConfig c = parse_tls(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "tls.min_version", "1.0"));
    EXPECT_TRUE(has(c, "tls.min_version", "1.3"));
    EXPECT_TRUE(has(c, "tls.verify_peer", "off", Source::Default));  // server:default requires no certificate
    EXPECT_TRUE(has(c, "tls.verify_peer", "on"));
    EXPECT_EQ(find(c, "tls.verify_peer", "on")->raw_key, "server:10.0.0.1:5061.require_certificate");
    EXPECT_TRUE(has(c, "tls.ciphers", "HIGH"));
    EXPECT_NE(raw(c, "server:default.verify_certificate"), nullptr);
}

TEST(KamailioTlsCfg, DamagedLines) {
    const ParsedConfig c = parse_tls("method = SSLv23\n[other]\nx = 1\n[server:default]\nno equals here\n");
    EXPECT_EQ(c.issues.size(), 3u) << issues(c);
    EXPECT_TRUE(has_issue(c, "before any"));
    EXPECT_TRUE(has_issue(c, "not [server:...]"));
    EXPECT_TRUE(has_issue(c, "not 'key = value'"));
    EXPECT_TRUE(absent(c, "tls.min_version"));  // outside a profile: not judged
}

TEST(KamailioTlsCorpus, TlsCfg) {
    const ParsedConfig c = parse_tls(corpus("kamailio/tls.cfg"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "tls.min_version", "1.2"));
    EXPECT_EQ(find(c, "tls.min_version", "1.2")->line, 16);
    EXPECT_TRUE(has(c, "tls.verify_peer", "off"));  // server: require_certificate = no
    EXPECT_TRUE(has(c, "tls.verify_peer", "on"));   // client: verify_certificate = yes
    EXPECT_EQ(raw(c, "server:default.verify_certificate")->value, "no");
    EXPECT_EQ(raw(c, "client:default.require_certificate")->value, "yes");
}

TEST(KamailioTlsCorpus, ImsPcscfSample) {
    const ParsedConfig c = parse_tls(corpus("kamailio/ims_pcscf_tls.cfg.sample"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(values(c, "tls.min_version"), "[1.0]");  // SSLv23
    EXPECT_EQ(values(c, "tls.verify_peer"), "[off]");
}

}  // namespace
}  // namespace vca::probes::config
