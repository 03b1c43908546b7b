// Polycom attribute configuration: small inline documents for each mapping
// and placeholder/fragment/damage case, then the real corpus files against
// the notable settings of corpus/configs/MANIFEST.tsv.
#include "probes/config/polycom_xml_parser.hpp"

#include <gtest/gtest.h>

#include "tests/unit/probes/config_markup/markup_test_support.hpp"

namespace vca::probes::config {
namespace {

using testing::all_of;
using testing::corpus_file;
using testing::describe;
using testing::find;
using testing::find_raw;

TEST(PolycomXml, EveryAttributeIsARawSettingWithItsLine) {
    ParsedConfig c = parse_polycom_xml(
        "<?xml version=\"1.0\"?>\n<sip>\n  <voIpProt>\n    <server voIpProt.server.1.address=\"pbx\"\n"
        "            voIpProt.server.1.transport=\"TLS\"/>\n  </voIpProt>\n</sip>\n");
    EXPECT_EQ(c.format, Format::PolycomXml);
    EXPECT_TRUE(c.issues.empty());
    ASSERT_EQ(c.raw.size(), 2u);
    EXPECT_EQ(c.raw[0].key, "voIpProt.server.1.address");
    EXPECT_EQ(c.raw[0].line, 4);
    EXPECT_EQ(c.raw[1].line, 5);
    const Setting* t = find(c, "sip.transport");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->value, "tls");
    EXPECT_EQ(t->raw_key, "voIpProt.server.1.transport");
    EXPECT_EQ(t->line, 5);
    EXPECT_EQ(c.device.vendor, "Polycom");
}

TEST(PolycomXml, TransportWords) {
    ParsedConfig c = parse_polycom_xml(
        "<sip><a reg.1.server.1.transport=\"UDPOnly\" reg.1.server.2.transport=\"TCPpreferred\" "
        "reg.2.server.1.transport=\"TCPOnly\" reg.3.server.1.transport=\"DNSnaptr\" "
        "voIpProt.SIP.outboundProxy.transport=\"\"/></sip>");
    std::vector<std::string> values;
    for (const Setting* s : all_of(c, "sip.transport")) values.push_back(s->value);
    const std::vector<std::string> want{"udp", "tcp", "udp", "tcp", "dnsnaptr"};
    EXPECT_EQ(values, want) << describe(c, "sip.transport");
}

TEST(PolycomXml, SrtpFromEnableOfferRequire) {
    auto srtp = [](const char* attrs) {
        ParsedConfig c = parse_polycom_xml(std::string("<sip><sec ") + attrs + "/></sip>");
        auto rows = all_of(c, "media.srtp");
        return rows.size() == 1 ? rows[0]->value + (rows[0]->source == Source::Default ? "/default" : "")
                                : std::to_string(rows.size()) + " rows";
    };
    EXPECT_EQ(srtp("sec.srtp.enable=\"\" sec.srtp.offer=\"\" sec.srtp.require=\"\""), "off/default");
    EXPECT_EQ(srtp("sec.srtp.enable=\"1\" sec.srtp.offer=\"0\" sec.srtp.require=\"0\""), "optional");
    EXPECT_EQ(srtp("sec.srtp.enable=\"1\" sec.srtp.offer=\"1\" sec.srtp.require=\"1\""), "required");
    EXPECT_EQ(srtp("sec.srtp.enable=\"0\" sec.srtp.offer=\"0\""), "off");
    EXPECT_EQ(srtp("other=\"1\""), "0 rows");  // silent file: another file may set it
}

TEST(PolycomXml, WebServerAndItsHttpsTunnel) {
    ParsedConfig plain =
        parse_polycom_xml("<sip><httpd httpd.enabled=\"1\"><cfg httpd.cfg.port=\"80\"/></httpd></sip>");
    EXPECT_NE(find(plain, "mgmt.http", "on"), nullptr) << describe(plain, "mgmt.http");
    EXPECT_EQ(find(plain, "mgmt.https"), nullptr);

    ParsedConfig off = parse_polycom_xml("<sip><httpd httpd.enabled=\"0\"/></sip>");
    EXPECT_NE(find(off, "mgmt.http", "off"), nullptr);
    EXPECT_NE(find(off, "mgmt.https", "off"), nullptr);

    ParsedConfig tunnel = parse_polycom_xml(
        "<polycomConfig><httpd httpd.enabled=\"1\" httpd.cfg.secureTunnelEnabled=\"1\" "
        "httpd.cfg.secureTunnelRequired=\"1\"/></polycomConfig>");
    EXPECT_NE(find(tunnel, "mgmt.http", "off"), nullptr) << describe(tunnel, "mgmt.http");
    EXPECT_NE(find(tunnel, "mgmt.https", "on"), nullptr);
}

TEST(PolycomXml, PasswordsAndAPolicyThatIsNotOne) {
    ParsedConfig c = parse_polycom_xml(
        "<polycomConfig><device device.auth.localAdminPassword=\"an-admin-pw\" "
        "device.auth.localAdminPassword.set=\"1\"/><sec sec.pwd.length.admin=\"1\"/>"
        "<reg reg.1.auth.password=\"sip-pw-1\" reg.2.auth.password=\"\"/></polycomConfig>");
    auto admin = all_of(c, "admin.password");
    ASSERT_EQ(admin.size(), 1u);
    EXPECT_EQ(admin[0]->raw_key, "device.auth.localAdminPassword");
    EXPECT_EQ(admin[0]->value.size(), 11u);
    auto sip = all_of(c, "sip.password");
    ASSERT_EQ(sip.size(), 1u);  // the empty one is no password
    EXPECT_EQ(sip[0]->raw_key, "reg.1.auth.password");
    EXPECT_TRUE(is_secret_key("reg.1.auth.password"));
    EXPECT_FALSE(is_secret_key("sec.pwd.length.admin"));
}

TEST(PolycomXml, DeviceValueWithoutItsSetFlagDoesNotApply) {
    ParsedConfig c = parse_polycom_xml(
        "<polycomConfig><device device.syslog.serverName=\"log.example\" device.syslog.serverName.set=\"0\" "
        "device.sntp.serverName=\"ntp.example\" device.sntp.serverName.set=\"1\" "
        "device.prov.serverName=\"https://prov.example/p\"/></polycomConfig>");
    EXPECT_EQ(find(c, "syslog.server"), nullptr);
    EXPECT_NE(find(c, "ntp.server", "ntp.example"), nullptr);
    EXPECT_NE(find(c, "provisioning.url", "https://prov.example/p"), nullptr);
    EXPECT_NE(find(c, "provisioning.scheme", "https"), nullptr) << describe(c, "provisioning.scheme");
}

TEST(PolycomXml, ProvisioningServerType) {
    ParsedConfig c = parse_polycom_xml(
        "<polycomConfig><d device.prov.serverName=\"10.0.0.5\" device.prov.serverType=\"TFTP\"/></polycomConfig>");
    auto schemes = all_of(c, "provisioning.scheme");
    ASSERT_EQ(schemes.size(), 1u) << describe(c, "provisioning.scheme");
    EXPECT_EQ(schemes[0]->value, "tftp");
}

TEST(PolycomXml, AutoAnswerH323NtpEmptyMeansNothing) {
    ParsedConfig c = parse_polycom_xml(
        "<sip><call call.autoAnswer.SIP=\"1\" call.autoAnswer.H323=\"0\"/><v voIpProt.H323.enable=\"1\"/>"
        "<t tcpIpApp.sntp.address=\"\"/></sip>");
    EXPECT_NE(find(c, "auto_answer", "on"), nullptr);
    EXPECT_NE(find(c, "auto_answer", "off"), nullptr);
    EXPECT_NE(find(c, "h323.enabled", "on"), nullptr);
    EXPECT_EQ(find(c, "ntp.server"), nullptr);
}

TEST(PolycomXml, BareAttributeFragmentWithPlaceholders) {
    ParsedConfig c = parse_polycom_xml(
        "reg.${LINE}.displayName=\"${DISPLAY_NAME}\" reg.${LINE}.auth.password=\"${SECRET}\"\n"
        "reg.${LINE}.server.1.transport=\"DNSnaptr\"\n");
    EXPECT_TRUE(c.issues.empty());
    ASSERT_EQ(c.raw.size(), 3u);
    EXPECT_EQ(c.raw[1].key, "reg.${LINE}.auth.password");
    EXPECT_EQ(c.raw[2].line, 2);
    const Setting* pw = find(c, "sip.password");
    ASSERT_NE(pw, nullptr);
    EXPECT_TRUE(pw->placeholder);
    EXPECT_NE(find(c, "sip.transport", "dnsnaptr"), nullptr);
}

TEST(PolycomXml, ByteOrderMarkBeforeTheDeclaration) {
    ParsedConfig c = parse_polycom_xml(
        "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sip><h httpd.enabled=\"1\"/></sip>");
    EXPECT_TRUE(c.issues.empty());
    EXPECT_NE(find(c, "mgmt.http", "on"), nullptr);
}

TEST(PolycomXml, PlaceholderValueIsUnknownNotOff) {
    ParsedConfig c = parse_polycom_xml("<sip><c call.autoAnswer.SIP=\"{$auto_answer}\"/></sip>");
    const Setting* a = find(c, "auto_answer");
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(a->placeholder);
}

TEST(PolycomXml, DamagedFileKeepsWhatCanBeRead) {
    ParsedConfig c = parse_polycom_xml("<phone1>\n<reg ${PP_EACH_EXTENSION(${MAC},x.xml)} />\n"
                                       "<SNTP tcpIpApp.sntp.address=\"time\"/>\n<broken a=\"1\"\n");
    ASSERT_FALSE(c.issues.empty());
    EXPECT_EQ(c.issues[0].line, 2);
    EXPECT_NE(find(c, "ntp.server", "time"), nullptr);
}

// ------------------------------------------------------------ real files

TEST(PolycomXmlCorpus, SoundPointSip3xMasterConfig) {
    ParsedConfig c = parse_polycom_xml(corpus_file("polycom/soundpoint_sip3x_sip.cfg"));
    EXPECT_TRUE(c.issues.empty());
    EXPECT_GT(c.raw.size(), 1000u);
    // voIpProt.server.*.transport="DNSnaptr" (UDP/TCP, not TLS)
    EXPECT_NE(find(c, "sip.transport", "dnsnaptr"), nullptr) << describe(c, "sip.transport");
    EXPECT_EQ(find(c, "sip.transport", "tls"), nullptr);
    // sec.srtp.enable/offer/require="" (SRTP off by default)
    const Setting* srtp = find(c, "media.srtp");
    ASSERT_NE(srtp, nullptr);
    EXPECT_EQ(srtp->value, "off");
    EXPECT_EQ(srtp->source, Source::Default);
    // httpd.enabled="1" httpd.cfg.port="80"
    EXPECT_NE(find(c, "mgmt.http", "on"), nullptr) << describe(c, "mgmt.http");
    ASSERT_NE(find_raw(c, "httpd.cfg.port"), nullptr);
    EXPECT_EQ(find_raw(c, "httpd.cfg.port")->value, "80");
    // sec.pwd.length.admin="1" is a policy, not a password
    EXPECT_EQ(find(c, "admin.password"), nullptr);
    ASSERT_NE(find_raw(c, "sec.pwd.length.admin"), nullptr);
    // tcpIpApp.sntp.address="" (no NTP)
    EXPECT_EQ(find(c, "ntp.server"), nullptr);
    EXPECT_NE(find(c, "h323.enabled", "off"), nullptr);
    EXPECT_NE(find(c, "auto_answer", "off"), nullptr);
    ASSERT_NE(find_raw(c, "prov.polling.enabled"), nullptr);
    EXPECT_EQ(find_raw(c, "prov.polling.enabled")->value, "0");
    // the one FusionPBX placeholder stays verbatim
    bool placeholder = false;
    for (const RawSetting& r : c.raw) placeholder = placeholder || r.value == "{$voicemail_number}";
    EXPECT_TRUE(placeholder);
}

TEST(PolycomXmlCorpus, SoundPointSip3xPerPhoneConfig) {
    ParsedConfig c = parse_polycom_xml(corpus_file("polycom/soundpoint_sip3x_phone1.cfg"));
    EXPECT_TRUE(c.issues.empty());
    auto transports = all_of(c, "sip.transport");
    EXPECT_EQ(transports.size(), 12u) << describe(c, "sip.transport");  // reg.1-6.server.1-2
    for (const Setting* t : transports) EXPECT_EQ(t->value, "dnsnaptr");
    EXPECT_EQ(find(c, "sip.password"), nullptr);  // every reg.N.auth.password is empty
    ASSERT_NE(find_raw(c, "reg.1.auth.password"), nullptr);
    EXPECT_TRUE(find_raw(c, "reg.1.auth.password")->value.empty());
}

TEST(PolycomXmlCorpus, Uc4FeaturesHasFeatureFlagsOnly) {
    ParsedConfig c = parse_polycom_xml(corpus_file("polycom/uc4_features.cfg"));
    EXPECT_TRUE(c.issues.empty());
    ASSERT_NE(find_raw(c, "feature.urlDialing.enabled"), nullptr);
    EXPECT_EQ(find_raw(c, "feature.urlDialing.enabled")->value, "1");
    EXPECT_EQ(find_raw(c, "feature.bluetooth.enabled")->value, "1");
    EXPECT_EQ(find_raw(c, "feature.corporateDirectory.enabled")->value, "0");
    EXPECT_NE(find(c, "recording.allowed", "off"), nullptr);  // feature.callRecording.enabled="0"
    for (const char* k : {"sip.transport", "media.srtp", "mgmt.http", "admin.password", "sip.password"})
        EXPECT_EQ(find(c, k), nullptr) << k;
    EXPECT_EQ(find_raw(c, "xmlns:xsi"), nullptr);
}

TEST(PolycomXmlCorpus, AsteriskPhoneprovTemplate) {
    ParsedConfig c = parse_polycom_xml(corpus_file("polycom/asterisk_phoneprov_polycom.xml"));
    // <reg ${PP_EACH_EXTENSION(${MAC},polycom_line.xml)} /> on line 3 is no XML.
    ASSERT_EQ(c.issues.size(), 1u);
    EXPECT_EQ(c.issues[0].line, 3);
    EXPECT_NE(find(c, "mgmt.http", "on"), nullptr);         // httpd.enabled="1"
    EXPECT_NE(find(c, "ntp.server", "time"), nullptr);      // tcpIpApp.sntp.address="time"
    ASSERT_NE(find_raw(c, "tcpIpApp.sntp.gmtOffset"), nullptr);
    EXPECT_TRUE(is_placeholder(find_raw(c, "tcpIpApp.sntp.gmtOffset")->value));
}

TEST(PolycomXmlCorpus, AsteriskPhoneprovLineFragment) {
    ParsedConfig c = parse_polycom_xml(corpus_file("polycom/asterisk_phoneprov_polycom_line.xml"));
    EXPECT_TRUE(c.issues.empty());
    const Setting* t = find(c, "sip.transport");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->value, "dnsnaptr");
    EXPECT_EQ(t->raw_key, "reg.${LINE}.server.1.transport");
    const Setting* pw = find(c, "sip.password");
    ASSERT_NE(pw, nullptr);
    EXPECT_TRUE(pw->placeholder);
    EXPECT_EQ(pw->raw_key, "reg.${LINE}.auth.password");
}

}  // namespace
}  // namespace vca::probes::config
