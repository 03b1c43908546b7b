// Tests for probes/config/asterisk_parser: INI syntax (block comments,
// templates, inheritance, additions, includes, bad lines), the per-file
// normalisation decided by content, and every Asterisk file of the corpus.
#include "probes/config/asterisk_parser.hpp"

#include <gtest/gtest.h>

#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using namespace testing;

ParsedConfig parse(const std::string& text) { return parse_checked(parse_asterisk_ini, text, Format::AsteriskIni); }

TEST(AsteriskIni, BlockCommentsNestAndTripleDashIsALineComment) {
    const std::string text =
        "[general]\n"
        "a = 1 ; comment\n"
        ";-- block\n"
        "b = 2\n"
        " ;-- nested --;\n"
        "c = 3\n"
        "--;\n"
        ";------ a plain comment line, not a block\n"
        "d = 4\n"
        "e = x\\;y\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    ASSERT_EQ(c.raw.size(), 3u);
    EXPECT_EQ(c.raw[0].key, "general.a");
    EXPECT_EQ(c.raw[0].value, "1");
    EXPECT_EQ(c.raw[1].key, "general.d");
    EXPECT_EQ(c.raw[1].line, 9);
    EXPECT_EQ(c.raw[2].value, "x;y");
}

TEST(AsteriskIni, UnclosedBlockCommentIsReported) {
    const ParsedConfig c = parse("[general]\n;--\nenabled = yes\n");
    EXPECT_TRUE(has_issue(c, "never closed")) << issues(c);
    EXPECT_EQ(c.issues.front().line, 2);
    EXPECT_TRUE(c.raw.empty());
}

TEST(AsteriskIni, TemplatesInheritanceAndAdditions) {
    const std::string text =
        "[base](!)\n"
        "type = endpoint\n"
        "media_encryption = sdes\n"
        "[opt](!,base)\n"
        "media_encryption_optimistic = yes\n"
        "[alice](opt)\n"
        "callerid = A\n"
        "[bob](base)\n"
        "media_encryption = no\n"
        "[bob](+)\n"
        "context = x\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    // alice inherits base through opt, with the lines where base wrote them.
    const RawSetting* r = raw(c, "alice.media_encryption");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->line, 3);
    ASSERT_NE(raw(c, "alice.media_encryption_optimistic"), nullptr);
    ASSERT_NE(raw(c, "bob.context"), nullptr);
    EXPECT_EQ(raw(c, "bob.context")->line, 11);
    // base: sdes required; opt and alice: optional; bob overrides with no.
    EXPECT_TRUE(has(c, "media.srtp", "required"));
    ASSERT_NE(find(c, "media.srtp", "optional"), nullptr);
    EXPECT_EQ(all(c, "media.srtp").size(), 4u) << values(c, "media.srtp");
    EXPECT_TRUE(has(c, "media.srtp", "off"));
    EXPECT_EQ(find(c, "media.srtp", "off")->raw_key, "bob.media_encryption");
    EXPECT_TRUE(has(c, "media.srtp_keying", "sdes"));
}

TEST(AsteriskIni, DirectivesAndDamagedLines) {
    const std::string text =
        "#include pjsip/users.conf\n"
        "#tryinclude \"extra.conf\"\n"
        "#bogus x\n"
        "orphan = 1\n"
        "[general\n"
        "[ok](missing)\n"
        "[ok2] junk\n"
        "just words\n"
        "console => notice,warning\n";
    const ParsedConfig c = parse(text);
    ASSERT_NE(raw(c, "#include"), nullptr);
    EXPECT_EQ(raw(c, "#include")->value, "pjsip/users.conf");
    EXPECT_EQ(raw(c, "#tryinclude")->value, "extra.conf");
    EXPECT_TRUE(has_issue(c, "unknown directive"));
    EXPECT_TRUE(has_issue(c, "outside any [section]"));
    EXPECT_TRUE(has_issue(c, "without ']'"));
    EXPECT_TRUE(has_issue(c, "not defined before"));
    EXPECT_TRUE(has_issue(c, "(options)"));
    EXPECT_TRUE(has_issue(c, "neither [section]"));
    ASSERT_NE(raw(c, "ok2.console"), nullptr);  // reading went on, `=>` is an assignment
    EXPECT_EQ(raw(c, "ok2.console")->value, "notice,warning");
    EXPECT_EQ(c.issues.size(), 6u) << issues(c);
}

