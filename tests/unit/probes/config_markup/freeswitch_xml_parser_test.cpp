// FreeSWITCH XML: variable collection and $${} substitution, Sofia profile,
// event socket, verto and xml_rpc mappings on inline documents; then every
// real file of corpus/configs/freeswitch with the corpus vars.xml.
#include "probes/config/freeswitch_xml_parser.hpp"

#include <gtest/gtest.h>

#include "probes/config/config_xml_limits.hpp"
#include "tests/unit/probes/config_markup/markup_test_support.hpp"

namespace vca::probes::config {
namespace {

using testing::all_of;
using testing::corpus_file;
using testing::describe;
using testing::find;
using testing::find_raw;
using testing::fnv1a;
using Vars = std::map<std::string, std::string>;

// FNV-1a of FreeSWITCH's shipped default passwords (MANIFEST.tsv names them).
constexpr std::uint64_t kDefaultUserPassword = 0x1fabbdf10314a21dULL;   // vars.xml default_password
constexpr std::uint64_t kDefaultEventSocket = 0x593c17e2acd1e25cULL;    // event_socket password
constexpr std::uint64_t kDefaultXmlRpc = 0x4f420c5e72f80f29ULL;         // xml_rpc auth-pass

TEST(FreeswitchVars, SetsInOrderExpandedFromEarlierOnes) {
    Vars v = collect_freeswitch_vars(
        "<include>\n<X-PRE-PROCESS cmd=\"set\" data=\"domain=$${local_ip_v4}\"/>\n"
        "<X-PRE-PROCESS cmd=\"set\" data=\"a=one\"/>\n<X-PRE-PROCESS cmd=\"set\" data=\"b=$${a}-two\"/>\n"
        "<X-PRE-PROCESS cmd=\"stun-set\" data=\"external_rtp_ip=stun:stun.example.org\"/>\n"
        "<X-PRE-PROCESS cmd=\"include\" data=\"other/*.xml\"/>\n"
        "<XX-PRE-PROCESS cmd=\"set\" data=\"off=1\"/>\n"
        "<!-- <X-PRE-PROCESS cmd=\"set\" data=\"commented=still read\"/> -->\n"
        "<X-PRE-PROCESS cmd=\"set\" data=\"eq=x=y\"/>\n</include>\n");
    EXPECT_EQ(v["domain"], "$${local_ip_v4}");  // computed by FreeSWITCH at run time
    EXPECT_EQ(v["b"], "one-two");
    EXPECT_EQ(v["external_rtp_ip"], "stun:stun.example.org");
    EXPECT_EQ(v.count("off"), 0u);
    EXPECT_EQ(v["commented"], "still read");  // the preprocessor does not see XML comments
    EXPECT_EQ(v["eq"], "x=y");
    EXPECT_EQ(v.size(), 6u);
}

TEST(FreeswitchVars, SelfReferenceAndFanOutAreBounded) {
    std::string text = "<X-PRE-PROCESS cmd=\"set\" data=\"a=$${a}\"/>\n<X-PRE-PROCESS cmd=\"set\" data=\"b=x\"/>\n";
    std::string fan = "c=";
    for (int i = 0; i < 64; ++i) fan += "$${b}$${b}";
    text += "<X-PRE-PROCESS cmd=\"set\" data=\"" + fan + "\"/>\n";
    std::string fan2 = "d=";
    for (int i = 0; i < 200; ++i) fan2 += "$${c}";
    text += "<X-PRE-PROCESS cmd=\"set\" data=\"" + fan2 + "\"/>\n";
    Vars v = collect_freeswitch_vars(text);
    EXPECT_EQ(v["a"], "$${a}");
    EXPECT_EQ(v["c"], std::string(128, 'x'));
    // 200 × 128 bytes exceed the per-value bound: left as written.
    EXPECT_EQ(v["d"], fan2.substr(2));
    EXPECT_LE(v["d"].size(), markup_limits::kMaxSubstitutedBytes);
}

TEST(FreeswitchXml, SofiaProfileWithVariables) {
    const Vars vars{{"internal_sip_port", "5060"}, {"ssl", "true"}, {"tls_versions", "tlsv1.2"}};
    ParsedConfig c = parse_freeswitch_xml(
        "<profile name=\"internal\">\n<settings>\n"
        "<param name=\"sip-port\" value=\"$${internal_sip_port}\"/>\n"
        "<param name=\"tls\" value=\"$${ssl}\"/>\n<param name=\"tls-version\" value=\"$${tls_versions}\"/>\n"
        "<param name=\"tls-verify-policy\" value=\"all\"/>\n<param name=\"auth-calls\" value=\"true\"/>\n"
        "<param name=\"sip-ip\" value=\"$${local_ip_v4}\"/>\n</settings>\n</profile>\n",
        vars);
    EXPECT_EQ(c.format, Format::FreeswitchXml);
    EXPECT_TRUE(c.issues.empty());
    const RawSetting* port = find_raw(c, "internal.sip-port");
    ASSERT_NE(port, nullptr);
    EXPECT_EQ(port->value, "$${internal_sip_port}");  // raw is as written
    EXPECT_EQ(port->line, 3);
    const Setting* sip_port = find(c, "sip.port");
    ASSERT_NE(sip_port, nullptr);
    EXPECT_EQ(sip_port->value, "5060");
    EXPECT_FALSE(sip_port->placeholder);
    std::vector<std::string> transports;
    for (const Setting* s : all_of(c, "sip.transport")) transports.push_back(s->value);
    const std::vector<std::string> want{"udp", "tcp", "tls"};
    EXPECT_EQ(transports, want);
    EXPECT_NE(find(c, "tls.min_version", "1.2"), nullptr);
    EXPECT_NE(find(c, "tls.verify_peer", "on"), nullptr);
    EXPECT_NE(find(c, "sip.auth_calls", "on"), nullptr);
    EXPECT_EQ(find(c, "guest_access"), nullptr);
}

TEST(FreeswitchXml, UnresolvedVariableIsAPlaceholder) {
    ParsedConfig c = parse_freeswitch_xml(
        "<profile name=\"p\"><settings><param name=\"tls\" value=\"$${nobody_sets_this}\"/>"
        "<param name=\"tls-version\" value=\"$${nor_this}\"/></settings></profile>",
        {});
    const Setting* tls = find(c, "sip.transport");
    ASSERT_NE(tls, nullptr);
    EXPECT_TRUE(tls->placeholder);
    const Setting* version = find(c, "tls.min_version");
    ASSERT_NE(version, nullptr);
    EXPECT_TRUE(version->placeholder);
}

TEST(FreeswitchXml, TlsOnlyAndGuests) {
    ParsedConfig c = parse_freeswitch_xml(
        "<profile name=\"p\"><settings><param name=\"sip-port\" value=\"5060\"/>"
        "<param name=\"tls\" value=\"true\"/><param name=\"tls-only\" value=\"true\"/>"
        "<param name=\"auth-calls\" value=\"false\"/><param name=\"accept-blind-reg\" value=\"true\"/>"
        "</settings></profile>",
        {});
    auto transports = all_of(c, "sip.transport");
    ASSERT_EQ(transports.size(), 1u) << describe(c, "sip.transport");
    EXPECT_EQ(transports[0]->value, "tls");
    EXPECT_NE(find(c, "sip.auth_calls", "off"), nullptr);
    EXPECT_EQ(all_of(c, "guest_access").size(), 2u);
}

TEST(FreeswitchXml, FileOwnSetsOverrideAndSubstitute) {
    ParsedConfig c = parse_freeswitch_xml(
        "<include><X-PRE-PROCESS cmd=\"set\" data=\"my_port=5070\"/>"
        "<profile name=\"x\"><settings><param name=\"sip-port\" value=\"$${my_port}\"/></settings></profile></include>",
        {{"my_port", "1111"}});
    EXPECT_NE(find(c, "sip.port", "5070"), nullptr) << describe(c, "sip.port");
    ASSERT_NE(find_raw(c, "my_port"), nullptr);
}

TEST(FreeswitchXml, DirectoryUserAndGatewayPasswords) {
    ParsedConfig c = parse_freeswitch_xml(
        "<include><user id=\"1000\"><params><param name=\"password\" value=\"$${default_password}\"/>"
        "</params></user><gateway name=\"carrier\"><param name=\"password\" value=\"carrier-pw\"/></gateway></include>",
        {{"default_password", "1234"}});
    auto pw = all_of(c, "sip.password");
    ASSERT_EQ(pw.size(), 2u);
    EXPECT_EQ(pw[0]->raw_key, "1000.password");
    EXPECT_EQ(fnv1a(pw[0]->value), kDefaultUserPassword);
    EXPECT_EQ(pw[1]->raw_key, "carrier.password");
    EXPECT_EQ(pw[1]->value.size(), 10u);
}

TEST(FreeswitchXml, BrokenXmlStillYieldsEarlierParams) {
    ParsedConfig c = parse_freeswitch_xml(
        "<configuration name=\"event_socket.conf\">\n<settings>\n<param name=\"listen-ip\" value=\"0.0.0.0\"/>\n"
        "<param name=\"listen-port\" value=\"8021\">\n",
        {});
    EXPECT_FALSE(c.issues.empty());
    EXPECT_NE(find(c, "mgmt.bind", "0.0.0.0"), nullptr);
}

TEST(FreeswitchXml, VarsFileSrtpAndTls) {
    ParsedConfig with = parse_freeswitch_xml(
        "<include><X-PRE-PROCESS cmd=\"set\" data=\"rtp_secure_media=mandatory:AES_CM_128_HMAC_SHA1_80\"/>"
        "<X-PRE-PROCESS cmd=\"set\" data=\"internal_ssl_enable=true\"/></include>",
        {});
    EXPECT_NE(find(with, "media.srtp", "required"), nullptr) << describe(with, "media.srtp");
    EXPECT_EQ(all_of(with, "media.srtp").size(), 1u);
    EXPECT_NE(find(with, "sip.transport", "tls"), nullptr);

    ParsedConfig without = parse_freeswitch_xml("<include><X-PRE-PROCESS cmd=\"set\" data=\"a=b\"/></include>", {});
    const Setting* srtp = find(without, "media.srtp");
    ASSERT_NE(srtp, nullptr);
    EXPECT_EQ(srtp->value, "off");
    EXPECT_EQ(srtp->source, Source::Default);
}

// ------------------------------------------------------------ real files

class FreeswitchCorpus : public ::testing::Test {
protected:
    static Vars vars() { return collect_freeswitch_vars(corpus_file("freeswitch/vars.xml")); }
    static ParsedConfig parse(const char* file) { return parse_freeswitch_xml(corpus_file(file), vars()); }
};

TEST_F(FreeswitchCorpus, VarsXml) {
    Vars v = vars();
    EXPECT_EQ(v["internal_ssl_enable"], "false");
    EXPECT_EQ(v["external_auth_calls"], "false");
    EXPECT_EQ(v["sip_tls_version"], "tlsv1,tlsv1.1,tlsv1.2");
    EXPECT_EQ(v.count("digits_dialed_filter"), 0u);  // XX-PRE-PROCESS is disabled

    ParsedConfig c = parse("freeswitch/vars.xml");
    EXPECT_TRUE(c.issues.empty());
    // default_password=1234
    const Setting* pw = find(c, "sip.password");
    ASSERT_NE(pw, nullptr);
    EXPECT_EQ(pw->raw_key, "default_password");
    EXPECT_EQ(fnv1a(pw->value), kDefaultUserPassword);
    // sip_tls_version=tlsv1,tlsv1.1,tlsv1.2
    EXPECT_NE(find(c, "tls.min_version", "1.0"), nullptr);
    // internal_ssl_enable=false, external_ssl_enable=false: no TLS
    EXPECT_EQ(find(c, "sip.transport", "tls"), nullptr);
    // external_auth_calls=false
    const Setting* auth = find(c, "sip.auth_calls", "off");
    ASSERT_NE(auth, nullptr);
    EXPECT_EQ(auth->raw_key, "external_auth_calls");
    EXPECT_NE(find(c, "guest_access", "on"), nullptr);
    // rtp_secure_media documented but not set
    const Setting* srtp = find(c, "media.srtp");
    ASSERT_NE(srtp, nullptr);
    EXPECT_EQ(srtp->value, "off");
    EXPECT_EQ(srtp->source, Source::Default);
    EXPECT_NE(find(c, "turn.server", "stun:stun.freeswitch.org"), nullptr);
    EXPECT_EQ(find(c, "syslog.server"), nullptr);
}

TEST_F(FreeswitchCorpus, InternalProfile) {
    ParsedConfig c = parse("freeswitch/sip_profiles_internal.xml");
    EXPECT_TRUE(c.issues.empty());
    // tls=$${internal_ssl_enable} (false): UDP and TCP on 5060 only
    EXPECT_EQ(find_raw(c, "internal.tls")->value, "$${internal_ssl_enable}");
    EXPECT_EQ(find(c, "sip.transport", "tls"), nullptr);
    EXPECT_NE(find(c, "sip.transport", "udp"), nullptr);
    EXPECT_NE(find(c, "sip.transport", "tcp"), nullptr);
    EXPECT_NE(find(c, "sip.port", "5060"), nullptr);
    // ws 5066 and wss 7443 bindings
    EXPECT_NE(find(c, "sip.transport", "ws"), nullptr);
    EXPECT_NE(find(c, "sip.transport", "wss"), nullptr);
    // tls-verify-policy=none; tls-version=$${sip_tls_version}
    EXPECT_NE(find(c, "tls.verify_peer", "off"), nullptr);
    EXPECT_NE(find(c, "tls.min_version", "1.0"), nullptr);
    // auth-calls=$${internal_auth_calls} (true)
    EXPECT_NE(find(c, "sip.auth_calls", "on"), nullptr);
    EXPECT_EQ(find(c, "guest_access"), nullptr);
    EXPECT_EQ(find_raw(c, "internal.apply-inbound-acl")->value, "domains");
    EXPECT_EQ(find_raw(c, "internal.log-auth-failures")->value, "false");
    EXPECT_EQ(find_raw(c, "internal.inbound-late-negotiation")->value, "true");
    // sip-ip=$${local_ip_v4} is computed at run time: unresolved
    EXPECT_EQ(find_raw(c, "internal.sip-ip")->value, "$${local_ip_v4}");
}

TEST_F(FreeswitchCorpus, ExternalProfile) {
    ParsedConfig c = parse("freeswitch/sip_profiles_external.xml");
    EXPECT_TRUE(c.issues.empty());
    // auth-calls=false: unauthenticated inbound calls
    EXPECT_NE(find(c, "sip.auth_calls", "off"), nullptr);
    EXPECT_NE(find(c, "guest_access", "on"), nullptr);
    EXPECT_EQ(find(c, "sip.transport", "tls"), nullptr);
    EXPECT_NE(find(c, "sip.port", "5080"), nullptr);
    EXPECT_NE(find(c, "tls.verify_peer", "off"), nullptr);
    // the commented-out params are not settings
    EXPECT_EQ(find_raw(c, "external.shutdown-on-fail"), nullptr);
    EXPECT_EQ(find_raw(c, "external.aggressive-nat-detection"), nullptr);
}

TEST_F(FreeswitchCorpus, EventSocket) {
    ParsedConfig c = parse("freeswitch/event_socket.conf.xml");
    EXPECT_TRUE(c.issues.empty());
    EXPECT_NE(find(c, "mgmt.tcp_api", "on"), nullptr);
    EXPECT_NE(find(c, "mgmt.bind", "::"), nullptr);
    const Setting* pw = find(c, "admin.password");
    ASSERT_NE(pw, nullptr);
    EXPECT_EQ(fnv1a(pw->value), kDefaultEventSocket);
    EXPECT_EQ(find_raw(c, "event_socket.apply-inbound-acl"), nullptr);  // commented out
}

TEST_F(FreeswitchCorpus, Verto) {
    ParsedConfig c = parse("freeswitch/verto.conf.xml");
    EXPECT_TRUE(c.issues.empty());
    // cleartext ws :8081 beside wss :8082, for IPv4 and IPv6
    EXPECT_EQ(all_of(c, "sip.transport").size(), 4u) << describe(c, "sip.transport");
    const Setting* ws = find(c, "sip.transport", "ws");
    ASSERT_NE(ws, nullptr);
    EXPECT_EQ(ws->raw_key, "default-v4.bind-local");
    EXPECT_EQ(ws->line, 16);
    EXPECT_NE(find(c, "sip.transport", "wss"), nullptr);
    EXPECT_EQ(find(c, "guest_access"), nullptr);  // userauth true, blind-reg false
}

TEST_F(FreeswitchCorpus, XmlRpc) {
    ParsedConfig c = parse("freeswitch/xml_rpc.conf.xml");
    EXPECT_TRUE(c.issues.empty());
    EXPECT_NE(find(c, "mgmt.http", "on"), nullptr);
    EXPECT_EQ(find_raw(c, "xml_rpc.http-port")->value, "8080");
    EXPECT_EQ(find_raw(c, "xml_rpc.auth-user")->value, "freeswitch");
    const Setting* pw = find(c, "admin.password");
    ASSERT_NE(pw, nullptr);
    EXPECT_EQ(pw->raw_key, "xml_rpc.auth-pass");
    EXPECT_EQ(fnv1a(pw->value), kDefaultXmlRpc);
}

}  // namespace
}  // namespace vca::probes::config
