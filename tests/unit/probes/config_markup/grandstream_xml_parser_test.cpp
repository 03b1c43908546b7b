// Grandstream gs_provision XML: P-values with comments between them, the
// shared P-value mapping, damage; then the real GXP1610 file.
#include "probes/config/grandstream_xml_parser.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "tests/unit/probes/config_markup/markup_test_support.hpp"

namespace vca::probes::config {
namespace {

using testing::corpus_file;
using testing::describe;
using testing::find;
using testing::find_raw;
using testing::fnv1a;

TEST(GrandstreamXml, PValuesInsideConfigWithCommentsBetween) {
    ParsedConfig c = parse_grandstream_xml(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<gs_provision version=\"1\">\n<mac>000b82000001</mac>\n"
        "<config version=\"1\">\n<!-- # Config Server Path -->\n<P237>prov.example</P237>\n"
        "<!-- # SIP transport --><P130>2</P130>\n<P183>1</P183>\n</config>\n</gs_provision>\n");
    EXPECT_EQ(c.format, Format::GrandstreamXml);
    EXPECT_TRUE(c.issues.empty());
    ASSERT_EQ(c.raw.size(), 3u);  // <mac> names the device, it is no setting
    EXPECT_EQ(c.raw[0].key, "P237");
    EXPECT_EQ(c.raw[0].line, 6);
    EXPECT_NE(find(c, "provisioning.url", "prov.example"), nullptr);
    EXPECT_NE(find(c, "sip.transport", "tls"), nullptr) << describe(c, "sip.transport");
    EXPECT_NE(find(c, "media.srtp", "optional"), nullptr) << describe(c, "media.srtp");
}

TEST(GrandstreamXml, NamedItemsAndBareConfigRoot) {
    ParsedConfig c =
        parse_grandstream_xml("<config><item name=\"P30\">pool.ntp.org</item><P207>10.0.0.2</P207></config>");
    EXPECT_NE(find_raw(c, "P30"), nullptr);
    EXPECT_NE(find(c, "ntp.server", "pool.ntp.org"), nullptr);
    EXPECT_NE(find(c, "syslog.server", "10.0.0.2"), nullptr);
}

TEST(GrandstreamXml, SilentFileGetsTheFactoryDefaults) {
    ParsedConfig c = parse_grandstream_xml("<gs_provision><config><P270>Line</P270></config></gs_provision>");
    const Setting* t = find(c, "sip.transport");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->value, "udp");
    EXPECT_EQ(t->source, Source::Default);
}

TEST(GrandstreamXml, BrokenFileKeepsEarlierValues) {
    ParsedConfig c = parse_grandstream_xml("<gs_provision><config>\n<P212>2</P212>\n<P6767>1</P67");
    EXPECT_FALSE(c.issues.empty());
    EXPECT_NE(find(c, "provisioning.scheme", "https"), nullptr) << describe(c, "provisioning.scheme");
}

// ------------------------------------------------------------ real file

// The value of <Pn> as the file writes it, read with a plain pattern
// independent of the parser.
std::string pvalue_in(const std::string& text, const std::string& p) {
    std::smatch m;
    std::regex re("<" + p + ">([^<]*)</" + p + ">");
    return std::regex_search(text, m, re) ? m[1].str() : std::string("\x01missing");
}

TEST(GrandstreamXmlCorpus, Gxp1610PerMacFile) {
    const std::string text = corpus_file("grandstream/cfg000b82c3b960.xml");
    ParsedConfig c = parse_grandstream_xml(text);
    EXPECT_TRUE(c.issues.empty());
    // P2 PASSWORD (admin), P34 SIP password in cleartext
    const Setting* admin = find(c, "admin.password");
    ASSERT_NE(admin, nullptr);
    EXPECT_EQ(admin->raw_key, "P2");
    EXPECT_EQ(admin->line, 14);
    EXPECT_EQ(fnv1a(admin->value), fnv1a(pvalue_in(text, "P2")));
    EXPECT_EQ(fnv1a(admin->value), 0xc03270fe9b4d4158ULL);  // the weak word MANIFEST.tsv names
    const Setting* sip = find(c, "sip.password");
    ASSERT_NE(sip, nullptr);
    EXPECT_EQ(sip->raw_key, "P34");
    EXPECT_EQ(fnv1a(sip->value), fnv1a(pvalue_in(text, "P34")));
    // P212=0 TFTP provisioning, P6767=0 TFTP firmware, servers 172.18.18.250
    EXPECT_NE(find(c, "provisioning.scheme", "tftp"), nullptr);
    EXPECT_NE(find(c, "firmware.scheme", "tftp"), nullptr);
    EXPECT_NE(find(c, "provisioning.url", "172.18.18.250"), nullptr);
    EXPECT_NE(find(c, "firmware.url", "172.18.18.250"), nullptr);
    // no P130/P183: UDP and no SRTP by default
    EXPECT_NE(find(c, "sip.transport", "udp"), nullptr);
    EXPECT_NE(find(c, "media.srtp", "off"), nullptr);
    EXPECT_EQ(find_raw(c, "mac"), nullptr);
    EXPECT_EQ(find_raw(c, "P145")->value, "1");
}

}  // namespace
}  // namespace vca::probes::config