TEST(AsteriskIni, PjsipTransportsTlsAndAuth) {
    const std::string text =
        "[t-tls]\ntype=transport\nprotocol=tls\nbind=0.0.0.0:5061\nmethod=tlsv1\nverify_server=no\ncipher=ADH-AES256-SHA\n"
        "[t-def]\ntype=transport\n"
        "[web]\ntype=endpoint\nwebrtc=yes\n"
        "[a]\ntype=auth\nauth_type=userpass\npassword=Secret-1234\n"
        "[m]\ntype=auth\nauth_type=md5\nmd5_cred=0123\npassword=ignored\n"
        "[anonymous]\ntype=endpoint\nmedia_encryption=dtls\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(has(c, "sip.transport", "tls"));
    EXPECT_TRUE(has(c, "sip.transport", "udp", Source::Default));
    EXPECT_TRUE(has(c, "sip.port", "5061"));
    EXPECT_TRUE(has(c, "tls.min_version", "1.0"));
    EXPECT_TRUE(has(c, "tls.verify_peer", "off"));
    EXPECT_TRUE(has(c, "tls.ciphers", "ADH-AES256-SHA"));
    EXPECT_TRUE(has(c, "media.srtp", "required"));
    EXPECT_TRUE(has(c, "media.srtp_keying", "dtls"));
    ASSERT_EQ(all(c, "sip.password").size(), 1u);
    EXPECT_TRUE(secret_is(first(c, "sip.password"), "Secret-1234"));
    EXPECT_TRUE(has(c, "guest_access", "on"));
}

TEST(AsteriskIni, ChanSipDefaultsAndPeers) {
    const std::string text = "[general]\ntransport=udp\n[p](!)\ntype=friend\ninsecure=port,invite\nencryption=yes\n[q](p)\nsecret=abc\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(has(c, "guest_access", "on", Source::Default));  // allowguest defaults to yes
    EXPECT_TRUE(has(c, "sip.transport", "udp"));
    EXPECT_TRUE(has(c, "sip.auth_calls", "off"));
    EXPECT_TRUE(has(c, "media.srtp", "required"));
    EXPECT_TRUE(absent(c, "tls.min_version"));
    ASSERT_EQ(all(c, "sip.password").size(), 1u);
}

TEST(AsteriskIni, ManagerAndHttp) {
    const ParsedConfig ami = parse("[general]\nenabled = yes\nport = 5038\nbindaddr = 0.0.0.0\ntlsenable = yes\n[admin]\nsecret = amp111\nread = all\n");
    EXPECT_TRUE(has(ami, "mgmt.tcp_api", "on"));  // the cleartext port stays open beside TLS
    EXPECT_TRUE(has(ami, "mgmt.bind", "0.0.0.0"));
    EXPECT_TRUE(secret_is(first(ami, "admin.password"), "amp111"));

    const ParsedConfig http = parse("[general]\nenabled=yes\ntlsenable=yes\ntlsbindaddr=0.0.0.0:8089\ntlsdisablev11=yes\n");
    EXPECT_TRUE(has(http, "mgmt.http", "on"));
    EXPECT_TRUE(has(http, "mgmt.https", "on"));
    EXPECT_TRUE(has(http, "tls.min_version", "1.2"));
}

TEST(AsteriskIni, Ooh323AndRtp) {
    const ParsedConfig h323 = parse("[general]\nbindaddr=0.0.0.0\nh323id=pbx\n");
    EXPECT_TRUE(has(h323, "h323.enabled", "on"));
    EXPECT_TRUE(has(h323, "h323.h235", "off", Source::Default));
    const ParsedConfig rtp = parse("[general]\nrtpstart=10000\nturnaddr=turn.example:3478\nturnpassword=pw\n");
    EXPECT_TRUE(has(rtp, "turn.server", "turn.example:3478"));
    EXPECT_EQ(all(rtp, "service.secret").size(), 1u);
}

// ------------------------------------------------------------------ corpus

