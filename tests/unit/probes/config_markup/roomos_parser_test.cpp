// RoomOS configuration as a <Configuration> XML tree and as the Webex
// deviceConfigurations JSON dump: inline documents for each mapping, item
// sources and damage; then both real corpus files against MANIFEST.tsv.
#include "probes/config/roomos_parser.hpp"

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

TEST(RoomOsXml, PathsOfElementsWithItemIndices) {
    ParsedConfig c = parse_roomos_xml(
        "<?xml version=\"1.0\"?>\n<Configuration product=\"Cisco Codec\">\n"
        "  <NetworkServices>\n    <HTTP><Mode valueSpaceRef=\"/x\">HTTP+HTTPS</Mode></HTTP>\n"
        "    <Telnet><Mode>On</Mode></Telnet>\n  </NetworkServices>\n"
        "  <SIP><DefaultTransport>UDP</DefaultTransport><Proxy item=\"1\"><Address>10.0.0.9</Address></Proxy></SIP>\n"
        "  "
        "<Conference><Encryption><Mode>BestEffort</Mode></Encryption><AutoAnswer><Mode>On</Mode></AutoAnswer></"
        "Conference>\n"
        "</Configuration>\n");
    EXPECT_EQ(c.format, Format::RoomOsXml);
    EXPECT_TRUE(c.issues.empty());
    const RawSetting* mode = find_raw(c, "NetworkServices.HTTP.Mode");
    ASSERT_NE(mode, nullptr);
    EXPECT_EQ(mode->value, "HTTP+HTTPS");
    EXPECT_EQ(mode->line, 4);
    ASSERT_NE(find_raw(c, "SIP.Proxy[1].Address"), nullptr);
    EXPECT_NE(find(c, "mgmt.http", "on"), nullptr);
    EXPECT_NE(find(c, "mgmt.https", "on"), nullptr);
    EXPECT_NE(find(c, "mgmt.telnet", "on"), nullptr);
    EXPECT_NE(find(c, "sip.transport", "udp"), nullptr);
    EXPECT_NE(find(c, "media.srtp", "optional"), nullptr);
    EXPECT_NE(find(c, "auto_answer", "on"), nullptr);
    EXPECT_EQ(c.device.vendor, "Cisco");
}

TEST(RoomOsXml, LoggingAndNtpFollowTheirMode) {
    ParsedConfig off = parse_roomos_xml(
        "<Configuration><Logging><External><Mode>Off</Mode><Server><Address>log.example</Address></Server>"
        "</External></Logging><NetworkServices><NTP><Mode>Manual</Mode><Server item=\"1\"><Address>ntp.example"
        "</Address></Server><Server item=\"2\"><Address></Address></Server></NTP></NetworkServices></Configuration>");
    EXPECT_EQ(find(off, "syslog.server"), nullptr);
    auto ntp = all_of(off, "ntp.server");
    ASSERT_EQ(ntp.size(), 1u) << describe(off, "ntp.server");
    EXPECT_EQ(ntp[0]->value, "ntp.example");

    ParsedConfig on = parse_roomos_xml(
        "<Configuration><Logging><External><Mode>On</Mode><Server><Address>log.example</Address></Server>"
        "</External></Logging></Configuration>");
    EXPECT_NE(find(on, "syslog.server", "log.example"), nullptr);
}

TEST(RoomOsXml, SettingsOfADisabledFeatureAreInert) {
    ParsedConfig c = parse_roomos_xml(
        "<Configuration><NetworkServices><SIP><Mode>Off</Mode></SIP></NetworkServices>"
        "<SIP><DefaultTransport>UDP</DefaultTransport></SIP>"
        "<UserManagement><LDAP><Mode>Off</Mode><VerifyServerCertificate>Off</VerifyServerCertificate></LDAP>"
        "</UserManagement><HttpClient><Mode>On</Mode><AllowInsecureHTTPS>True</AllowInsecureHTTPS></HttpClient>"
        "</Configuration>");
    EXPECT_EQ(find(c, "sip.transport"), nullptr);
    auto verify = all_of(c, "tls.verify_peer");
    ASSERT_EQ(verify.size(), 1u) << describe(c, "tls.verify_peer");
    EXPECT_EQ(verify[0]->value, "off");
    EXPECT_EQ(verify[0]->raw_key, "HttpClient.AllowInsecureHTTPS");
}

