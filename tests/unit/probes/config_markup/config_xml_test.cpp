// Tests of the shared XML/JSON helpers: value conversions, lines, damaged
// and fragmentary documents, the bounded element walk and the builder caps.
#include "probes/config/config_xml.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "probes/config/config_xml_limits.hpp"

namespace vca::probes::config::markup {
namespace {

namespace limits = markup_limits;

TEST(MarkupValues, BooleansInTheirUsualSpellings) {
    for (const char* v : {"1", "true", "TRUE", "yes", "On", " enabled "}) EXPECT_EQ(parse_bool(v), true) << v;
    for (const char* v : {"0", "false", "No", "OFF", "disabled"}) EXPECT_EQ(parse_bool(v), false) << v;
    for (const char* v : {"", "2", "maybe", "${X}"}) EXPECT_EQ(parse_bool(v), std::nullopt) << v;
}

TEST(MarkupValues, TlsFloorIsTheLowestVersionListed) {
    EXPECT_EQ(tls_floor("tlsv1,tlsv1.1,tlsv1.2"), "1.0");
    EXPECT_EQ(tls_floor("TLSv1.2"), "1.2");
    EXPECT_EQ(tls_floor("tlsv1.2, tlsv1.3"), "1.2");
    EXPECT_EQ(tls_floor("TLSv1_1"), "1.1");
    EXPECT_EQ(tls_floor("sslv23"), "1.0");
    EXPECT_EQ(tls_floor("1.3"), "1.3");
    EXPECT_EQ(tls_floor("!tlsv1,tlsv1.2"), "1.2");  // an exclusion is no floor
    EXPECT_EQ(tls_floor("Auto"), std::nullopt);
    EXPECT_EQ(tls_floor(""), std::nullopt);
}

TEST(MarkupValues, UrlSchemeNeedsSlashesOrAKnownOpaqueScheme) {
    EXPECT_EQ(url_scheme("HTTPS://prov.example.com/x"), "https");
    EXPECT_EQ(url_scheme("tftp://10.0.0.1"), "tftp");
    EXPECT_EQ(url_scheme("stun:stun.example.com:3478"), "stun");
    EXPECT_EQ(url_scheme("turns:turn.example.com:443"), "turns");
    EXPECT_EQ(url_scheme("172.18.18.250:69"), std::nullopt);
    EXPECT_EQ(url_scheme("host.example.com:8080"), std::nullopt);
    EXPECT_EQ(url_scheme(""), std::nullopt);
}

TEST(MarkupText, LinesAreOneBased) {
    LineIndex lines("a\nbc\n\nd");
    EXPECT_EQ(lines.line_of(0), 1);
    EXPECT_EQ(lines.line_of(1), 1);  // the newline ends line 1
    EXPECT_EQ(lines.line_of(2), 2);
    EXPECT_EQ(lines.line_of(5), 3);
    EXPECT_EQ(lines.line_of(6), 4);
}

TEST(XmlDocument, ByteOrderMarkAndLinesOfElementsAndAttributes) {
    XmlDocument doc("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<root>\n  <a x=\"1\"\n     y=\"2\"/>\n</root>\n");
    EXPECT_TRUE(doc.issues().empty());
    pugi::xml_node a = doc.document_element().child("a");
    ASSERT_TRUE(a);
    EXPECT_EQ(doc.line_of(a), 3);
    EXPECT_EQ(doc.line_of(a.attribute("x")), 3);
    EXPECT_EQ(doc.line_of(a.attribute("y")), 4);
}

TEST(XmlDocument, AttributeFragmentIsWrappedWithoutShiftingLines) {
    XmlDocument doc("a.b=\"1\"\n c.d=\"2\"", {.attribute_fragment = true});
    EXPECT_TRUE(doc.issues().empty());
    pugi::xml_node e = doc.document_element();
    ASSERT_TRUE(e);
    EXPECT_STREQ(e.attribute("a.b").value(), "1");
    EXPECT_EQ(doc.line_of(e.attribute("c.d")), 2);
}

TEST(XmlDocument, TemplateVariablesInNamesAreKeptAsWritten) {
    XmlDocument doc("<r reg.${LINE}.auth.password=\"${SECRET}\" plain=\"x\"/>", {.template_names = true});
    EXPECT_TRUE(doc.issues().empty());
    pugi::xml_attribute first = doc.document_element().first_attribute();
    ASSERT_TRUE(first);
    EXPECT_EQ(doc.name_of(first), "reg.${LINE}.auth.password");
    EXPECT_STREQ(first.value(), "${SECRET}");
    EXPECT_EQ(doc.name_of(first.next_attribute()), "plain");
}

TEST(XmlDocument, BrokenTagIsReportedAndWhatFollowsIsStillRead) {
    // Line 2: a template directive where an attribute should be.
    XmlDocument doc("<phone>\n <reg ${EACH(a,b)} />\n <httpd httpd.enabled=\"1\"/>\n</phone>\n",
                    {.template_names = true});
    ASSERT_EQ(doc.issues().size(), 1u);
    EXPECT_EQ(doc.issues()[0].line, 2);
    pugi::xml_node httpd = doc.document_element().child("httpd");
    ASSERT_TRUE(httpd);
    EXPECT_STREQ(httpd.attribute("httpd.enabled").value(), "1");
    EXPECT_EQ(doc.line_of(httpd), 3);
}

TEST(XmlDocument, MismatchedEndTagIsSkipped) {
    XmlDocument doc("<a>\n<b>1</c>\n<d>2</d>\n</a>");
    EXPECT_FALSE(doc.issues().empty());
    EXPECT_EQ(doc.issues()[0].line, 2);
    bool found_d = false;
    for (const pugi::xpath_node& n : doc.document().select_nodes("//d")) found_d = found_d || text_of(n.node()) == "2";
    EXPECT_TRUE(found_d);
}

TEST(XmlDocument, TruncatedDocumentKeepsItsPartialTree) {
    XmlDocument doc("<a>\n  <b>one</b>\n  <c>tw");
    ASSERT_FALSE(doc.issues().empty());
    EXPECT_EQ(text_of(doc.document_element().child("b")), "one");
}

TEST(XmlDocument, RepairsAreBounded) {
    std::string text = "<a>";
    for (std::size_t i = 0; i < limits::kMaxXmlRepairs * 2; ++i) text += "<b x y/>";
    text += "</a>";
    XmlDocument doc(text);
    EXPECT_EQ(doc.issues().size(), limits::kMaxXmlRepairs + 1);  // each repair, then the limit
    EXPECT_NE(doc.issues().back().message.find("damaged tags"), std::string::npos);
}

TEST(XmlDocument, NotXmlAtAll) {
    XmlDocument doc("just words");
    EXPECT_FALSE(doc.issues().empty());
    EXPECT_FALSE(doc.document_element());
    XmlDocument empty("");
    EXPECT_FALSE(empty.document_element());
}

TEST(WalkElements, PathsCarryIndicesAndSkipTheTop) {
    XmlDocument doc("<Configuration><SIP><Proxy item=\"1\"><Address>a</Address></Proxy>"
                    "<Proxy item=\"2\"><Address>b</Address></Proxy></SIP><X>y</X></Configuration>");
    std::vector<std::string> paths;
    std::vector<ParseIssue> issues;
    walk_elements(doc, doc.document_element(), {"item"},
                  [&](const ElementVisit& v) { paths.emplace_back(v.path); }, issues);
    EXPECT_TRUE(issues.empty());
    const std::vector<std::string> want{"SIP", "SIP.Proxy[1]", "SIP.Proxy[1].Address", "SIP.Proxy[2]",
                                        "SIP.Proxy[2].Address", "X"};
    EXPECT_EQ(paths, want);
}

TEST(WalkElements, DepthIsBounded) {
    std::string text;
    const std::size_t deep = limits::kMaxXmlDepth + 10;
    for (std::size_t i = 0; i < deep; ++i) text += "<e>";
    text += "x";
    for (std::size_t i = 0; i < deep; ++i) text += "</e>";
    XmlDocument doc(text);
    std::size_t deepest = 0;
    std::vector<ParseIssue> issues;
    walk_elements(doc, doc.document(), {}, [&](const ElementVisit& v) { deepest = std::max(deepest, v.depth); },
                  issues);
    EXPECT_EQ(deepest, limits::kMaxXmlDepth);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_NE(issues[0].message.find("nesting"), std::string::npos);
}

TEST(WalkElements, ElementCountIsBounded) {
    std::string text = "<r>";
    for (std::size_t i = 0; i < limits::kMaxXmlElements + 5; ++i) text += "<e/>";
    text += "</r>";
    XmlDocument doc(text);
    std::size_t visited = 0;
    std::vector<ParseIssue> issues;
    walk_elements(doc, doc.document(), {}, [&](const ElementVisit&) { ++visited; }, issues);
    EXPECT_EQ(visited, limits::kMaxXmlElements);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_NE(issues[0].message.find("elements"), std::string::npos);
}

TEST(ConfigBuilder, RawAndNormalisedSettingsAreCapped) {
    ConfigBuilder b(Format::PolycomXml);
    for (std::size_t i = 0; i < limits::kMaxRawSettings + 3; ++i) b.raw("k" + std::to_string(i), "v", 1);
    RawSetting kept{"k0", "v", 1};
    for (std::size_t i = 0; i < limits::kMaxSettings + 3; ++i) b.set("ntp.server", "x", kept);
    ParsedConfig c = b.take();
    EXPECT_EQ(c.raw.size(), limits::kMaxRawSettings);
    EXPECT_EQ(c.settings.size(), limits::kMaxSettings);
    EXPECT_EQ(c.issues.size(), 2u);
}

TEST(ConfigBuilder, SettingsKeepTheirOrigin) {
    ConfigBuilder b(Format::CiscoPhoneXml);
    RawSetting r = b.raw("encrConfig", "false", 7);
    b.set("config.encrypted", "off", r);
    b.set_placeholder("sip.password", "#pw#", r);
    b.set_default("media.srtp", "off");
    ParsedConfig c = b.take();
    ASSERT_EQ(c.settings.size(), 3u);
    EXPECT_EQ(c.settings[0].raw_key, "encrConfig");
    EXPECT_EQ(c.settings[0].line, 7);
    EXPECT_TRUE(c.settings[1].placeholder);
    EXPECT_EQ(c.settings[2].source, Source::Default);
    EXPECT_EQ(c.settings[2].raw_key, "");
}

TEST(ConfigBuilder, EmptyKeyIsNotKept) {
    ConfigBuilder b(Format::RoomOsJson);
    RawSetting r = b.raw("", "v", 0);
    EXPECT_TRUE(r.key.empty());
    b.set("mgmt.http", "on", r);  // derived from nothing: dropped too
    ParsedConfig c = b.take();
    EXPECT_TRUE(c.raw.empty());
    EXPECT_TRUE(c.settings.empty());
}

TEST(ConfigBuilder, OversizedTextIsCut) {
    ConfigBuilder b(Format::RoomOsJson);
    std::string big(limits::kMaxMarkupBytes + 1, ' ');
    EXPECT_EQ(bounded(big, b).size(), limits::kMaxMarkupBytes);
    EXPECT_EQ(b.take().issues.size(), 1u);
}

}  // namespace
}  // namespace vca::probes::config::markup
