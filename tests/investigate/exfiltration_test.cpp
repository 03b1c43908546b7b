// Each exfiltration path kind, found when its facts are there and not found
// when they are not, over a store the test fills.
#include <gtest/gtest.h>

#include <algorithm>

#include "auditor/investigate/exfiltration.hpp"
#include "store_fixture.hpp"

namespace vca::investigate::test {
namespace {

constexpr double kT0 = 1'700'000'000;  // 2023-11-14T22:13:20Z

InvestigationScope site_scope() {
    InvestigationScope s;
    s.allowed_networks = {"10.0.0.0/8"};
    return s;
}

std::vector<const ExfiltrationPath*> of_kind(const ExfiltrationReport& r, const std::string& kind) {
    std::vector<const ExfiltrationPath*> out;
    for (const auto& p : r.paths)
        if (p.kind == kind) out.push_back(&p);
    return out;
}

ExfiltrationReport find(FactStore& fs, const InvestigationScope& scope) {
    auto r = find_exfiltration(fs.db(), scope);
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().line());
    return r ? r.value() : ExfiltrationReport{};
}

TEST(Exfiltration, MediaToAnOutsideAddressIsAPath) {
    FactStore fs;
    fs.flow(7, "udp", "10.0.0.5", 4000, "203.0.113.9", 5000, kT0, kT0 + 60);
    fs.rtp(7, 0x1234, "10.0.0.5", 4000, "203.0.113.9", 5000, kT0, kT0 + 60, false);
    fs.rtp(7, 0x5678, "203.0.113.9", 5000, "10.0.0.5", 4000, kT0, kT0 + 60, false);  // inbound: not a path
    auto r = find(fs, site_scope());
    auto paths = of_kind(r, "media_outside");
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0]->destination, "203.0.113.9:5000");
    EXPECT_EQ(paths[0]->flow_ids, std::vector<std::int64_t>{7});
    EXPECT_EQ(paths[0]->facts.at(0).at("table"), "rtp_streams");
    EXPECT_EQ(paths[0]->facts.at(0).at("ssrc"), 0x1234);
    ASSERT_EQ(r.evidence_flows.size(), 1u);
    EXPECT_EQ(r.evidence_flows[0].flow_id, 7);
    EXPECT_EQ(r.evidence_flows[0].dst_ip, "203.0.113.9");
}

TEST(Exfiltration, MediaInsideTheAllowedNetworksIsNoPath) {
    FactStore fs;
    fs.flow(7, "udp", "10.0.0.5", 4000, "10.1.2.3", 5000, kT0, kT0 + 60);
    fs.rtp(7, 0x1234, "10.0.0.5", 4000, "10.1.2.3", 5000, kT0, kT0 + 60, false);
    auto r = find(fs, site_scope());
    EXPECT_TRUE(r.paths.empty());
    EXPECT_TRUE(r.evidence_flows.empty());
}

TEST(Exfiltration, WithoutAllowedNetworksEveryDestinationIsListedAndSaidSo) {
    FactStore fs;
    fs.flow(7, "udp", "10.0.0.5", 4000, "10.1.2.3", 5000, kT0, kT0 + 60);
    fs.rtp(7, 0x1234, "10.0.0.5", 4000, "10.1.2.3", 5000, kT0, kT0 + 60, true);
    fs.rtp(7, 0x5678, "10.1.2.3", 5000, "10.0.0.5", 4000, kT0, kT0 + 60, true);
    auto r = find(fs, InvestigationScope{});
    EXPECT_FALSE(r.networks_declared);
    EXPECT_EQ(r.outside_rule_en, "outside = not in allowed_networks: not declared, every destination listed");
    EXPECT_EQ(of_kind(r, "media_outside").size(), 2u);
}

TEST(Exfiltration, TurnRelayOutsideIsAPathAndInsideIsNot) {
    FactStore fs;
    fs.flow(3, "udp", "10.0.0.5", 50000, "10.0.0.7", 3478, kT0, kT0 + 30);
    fs.flow(4, "udp", "10.0.0.5", 50001, "198.51.100.20", 3478, kT0, kT0 + 30);
    auto turn = [&](std::int64_t flow, const std::string& relayed) {
        auto st = fs.named(
            "turn_relays", {{"flow_id", flow}, {"ts", kT0 + 1}, {"relayed_ip", relayed}, {"relayed_port", std::int64_t{49152}},
                            {"mapped_ip", std::string("10.0.0.5")}, {"mapped_port", std::int64_t{50000}},
                            {"lifetime_s", std::int64_t{600}}, {"frame", std::int64_t{4}}});
        ASSERT_TRUE(st.ok()) << st.error().line();
    };
    turn(3, "10.0.0.7");
    turn(4, "198.51.100.20");
    auto r = find(fs, site_scope());
    auto paths = of_kind(r, "turn_relay_outside");
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0]->destination, "198.51.100.20:49152");
    EXPECT_EQ(paths[0]->flow_ids, std::vector<std::int64_t>{4});
}