TEST(RoomOsXml, SnmpCommunityIsASecret) {
    ParsedConfig c = parse_roomos_xml(
        "<Configuration><NetworkServices><SNMP><Mode>ReadWrite</Mode><CommunityName>a-community</CommunityName>"
        "</SNMP></NetworkServices></Configuration>");
    EXPECT_NE(find(c, "snmp.enabled", "on"), nullptr);
    const Setting* community = find(c, "snmp.community");
    ASSERT_NE(community, nullptr);
    EXPECT_EQ(community->value.size(), 11u);
    EXPECT_TRUE(is_secret_key(community->raw_key));
}

TEST(RoomOsJson, ItemsWithTheirSource) {
    ParsedConfig c = parse_roomos_json(R"({"deviceId": "x", "items": {
        "NetworkServices.HTTP.Mode": {"value": "Off", "source": "configured"},
        "NetworkServices.HTTPS.StrictTransportSecurity": {"value": "On", "source": "default"},
        "SIP.MinimumTLSVersion": {"value": "TLSv1.1", "source": "default"},
        "Logging.External.Server.Port": {"value": 514, "source": "configured"},
        "SystemUnit.Software.Version": {"value": "ce11.5.1", "source": "configured"}}})");
    EXPECT_EQ(c.format, Format::RoomOsJson);
    EXPECT_TRUE(c.issues.empty());
    const Setting* http = find(c, "mgmt.http");
    ASSERT_NE(http, nullptr);
    EXPECT_EQ(http->value, "off");
    EXPECT_EQ(http->source, Source::File);
    EXPECT_EQ(http->line, 0);
    const Setting* hsts = find(c, "http.hsts");
    ASSERT_NE(hsts, nullptr);
    EXPECT_EQ(hsts->value, "on");
    EXPECT_EQ(hsts->source, Source::Default);
    EXPECT_NE(find(c, "tls.min_version", "1.1"), nullptr);
    ASSERT_NE(find_raw(c, "Logging.External.Server.Port"), nullptr);
    EXPECT_EQ(find_raw(c, "Logging.External.Server.Port")->value, "514");
    EXPECT_EQ(c.device.firmware, "ce11.5.1");
}

TEST(RoomOsJson, ArrayOfKeyedItems) {
    ParsedConfig c = parse_roomos_json(
        R"([{"key": "Conference.AutoAnswer.Mode", "value": "On"}, {"key": "NetworkServices.SSH.Mode", "value": "Off"},
            {"nokey": 1}, 7])");
    EXPECT_NE(find(c, "auto_answer", "on"), nullptr);
    EXPECT_NE(find(c, "mgmt.ssh", "off"), nullptr);
    EXPECT_EQ(c.raw.size(), 2u);
}

TEST(RoomOsJson, BrokenJsonKeepsWhatWasReadAndNamesTheLine) {
    ParsedConfig c = parse_roomos_json("{\"items\": {\n\"NetworkServices.SNMP.Mode\": {\"value\": \"ReadOnly\"},\n"
                                       "\"SIP.DefaultTransport\": {\"value\": \"TCP\"},\n\"X\": {\"value\": tru\n");
    ASSERT_EQ(c.issues.size(), 1u);
    EXPECT_EQ(c.issues[0].line, 4);
    EXPECT_NE(find(c, "snmp.enabled", "on"), nullptr);
    EXPECT_NE(find(c, "sip.transport", "tcp"), nullptr);
}

TEST(RoomOsJson, NotJsonOrNoItems) {
    ParsedConfig garbage = parse_roomos_json("<xml/>");
    EXPECT_FALSE(garbage.issues.empty());
    EXPECT_TRUE(garbage.raw.empty());
    ParsedConfig other = parse_roomos_json(R"({"a": 1})");
    ASSERT_EQ(other.issues.size(), 1u);
    EXPECT_TRUE(other.raw.empty());
}

TEST(RoomOsJson, NestingIsBounded) {
    std::string deep(markup_limits::kMaxJsonDepth + 5, '[');
    deep += std::string(markup_limits::kMaxJsonDepth + 5, ']');
    ParsedConfig c = parse_roomos_json(deep);
    ASSERT_FALSE(c.issues.empty());
    EXPECT_NE(c.issues[0].message.find("nesting"), std::string::npos);
}

