// Tests for probes/config/format_detect: every file of the shared corpus is
// detected as the format its MANIFEST.tsv `format` column names, from its
// real name and, for the text formats, from its content alone.
#include "probes/config/format_detect.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using testing::corpus;

// MANIFEST.tsv path → format column, as Format.
const std::vector<std::pair<std::string, Format>>& manifest() {
    static const std::vector<std::pair<std::string, Format>> kFiles{
        {"asterisk/basic-pbx_pjsip.conf", Format::AsteriskIni},
        {"asterisk/pjsip.conf.sample", Format::AsteriskIni},
        {"asterisk/http.conf.sample", Format::AsteriskIni},
        {"asterisk/manager.conf.sample", Format::AsteriskIni},
        {"asterisk/rtp.conf.sample", Format::AsteriskIni},
        {"asterisk/ooh323.conf.sample", Format::AsteriskIni},
        {"asterisk/logger.conf.sample", Format::AsteriskIni},
        {"asterisk/phreaknet_pjsip.conf", Format::AsteriskIni},
        {"asterisk/phreaknet_sip.conf", Format::AsteriskIni},
        {"asterisk/yukari_pjsip.conf", Format::AsteriskIni},
        {"asterisk/yukari_pjsip_template_phone.conf", Format::AsteriskIni},
        {"asterisk/yukari_http.conf", Format::AsteriskIni},
        {"freeswitch/vars.xml", Format::FreeswitchXml},
        {"freeswitch/sip_profiles_internal.xml", Format::FreeswitchXml},
        {"freeswitch/sip_profiles_external.xml", Format::FreeswitchXml},
        {"freeswitch/event_socket.conf.xml", Format::FreeswitchXml},
        {"freeswitch/verto.conf.xml", Format::FreeswitchXml},
        {"freeswitch/xml_rpc.conf.xml", Format::FreeswitchXml},
        {"coturn/turnserver.conf.example", Format::CoturnConf},
        {"coturn/docker_turnserver.conf", Format::CoturnConf},
        {"coturn/blc-jitsi_turnserver.conf", Format::CoturnConf},
        {"jitsi/jvb_reference.conf", Format::JitsiHocon},
        {"jitsi/jvb_application.conf", Format::JitsiHocon},
        {"jitsi/jicofo_reference.conf", Format::JitsiHocon},
        {"jitsi/drumee_jvb.conf", Format::JitsiHocon},
        {"jitsi/drumee_jicofo.conf.tpl", Format::JitsiHocon},
        {"jitsi/blc_jvb.conf", Format::JitsiHocon},
        {"jitsi/blc_jicofo.conf", Format::JitsiHocon},
        {"jitsi/blc_jibri.conf", Format::JitsiHocon},
        {"jitsi/webrtc1_videobridge_config.env", Format::ShellEnv},
        {"jitsi/webrtc1_videobridge_sip-communicator.properties", Format::JavaProperties},
        {"jitsi/webrtc1_jicofo_config.env", Format::ShellEnv},
        {"jitsi/webrtc1_jigasi_sip-communicator.properties", Format::JavaProperties},
        {"nginx/webrtc1-jitsi-site.conf", Format::NginxConf},
        {"nginx/tiredofit-jitsi_conf.d.conf", Format::NginxConf},
        {"kamailio/kamailio.cfg", Format::KamailioCfg},
        {"kamailio/tls.cfg", Format::KamailioTlsCfg},
        {"kamailio/ims_pcscf_tls.cfg.sample", Format::KamailioTlsCfg},
        {"opensips/opensips.cfg", Format::KamailioCfg},
        {"opensips/proto_wss_sample_opensips.cfg", Format::KamailioCfg},
        {"bigbluebutton/bigbluebutton.properties", Format::JavaProperties},
        {"bigbluebutton/turn-stun-servers.xml", Format::SpringBeansXml},
        {"yealink/exported_MAC-all_T4x.cfg", Format::YealinkCfg},
        {"yealink/teams_y000000000000.boot", Format::YealinkCfg},
        {"yealink/vp530_common_template.cfg", Format::YealinkCfg},
        {"yealink/xivo_yealink_w52p_fw20_model.tpl", Format::YealinkCfg},
        {"polycom/soundpoint_sip3x_sip.cfg", Format::PolycomXml},
        {"polycom/soundpoint_sip3x_phone1.cfg", Format::PolycomXml},
        {"polycom/uc4_features.cfg", Format::PolycomXml},
        {"polycom/asterisk_phoneprov_polycom.xml", Format::PolycomXml},
        {"polycom/asterisk_phoneprov_polycom_line.xml", Format::PolycomXml},
        {"cisco/cp7911_SEP0024C444A196.cnf.xml", Format::CiscoPhoneXml},
        {"cisco/roomos_webex_deviceConfigurations_dump.json", Format::RoomOsJson},
        {"cisco/roomos_putxml_Proximity.xml", Format::RoomOsXml},
        {"grandstream/gxp1610_pvalues.txt", Format::GrandstreamText},
        {"grandstream/cfg000b82c3b960.xml", Format::GrandstreamXml},
    };
    return kFiles;
}