void upload(FactStore& fs, std::int64_t flow, double ts, const std::string& direction, const std::string& scope) {
    facts::ContentObjectRow o;
    o.object_sha256 = std::string(64, 'a');
    o.scope = scope;
    o.flow_id = flow;
    o.input_id = 1;
    o.direction = direction;
    o.ts = ts;
    o.name = "http://files.example.net/upload/minutes.docx";
    o.size = 48213;
    o.frame = 20;
    fs.sink().add(o);
}

TEST(Exfiltration, UploadOutsideDuringOrShortlyAfterAMeetingIsAPath) {
    FactStore fs;
    fs.call(1, "call-1@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600);
    fs.flow(9, "tcp", "10.0.0.5", 51000, "203.0.113.80", 80, kT0 + 900, kT0 + 910);
    upload(fs, 9, kT0 + 900, "to_server", "http_body");  // 5 minutes after the meeting ended
    auto r = find(fs, site_scope());
    auto paths = of_kind(r, "upload_outside");
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0]->destination, "203.0.113.80:80");
    EXPECT_EQ(paths[0]->flow_ids, std::vector<std::int64_t>{9});
    EXPECT_EQ(paths[0]->facts.at(1).at("table"), "meetings");
}

TEST(Exfiltration, UploadLongAfterTheMeetingOrADownloadIsNoPath) {
    FactStore fs;
    fs.call(1, "call-1@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600);
    fs.flow(9, "tcp", "10.0.0.5", 51000, "203.0.113.80", 80, kT0 + 600 + 7200, kT0 + 600 + 7210);
    upload(fs, 9, kT0 + 600 + 7200, "to_server", "http_body");  // two hours after
    fs.flow(10, "tcp", "10.0.0.5", 51001, "203.0.113.80", 80, kT0 + 100, kT0 + 110);
    upload(fs, 10, kT0 + 100, "to_client", "http_body");  // a download during the meeting
    auto r = find(fs, site_scope());
    EXPECT_TRUE(of_kind(r, "upload_outside").empty());
    // The late upload is mentioned, not dropped silently.
    EXPECT_TRUE(std::any_of(r.notes.begin(), r.notes.end(),
                            [](const std::string& n) { return n.find("away from any meeting") != std::string::npos; }));

    FactStore longer;
    longer.call(1, "call-1@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600);
    longer.flow(9, "tcp", "10.0.0.5", 51000, "203.0.113.80", 80, kT0 + 600 + 7200, kT0 + 600 + 7210);
    upload(longer, 9, kT0 + 600 + 7200, "to_server", "http_body");
    InvestigationScope wide = site_scope();
    wide.after_meeting_s = 180 * 60;
    EXPECT_EQ(of_kind(find(longer, wide), "upload_outside").size(), 1u);
}

TEST(Exfiltration, MediaCopiedToAThirdAddressIsARecorder) {
    FactStore fs;
    fs.call(1, "call-1@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600);
    fs.flow(2, "udp", "10.0.0.5", 4000, "10.0.0.6", 5000, kT0 + 2, kT0 + 598);
    fs.rtp(2, 0x1111, "10.0.0.5", 4000, "10.0.0.6", 5000, kT0 + 2, kT0 + 598, false);
    fs.flow(3, "udp", "10.0.0.5", 4002, "10.0.0.77", 6000, kT0 + 2, kT0 + 598);
    fs.rtp(3, 0x2222, "10.0.0.5", 4002, "10.0.0.77", 6000, kT0 + 2, kT0 + 598, false);
    auto r = find(fs, site_scope());
    auto paths = of_kind(r, "recorder_third_party");
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0]->destination, "10.0.0.77:6000");
    EXPECT_EQ(paths[0]->flow_ids, std::vector<std::int64_t>{3});
    EXPECT_EQ(paths[0]->facts.at(1).at("call_id"), "call-1@10.0.0.5");
    EXPECT_TRUE(of_kind(r, "media_outside").empty());  // 10.0.0.77 is inside: only the recorder path
}

TEST(Exfiltration, MediaBetweenThePartiesIsNoRecorder) {
    FactStore fs;
    fs.call(1, "call-1@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600);
    fs.flow(2, "udp", "10.0.0.5", 4000, "10.0.0.6", 5000, kT0 + 2, kT0 + 598);
    fs.rtp(2, 0x1111, "10.0.0.5", 4000, "10.0.0.6", 5000, kT0 + 2, kT0 + 598, false);
    // A stream to 10.0.0.77 long after the call is not the meeting's.
    fs.flow(3, "udp", "10.0.0.5", 4002, "10.0.0.77", 6000, kT0 + 3600, kT0 + 3700);
    fs.rtp(3, 0x2222, "10.0.0.5", 4002, "10.0.0.77", 6000, kT0 + 3600, kT0 + 3700, false);
    auto r = find(fs, site_scope());
    EXPECT_TRUE(of_kind(r, "recorder_third_party").empty());
}

void declare(FactStore& fs, const std::string& address) {
    fs.sink().add(facts::SiteDeviceRow{"room endpoint", address, "demo", "x", "endpoint", "", 0});
}

TEST(Exfiltration, UndeclaredDeviceJoiningAMeetingIsAPath) {
    FactStore fs;
    declare(fs, "10.0.0.5");
    fs.call(1, "call-1@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600);  // 10.0.0.6 answers: not declared
    auto r = find(fs, site_scope());
    EXPECT_TRUE(r.inventory_declared);
    auto paths = of_kind(r, "undeclared_device");
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0]->destination, "10.0.0.6");
    EXPECT_EQ(paths[0]->flow_ids, std::vector<std::int64_t>{1});
}

TEST(Exfiltration, DeclaredDevicesOrNoInventoryGiveNoDevicePath) {
    FactStore fs;
    declare(fs, "10.0.0.5");
    declare(fs, "10.0.0.6");
    fs.call(1, "call-1@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600);
    EXPECT_TRUE(of_kind(find(fs, site_scope()), "undeclared_device").empty());

    FactStore none;
    none.call(1, "call-1@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600);
    auto r = find(none, site_scope());
    EXPECT_FALSE(r.inventory_declared);
    EXPECT_TRUE(of_kind(r, "undeclared_device").empty());
    EXPECT_FALSE(r.notes.empty());
}

void match(FactStore& fs, std::int64_t flow, const std::string& direction, const std::string& tags) {
    facts::ContentMatchRow m;
    m.rule = "vn_marking_toi_mat";
    m.ns = "bundled";
    m.tags = tags;
    m.flow_id = flow;
    m.input_id = 1;
    m.offset = 120;
    m.scope = "http_body";
    m.direction = direction;
    m.ts = kT0 + 50;
    m.object_sha256 = std::string(64, 'b');
    m.object_name = "http://files.example.net/upload/minutes.docx";
    m.object_size = 48213;
    fs.sink().add(m);
}

TEST(Exfiltration, ClassifiedContentSentOutsideIsAPath) {
    FactStore fs;
    fs.flow(9, "tcp", "10.0.0.5", 51000, "203.0.113.80", 80, kT0 + 50, kT0 + 60);
    match(fs, 9, "to_server", "classification,marking");
    auto r = find(fs, site_scope());
    auto paths = of_kind(r, "content_outside");
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0]->destination, "203.0.113.80:80");
    EXPECT_EQ(paths[0]->facts.at(0).at("classified"), true);
    ASSERT_EQ(r.evidence_flows.size(), 1u);
    EXPECT_EQ(r.evidence_flows[0].named_by, (std::vector<std::string>{"content_match", "content_outside"}));
}

TEST(Exfiltration, ContentDownloadedFromOutsideIsNoPathButItsFlowIsEvidence) {
    FactStore fs;
    fs.flow(9, "tcp", "10.0.0.5", 51000, "203.0.113.80", 80, kT0 + 50, kT0 + 60);
    match(fs, 9, "to_client", "classification,marking");  // came in, went to 10.0.0.5
    auto r = find(fs, site_scope());
    EXPECT_TRUE(of_kind(r, "content_outside").empty());
    ASSERT_EQ(r.evidence_flows.size(), 1u);
    EXPECT_EQ(r.evidence_flows[0].named_by, std::vector<std::string>{"content_match"});
}

TEST(Exfiltration, TheWindowKeepsOnlyPathsItOverlaps) {
    FactStore fs;
    fs.flow(7, "udp", "10.0.0.5", 4000, "203.0.113.9", 5000, kT0, kT0 + 60);
    fs.rtp(7, 0x1234, "10.0.0.5", 4000, "203.0.113.9", 5000, kT0, kT0 + 60, false);
    fs.flow(8, "udp", "10.0.0.5", 4002, "203.0.113.9", 5002, kT0 + 3600, kT0 + 3660);
    fs.rtp(8, 0x9999, "10.0.0.5", 4002, "203.0.113.9", 5002, kT0 + 3600, kT0 + 3660, false);
    InvestigationScope s = site_scope();
    s.window.from = kT0 + 1800;
    auto r = find(fs, s);
    ASSERT_EQ(r.paths.size(), 1u);
    EXPECT_EQ(r.paths[0].flow_ids, std::vector<std::int64_t>{8});
}

}  // namespace
}  // namespace vca::investigate::test
