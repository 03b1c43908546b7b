// BigBlueButton turn-stun-servers.xml (Spring beans): STUN and TURN beans,
// secrets named as such, commented-out beans ignored; then the real file.
#include "probes/config/spring_beans_parser.hpp"

#include <gtest/gtest.h>

#include "tests/unit/probes/config_markup/markup_test_support.hpp"

namespace vca::probes::config {
namespace {

using testing::all_of;
using testing::corpus_file;
using testing::describe;
using testing::find;
using testing::find_raw;

TEST(SpringBeansXml, StunAndTurnBeans) {
    ParsedConfig c = parse_spring_beans_xml(
        "<beans>\n<bean id=\"stun1\" class=\"org.bigbluebutton.web.services.turn.StunServer\">\n"
        "  <constructor-arg index=\"0\" value=\"stun:stun.example.org:3478\"/>\n</bean>\n"
        "<bean id=\"turn1\" class=\"org.bigbluebutton.web.services.turn.TurnServer\">\n"
        "  <constructor-arg index=\"0\" value=\"a-shared-secret\"/>\n"
        "  <constructor-arg index=\"1\"><value>turns:turn.example.org:443</value></constructor-arg>\n"
        "  <constructor-arg index=\"2\" value=\"86400\"/>\n</bean>\n"
        "<!--bean id=\"turn2\" class=\"org.bigbluebutton.web.services.turn.TurnServer\">\n"
        "  <constructor-arg index=\"1\" value=\"turn:off.example.org\"/>\n</bean-->\n"
        "<bean id=\"svc\" class=\"x.StunTurnService\"><property name=\"stunServers\"><set><ref bean=\"stun1\"/></set>"
        "</property><property name=\"ttl\" value=\"5\"/></bean>\n</beans>\n");
    EXPECT_EQ(c.format, Format::SpringBeansXml);
    EXPECT_TRUE(c.issues.empty());
    std::vector<std::string> servers;
    for (const Setting* s : all_of(c, "turn.server")) servers.push_back(s->value);
    const std::vector<std::string> want{"stun:stun.example.org:3478", "turns:turn.example.org:443"};
    EXPECT_EQ(servers, want) << describe(c, "turn.server");
    const Setting* secret = find(c, "service.secret");
    ASSERT_NE(secret, nullptr);
    EXPECT_EQ(secret->raw_key, "turn1.secret");
    EXPECT_TRUE(is_secret_key(secret->raw_key));
    EXPECT_EQ(secret->value.size(), 15u);
    EXPECT_EQ(secret->line, 6);
    EXPECT_EQ(find_raw(c, "turn1.ttl")->value, "86400");
    EXPECT_EQ(find_raw(c, "svc.ttl")->value, "5");
    EXPECT_EQ(find_raw(c, "turn2.url"), nullptr);
}

TEST(SpringBeansXml, PlaceholderSecret) {
    ParsedConfig c = parse_spring_beans_xml(
        "<beans><bean id=\"t\" class=\"a.TurnServer\"><constructor-arg value=\"${turnSecret}\"/>"
        "<constructor-arg value=\"turn:h\"/></bean></beans>");
    const Setting* secret = find(c, "service.secret");
    ASSERT_NE(secret, nullptr);
    EXPECT_TRUE(secret->placeholder);
    EXPECT_NE(find(c, "turn.server", "turn:h"), nullptr);  // positional arguments without index
}

TEST(SpringBeansXml, Damaged) {
    ParsedConfig c = parse_spring_beans_xml(
        "<beans>\n<bean id=\"s\" class=\"a.StunServer\"><constructor-arg index=\"0\" value=\"stun:a\"/></bean>\n<bean "
        "id=");
    EXPECT_FALSE(c.issues.empty());
    EXPECT_NE(find(c, "turn.server", "stun:a"), nullptr);
}

TEST(SpringBeansXmlCorpus, BigBlueButtonTurnStunServers) {
    ParsedConfig c = parse_spring_beans_xml(corpus_file("bigbluebutton/turn-stun-servers.xml"));
    EXPECT_TRUE(c.issues.empty());
    // only public STUN stun:stun.l.google.com:19302
    auto servers = all_of(c, "turn.server");
    ASSERT_EQ(servers.size(), 1u) << describe(c, "turn.server");
    EXPECT_EQ(servers[0]->value, "stun:stun.l.google.com:19302");
    EXPECT_EQ(servers[0]->line, 28);
    // TURN beans commented (example secret): nothing
    EXPECT_EQ(find(c, "service.secret"), nullptr);
    EXPECT_EQ(find_raw(c, "turn1.url"), nullptr);
    EXPECT_EQ(find_raw(c, "stun2.url"), nullptr);
}

}  // namespace
}  // namespace vca::probes::config