TEST(FormatDetect, ManifestListsEveryCorpusFile) {
    const std::string m = corpus("MANIFEST.tsv");
    std::size_t rows = 0;
    for (std::size_t pos = m.find('\n'); pos != std::string::npos && pos + 1 < m.size(); pos = m.find('\n', pos + 1)) {
        const std::string path = m.substr(pos + 1, m.find('\t', pos + 1) - pos - 1);
        if (path.empty()) continue;
        ++rows;
        const bool listed = std::any_of(manifest().begin(), manifest().end(), [&](const auto& f) { return f.first == path; });
        EXPECT_TRUE(listed) << path << " is in MANIFEST.tsv but not in this test";
    }
    EXPECT_EQ(rows, manifest().size());
}

TEST(FormatDetect, EveryCorpusFileByNameAndContent) {
    for (const auto& [path, format] : manifest()) {
        const std::string text = corpus(path);
        ASSERT_FALSE(text.empty()) << path;
        EXPECT_EQ(format_name(detect_format(path, text)), format_name(format)) << path;
    }
}

TEST(FormatDetect, TextFormatsFromContentAlone) {
    // A neutral upload name: the content has to say what the file is.
    for (const auto& [path, format] : manifest()) {
        const std::string text = corpus(path);
        EXPECT_EQ(format_name(detect_format("upload.bin", text)), format_name(format)) << path;
    }
}

TEST(FormatDetect, XmlRootsAfterBomDeclarationAndComments) {
    EXPECT_EQ(detect_format("x", "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<PHONE_CONFIG a.b=\"1\"/>"), Format::PolycomXml);
    EXPECT_EQ(detect_format("x", "<polycomConfig><x y.z=\"1\"/></polycomConfig>"), Format::PolycomXml);
    EXPECT_EQ(detect_format("x", "<?xml version=\"1.0\"?><gs_provision version=\"1\"/>"), Format::GrandstreamXml);
    EXPECT_EQ(detect_format("x", "<device><deviceProtocol>SIP</deviceProtocol></device>"), Format::CiscoPhoneXml);
    EXPECT_EQ(detect_format("x", "<Configuration><SIP/></Configuration>"), Format::RoomOsXml);
    EXPECT_EQ(detect_format("x", "<configuration name=\"sofia.conf\"/>"), Format::FreeswitchXml);
    EXPECT_EQ(detect_format("x", "<include><X-PRE-PROCESS cmd=\"set\" data=\"a=b\"/></include>"), Format::FreeswitchXml);
    EXPECT_EQ(detect_format("x", "<!DOCTYPE beans>\n<beans></beans>"), Format::SpringBeansXml);
    EXPECT_EQ(detect_format("x", "reg.1.address=\"\" reg.1.label=\"x\""), Format::PolycomXml);
    EXPECT_EQ(detect_format("x", "<html><body/></html>"), Format::Unknown);
    EXPECT_EQ(detect_format("x", "<!-- never closed"), Format::Unknown);
}