// ------------------------------------------------------------ real files

TEST(RoomOsCorpus, WebexDeviceConfigurationsDump) {
    ParsedConfig c = parse_roomos_json(corpus_file("cisco/roomos_webex_deviceConfigurations_dump.json"));
    EXPECT_TRUE(c.issues.empty());
    EXPECT_EQ(c.raw.size(), 614u);  // "614 items"
    // HttpClient.AllowInsecureHTTPS=True (configured)
    const Setting* insecure = find(c, "tls.verify_peer", "off");
    ASSERT_NE(insecure, nullptr) << describe(c, "tls.verify_peer");
    EXPECT_EQ(insecure->raw_key, "HttpClient.AllowInsecureHTTPS");
    EXPECT_EQ(insecure->source, Source::File);
    // NetworkServices.HTTP.Mode=HTTPS (default)
    const Setting* http = find(c, "mgmt.http");
    ASSERT_NE(http, nullptr);
    EXPECT_EQ(http->value, "off");
    EXPECT_EQ(http->source, Source::Default);
    EXPECT_NE(find(c, "mgmt.https", "on"), nullptr);
    // HTTPS MinimumTLSVersion=TLSv1.2
    const Setting* tls = find(c, "tls.min_version");
    ASSERT_NE(tls, nullptr);
    EXPECT_EQ(tls->value, "1.2");
    // StrictTransportSecurity=Off, AutoAnswer Off, SNMP Off, SSH On
    EXPECT_NE(find(c, "http.hsts", "off"), nullptr);
    EXPECT_NE(find(c, "auto_answer", "off"), nullptr);
    EXPECT_NE(find(c, "snmp.enabled", "off"), nullptr);
    EXPECT_NE(find(c, "mgmt.ssh", "on"), nullptr);
    // Logging.External.Mode=Off: no syslog; no Telnet key in this generation
    EXPECT_EQ(find(c, "syslog.server"), nullptr);
    EXPECT_EQ(find(c, "mgmt.telnet"), nullptr);
    ASSERT_NE(find_raw(c, "Logging.External.Mode"), nullptr);
    EXPECT_EQ(find_raw(c, "Logging.External.Mode")->value, "Off");
    // NetworkServices.SIP.Mode=Off makes SIP.DefaultTransport=Auto inert
    EXPECT_EQ(find_raw(c, "NetworkServices.SIP.Mode")->value, "Off");
    EXPECT_EQ(find_raw(c, "SIP.DefaultTransport")->value, "Auto");
    EXPECT_EQ(find(c, "sip.transport"), nullptr);
    // Provisioning.Mode=Webex, UPnP and CDP on, signage over http://: raw
    EXPECT_EQ(find_raw(c, "Provisioning.Mode")->value, "Webex");
    EXPECT_EQ(find_raw(c, "NetworkServices.UPnP.Mode")->value, "On");
    EXPECT_EQ(find_raw(c, "NetworkServices.SSH.KeyExchangeAlgorithms.AllowLegacy")->value, "On");
    EXPECT_EQ(find_raw(c, "Standby.Signage.Url")->value.rfind("http://", 0), 0u);
}

TEST(RoomOsCorpus, PutxmlProximityFragment) {
    ParsedConfig c = parse_roomos_xml(corpus_file("cisco/roomos_putxml_Proximity.xml"));
    EXPECT_TRUE(c.issues.empty());
    ASSERT_EQ(c.raw.size(), 5u);
    EXPECT_EQ(find_raw(c, "Proximity.Mode")->value, "Off");
    EXPECT_EQ(find_raw(c, "Proximity.Services.CallControl")->value, "Disabled");
    EXPECT_EQ(find_raw(c, "Proximity.Services.Contentshare.FromClients")->value, "Disabled");
    EXPECT_EQ(find_raw(c, "UserInterface.Proximity.Notifications")->value, "Off");
    EXPECT_EQ(find_raw(c, "Proximity.Mode")->line, 4);
    EXPECT_TRUE(c.settings.empty());
}

}  // namespace
}  // namespace vca::probes::config
