// Cisco SEP<MAC>.cnf.xml: inline documents for the security-mode and
// transport enumerations, placeholders and damage; then the real CP-7911
// file against MANIFEST.tsv.
#include "probes/config/cisco_phone_xml_parser.hpp"

#include <gtest/gtest.h>

#include "tests/unit/probes/config_markup/markup_test_support.hpp"

namespace vca::probes::config {
namespace {

using testing::all_of;
using testing::corpus_file;
using testing::describe;
using testing::find;
using testing::find_raw;

ParsedConfig device(const std::string& body) { return parse_cisco_phone_xml("<device>" + body + "</device>"); }

TEST(CiscoPhoneXml, SecurityModeDecidesSrtpAndTls) {
    ParsedConfig open =
        device("<deviceSecurityMode>1</deviceSecurityMode><transportLayerProtocol>2</transportLayerProtocol>");
    EXPECT_NE(find(open, "media.srtp", "off"), nullptr);
    EXPECT_NE(find(open, "sip.transport", "udp"), nullptr) << describe(open, "sip.transport");

    ParsedConfig authenticated =
        device("<deviceSecurityMode>2</deviceSecurityMode><transportLayerProtocol>4</transportLayerProtocol>");
    EXPECT_NE(find(authenticated, "media.srtp", "off"), nullptr);
    auto t = all_of(authenticated, "sip.transport");
    ASSERT_EQ(t.size(), 1u) << describe(authenticated, "sip.transport");
    EXPECT_EQ(t[0]->value, "tls");

    ParsedConfig encrypted = device("<deviceSecurityMode>3</deviceSecurityMode>");
    EXPECT_NE(find(encrypted, "media.srtp", "required"), nullptr);
    EXPECT_NE(find(encrypted, "sip.transport", "tls"), nullptr);
}

TEST(CiscoPhoneXml, UndocumentedTransportCodesStayRaw) {
    ParsedConfig c =
        device("<deviceSecurityMode>1</deviceSecurityMode><transportLayerProtocol>1</transportLayerProtocol>");
    EXPECT_EQ(find(c, "sip.transport"), nullptr);
    ASSERT_NE(find_raw(c, "transportLayerProtocol"), nullptr);
    EXPECT_EQ(find_raw(c, "transportLayerProtocol")->value, "1");
}

TEST(CiscoPhoneXml, LinesAreIndexedByButton) {
    ParsedConfig c = device(
        "<sipProfile><sipLines><line button=\"1\"><authName>28</authName><authPassword>pw-one</authPassword>"
        "<autoAnswer><autoAnswerEnabled>3</autoAnswerEnabled></autoAnswer></line>"
        "<line button=\"2\"><authPassword>#authPw#</authPassword>"
        "<autoAnswer><autoAnswerEnabled>2</autoAnswerEnabled></autoAnswer></line></sipLines></sipProfile>");
    ASSERT_NE(find_raw(c, "sipProfile.sipLines.line[1].authName"), nullptr);
    auto pw = all_of(c, "sip.password");
    ASSERT_EQ(pw.size(), 2u);
    EXPECT_EQ(pw[0]->raw_key, "sipProfile.sipLines.line[1].authPassword");
    EXPECT_FALSE(pw[0]->placeholder);
    EXPECT_EQ(pw[0]->value.size(), 6u);
    EXPECT_TRUE(pw[1]->placeholder);
    // 3 = auto answer with speakerphone; 2 is not documented consistently.
    auto aa = all_of(c, "auto_answer");
    ASSERT_EQ(aa.size(), 1u) << describe(c, "auto_answer");
    EXPECT_EQ(aa[0]->value, "on");
    EXPECT_EQ(aa[0]->raw_key, "sipProfile.sipLines.line[1].autoAnswer.autoAnswerEnabled");
}

TEST(CiscoPhoneXml, FirmwareNtpEncryptionAndPort) {
    ParsedConfig c = device(
        "<devicePool><dateTimeSetting><ntps><ntp><name>10.1.1.1</name></ntp></ntps></dateTimeSetting></devicePool>"
        "<sipProfile><voipControlPort>5061</voipControlPort></sipProfile>"
        "<loadInformation>SIP75.9-4-2SR1-1S</loadInformation><encrConfig>true</encrConfig>");
    EXPECT_NE(find(c, "ntp.server", "10.1.1.1"), nullptr);
    EXPECT_NE(find(c, "sip.port", "5061"), nullptr);
    EXPECT_NE(find(c, "firmware.version", "SIP75.9-4-2SR1-1S"), nullptr);
    EXPECT_EQ(c.device.firmware, "SIP75.9-4-2SR1-1S");
    EXPECT_NE(find(c, "config.encrypted", "on"), nullptr);
}

TEST(CiscoPhoneXml, EmptyAndBrokenDocuments) {
    ParsedConfig empty = parse_cisco_phone_xml("");
    EXPECT_TRUE(empty.raw.empty());
    EXPECT_FALSE(empty.issues.empty());

    ParsedConfig cut = parse_cisco_phone_xml("<device>\n<loadInformation>SIP11</loadInformation>\n<encrConfig>fal");
    EXPECT_FALSE(cut.issues.empty());
    EXPECT_NE(find(cut, "firmware.version", "SIP11"), nullptr);
}

// ------------------------------------------------------------ real file

TEST(CiscoPhoneXmlCorpus, Cp7911RealDeployment) {
    ParsedConfig c = parse_cisco_phone_xml(corpus_file("cisco/cp7911_SEP0024C444A196.cnf.xml"));
    EXPECT_EQ(c.format, Format::CiscoPhoneXml);
    EXPECT_TRUE(c.issues.empty());
    // deviceSecurityMode=1 (non-secure); transportLayerProtocol=4 (not TLS)
    EXPECT_NE(find(c, "media.srtp", "off"), nullptr) << describe(c, "media.srtp");
    EXPECT_NE(find(c, "sip.transport", "tcp"), nullptr) << describe(c, "sip.transport");
    EXPECT_EQ(find(c, "sip.transport", "tls"), nullptr);
    // encrConfig=false
    EXPECT_NE(find(c, "config.encrypted", "off"), nullptr);
    // loadInformation SIP11.9-4-2SR3-1S
    EXPECT_NE(find(c, "firmware.version", "SIP11.9-4-2SR3-1S"), nullptr);
    // NTP 192.168.14.1 unicast
    const Setting* ntp = find(c, "ntp.server");
    ASSERT_NE(ntp, nullptr);
    EXPECT_EQ(ntp->value, "192.168.14.1");
    EXPECT_EQ(ntp->line, 11);
    // autoAnswerEnabled=2: numeric enum not verified, kept raw
    EXPECT_EQ(find(c, "auto_answer"), nullptr);
    ASSERT_NE(find_raw(c, "sipProfile.sipLines.line[1].autoAnswer.autoAnswerEnabled"), nullptr);
    EXPECT_EQ(find_raw(c, "sipProfile.sipLines.line[1].autoAnswer.autoAnswerEnabled")->value, "2");
    // webAccess=0, sshAccess=0: meaning per model unverified, kept raw
    EXPECT_EQ(find(c, "mgmt.http"), nullptr);
    EXPECT_EQ(find(c, "mgmt.ssh"), nullptr);
    ASSERT_NE(find_raw(c, "vendorConfig.webAccess"), nullptr);
    EXPECT_EQ(find_raw(c, "vendorConfig.sshAccess")->value, "0");
    // directoryURL http://
    ASSERT_NE(find_raw(c, "directoryURL"), nullptr);
    EXPECT_EQ(find_raw(c, "directoryURL")->value.rfind("http://", 0), 0u);
    // #placeholder# credentials
    const Setting* ssh = find(c, "admin.password");
    ASSERT_NE(ssh, nullptr);
    EXPECT_TRUE(ssh->placeholder);
    EXPECT_EQ(ssh->raw_key, "sshPassword");
    const Setting* line = find(c, "sip.password");
    ASSERT_NE(line, nullptr);
    EXPECT_TRUE(line->placeholder);
    ASSERT_NE(find_raw(c, "sshUserId"), nullptr);
    EXPECT_TRUE(is_placeholder(find_raw(c, "sshUserId")->value));
    // commonProfile.phonePassword is empty: no password to judge
    EXPECT_EQ(all_of(c, "admin.password").size(), 1u);
}

}  // namespace
}  // namespace vca::probes::config