TEST(AsteriskCorpus, BasicPbxPjsip) {
    const ParsedConfig c = parse(corpus("asterisk/basic-pbx_pjsip.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(values(c, "sip.transport"), "[udp]");
    EXPECT_TRUE(has(c, "media.srtp", "off", Source::Default));
    EXPECT_TRUE(absent(c, "media.srtp_keying"));
    // 15 staff auth sections inherit auth-userpass; the Digium Cloud ones are commented.
    EXPECT_EQ(all(c, "sip.password").size(), 15u);
    ASSERT_NE(raw(c, "1107.type"), nullptr);  // inherited from the template
    EXPECT_EQ(raw(c, "1107.context")->value, "Long-Distance");
}

TEST(AsteriskCorpus, PjsipSampleIsAllComments) {
    const ParsedConfig c = parse(corpus("asterisk/pjsip.conf.sample"));
    EXPECT_TRUE(c.raw.empty());
    EXPECT_TRUE(absent(c, "sip.transport"));
    EXPECT_TRUE(absent(c, "tls.min_version"));
}

TEST(AsteriskCorpus, HttpSample) {
    const ParsedConfig c = parse(corpus("asterisk/http.conf.sample"));
    EXPECT_TRUE(has(c, "mgmt.bind", "127.0.0.1"));
    EXPECT_TRUE(has(c, "mgmt.http", "off", Source::Default));
    EXPECT_TRUE(has(c, "mgmt.https", "off", Source::Default));
}

TEST(AsteriskCorpus, ManagerSampleBlockCommentsHideTheirLines) {
    const ParsedConfig c = parse(corpus("asterisk/manager.conf.sample"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_EQ(c.raw.size(), 3u);  // enabled, port, bindaddr: the eventfilter help text is in ;-- --;
    EXPECT_TRUE(has(c, "mgmt.tcp_api", "off"));
    EXPECT_EQ(find(c, "mgmt.tcp_api", "off")->line, 22);
    EXPECT_TRUE(has(c, "mgmt.bind", "0.0.0.0"));
    EXPECT_TRUE(absent(c, "admin.password"));  // the example secret is commented
}

TEST(AsteriskCorpus, RtpOoh323Logger) {
    const ParsedConfig rtp = parse(corpus("asterisk/rtp.conf.sample"));
    EXPECT_EQ(raw(rtp, "general.rtpstart")->value, "10000");
    EXPECT_EQ(raw(rtp, "general.rtpend")->value, "20000");
    EXPECT_TRUE(absent(rtp, "turn.server"));
    EXPECT_TRUE(absent(rtp, "service.secret"));

    const ParsedConfig h323 = parse(corpus("asterisk/ooh323.conf.sample"));
    EXPECT_TRUE(has(h323, "h323.enabled", "on"));
    EXPECT_TRUE(has(h323, "h323.h235", "off", Source::Default));
    EXPECT_EQ(raw(h323, "general.gatekeeper")->value, "DISABLE");
    EXPECT_EQ(raw(h323, "myfriend1.port")->value, "1820");

    const ParsedConfig log = parse(corpus("asterisk/logger.conf.sample"));
    EXPECT_EQ(log.raw.size(), 2u);
    EXPECT_TRUE(absent(log, "syslog.server"));
}

TEST(AsteriskCorpus, PhreaknetPjsip) {
    const ParsedConfig c = parse(corpus("asterisk/phreaknet_pjsip.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "sip.transport", "udp"));
    EXPECT_TRUE(has(c, "sip.transport", "tcp"));
    EXPECT_EQ(find(c, "sip.transport", "tcp")->line, 13);
    EXPECT_EQ(values(c, "sip.port"), "[16555][16555]");
    EXPECT_TRUE(absent(c, "tls.min_version"));  // method = tlsv1 only in commented transports
    EXPECT_TRUE(absent(c, "tls.verify_peer"));
    EXPECT_TRUE(has(c, "media.srtp", "off", Source::Default));
    // The CallCentric account sits in a ;-- --; block: only DeskPhone1 counts.
    ASSERT_EQ(all(c, "sip.password").size(), 1u);
    EXPECT_EQ(first(c, "sip.password")->raw_key, "DeskPhone1.password");
    EXPECT_EQ(raw(c, "reg_callcentric.type"), nullptr);
}

TEST(AsteriskCorpus, PhreaknetChanSip) {
    const ParsedConfig c = parse(corpus("asterisk/phreaknet_sip.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "guest_access", "off"));
    for (const char* t : {"udp", "tcp", "tls"}) EXPECT_TRUE(has(c, "sip.transport", t)) << t;
    EXPECT_TRUE(has(c, "sip.auth_calls", "off"));
    EXPECT_TRUE(has(c, "media.srtp", "off", Source::Default));
    ASSERT_EQ(all(c, "sip.password").size(), 1u);
    EXPECT_TRUE(secret_is(first(c, "sip.password"), "thisisaninsecurepasswordushouldchange"));
}

TEST(AsteriskCorpus, YukariFiles) {
    const ParsedConfig pjsip = parse(corpus("asterisk/yukari_pjsip.conf"));
    EXPECT_TRUE(pjsip.issues.empty()) << issues(pjsip);
    EXPECT_EQ(values(pjsip, "sip.transport"), "[udp][udp][wss]");
    EXPECT_TRUE(absent(pjsip, "tls.min_version"));
    std::size_t includes = 0;
    for (const RawSetting& r : pjsip.raw) includes += r.key == "#include";
    EXPECT_EQ(includes, 8u);

    const ParsedConfig phone = parse(corpus("asterisk/yukari_pjsip_template_phone.conf"));
    EXPECT_TRUE(has(phone, "media.srtp", "off", Source::Default));
    EXPECT_EQ(raw(phone, "phone-template-endpoint.direct_media")->value, "no");

    const ParsedConfig http = parse(corpus("asterisk/yukari_http.conf"));
    EXPECT_TRUE(has(http, "mgmt.https", "on"));
    EXPECT_TRUE(has(http, "mgmt.bind", "::"));
    EXPECT_TRUE(has(http, "mgmt.http", "off", Source::Default));
}

}  // namespace
}  // namespace vca::probes::config