TEST(FormatDetect, JsonOnlyWhenItIsADeviceConfigurationDump) {
    EXPECT_EQ(detect_format("d.json", R"({"items":[{"key":"SIP.DefaultTransport","valueSpace":{}}]})"), Format::RoomOsJson);
    EXPECT_EQ(detect_format("d.json", R"({"a": 1})"), Format::Unknown);
}

TEST(FormatDetect, TextSnippets) {
    EXPECT_EQ(detect_format("a", "#!version:1.0.0.1\naccount.1.enable = 1\n"), Format::YealinkCfg);
    EXPECT_EQ(detect_format("a", "# c\nP2 = x\nP212 = 0\n"), Format::GrandstreamText);
    EXPECT_EQ(detect_format("a", "[general]\nenabled = yes\n"), Format::AsteriskIni);
    EXPECT_EQ(detect_format("a", "#!KAMAILIO\nlisten=udp:1.2.3.4:5060\n"), Format::KamailioCfg);
    EXPECT_EQ(detect_format("a", "[server:default]\nmethod = TLSv1.2+\n"), Format::KamailioTlsCfg);
    EXPECT_EQ(detect_format("a", "lt-cred-mech\nrealm=example.org\n"), Format::CoturnConf);
    EXPECT_EQ(detect_format("a", "server {\n  listen 80;\n}\n"), Format::NginxConf);
    EXPECT_EQ(detect_format("a", "videobridge {\n  http-servers {\n    public { port = 9090 }\n  }\n}\n"), Format::JitsiHocon);
    EXPECT_EQ(detect_format("a", "org.jitsi.videobridge.ENABLE_STATISTICS=true\n"), Format::JavaProperties);
    EXPECT_EQ(detect_format("a", "JVB_HOSTNAME=example.org\nJVB_PORT=5347\n"), Format::ShellEnv);
    EXPECT_EQ(detect_format("a", ""), Format::Unknown);
    EXPECT_EQ(detect_format("a", "hello world\n"), Format::Unknown);
}

TEST(FormatDetect, FileNamesDecideForCommentedSamples) {
    EXPECT_EQ(detect_format("/etc/asterisk/pjsip.conf.sample", "; all commented\n"), Format::AsteriskIni);
    EXPECT_EQ(detect_format("C:\\cfg\\turnserver.conf", "# all commented\n"), Format::CoturnConf);
    EXPECT_EQ(detect_format("y000000000000.boot", "#!version:1.0.0.1\n"), Format::YealinkCfg);
    EXPECT_EQ(detect_format("/etc/jitsi/jicofo/config", "# nothing\n"), Format::ShellEnv);
    EXPECT_EQ(detect_format("jicofo.conf.tpl", "jicofo { }\n"), Format::JitsiHocon);
    EXPECT_EQ(detect_format("tls.cfg", "# nothing\n"), Format::KamailioTlsCfg);
}

// Documents and keys kept beside configurations are evidence, not settings,
// even when their text looks like key=value lines.
TEST(FormatDetect, DocumentsBesideConfigurationsAreNotConfigurations) {
    const std::string text = "path\tproduct\tformat\nkey = value\nother=1\n";
    for (const char* name : {"README.md", "MANIFEST.tsv", "inventory.csv", "server.key", "ca.pem", "LICENSE"})
        EXPECT_EQ(detect_format(name, text), Format::Unknown) << name;
    EXPECT_NE(detect_format("manager.conf", "[general]\nenabled = yes\n"), Format::Unknown);
}

}  // namespace
}  // namespace vca::probes::config
