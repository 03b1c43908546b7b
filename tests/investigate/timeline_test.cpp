// The timeline: every source of events, one deterministic order whatever the
// order the facts were stored in, the window, and no secret in any output.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "auditor/investigate/investigation_render.hpp"
#include "auditor/investigate/time_window.hpp"
#include "auditor/investigate/timeline.hpp"
#include "store_fixture.hpp"

namespace vca::investigate::test {
namespace {

constexpr double kT0 = 1'700'000'000;

// The same facts, stored in the given order of steps.
void fill(FactStore& fs, const std::vector<int>& order) {
    for (int step : order) {
        switch (step) {
            case 0: fs.call(1, "call-b@10.0.0.5", "10.0.0.5", "10.0.0.6", kT0, kT0 + 600); break;
            case 1: fs.call(2, "call-a@10.0.0.7", "10.0.0.7", "10.0.0.8", kT0, kT0 + 300); break;  // same start
            case 2:
                fs.flow(3, "udp", "10.0.0.5", 4000, "203.0.113.9", 5000, kT0 + 2, kT0 + 598);
                fs.rtp(3, 0x1111, "10.0.0.5", 4000, "203.0.113.9", 5000, kT0 + 2, kT0 + 598, false);
                fs.rtp(3, 0x2222, "203.0.113.9", 5000, "10.0.0.5", 4000, kT0 + 2, kT0 + 598, false);
                break;
            case 3: {
                facts::CredentialRow c;
                c.flow_id = 4;
                c.ts = kT0 + 30;
                c.protocol = "http";
                c.username = "admin";
                c.secret_kind = "password";
                c.secret_redacted = "p******3 (11 chars)";
                c.outcome = "success";
                c.mechanism = "basic";
                c.client_ip = "10.0.0.5";
                c.server_ip = "10.0.0.9";
                c.server_port = 80;
                c.cleartext = true;
                c.secret_hmac = std::string(64, 'f');
                c.frame = 12;
                fs.flow(4, "tcp", "10.0.0.5", 40000, "10.0.0.9", 80, kT0 + 29, kT0 + 31);
                fs.sink().add(c);
                break;
            }
            default: break;
        }
    }
}

std::vector<TimelineEvent> timeline(FactStore& fs, const InvestigationScope& scope) {
    auto t = build_timeline(fs.db(), scope);
    EXPECT_TRUE(t.ok()) << (t ? "" : t.error().line());
    return t ? t.value() : std::vector<TimelineEvent>{};
}

InvestigationScope site() {
    InvestigationScope s;
    s.allowed_networks = {"10.0.0.0/8"};
    return s;
}

TEST(Timeline, OrderDoesNotDependOnTheOrderFactsWereStored) {
    FactStore a, b;
    fill(a, {0, 1, 2, 3});
    fill(b, {3, 2, 1, 0});
    auto ea = timeline(a, site()), eb = timeline(b, site());
    ASSERT_EQ(ea.size(), eb.size());
    ASSERT_FALSE(ea.empty());
    for (std::size_t i = 0; i < ea.size(); ++i) {
        EXPECT_EQ(ea[i].ts, eb[i].ts) << i;
        EXPECT_EQ(ea[i].kind, eb[i].kind) << i;
        EXPECT_EQ(ea[i].summary_en, eb[i].summary_en) << i;
    }
    EXPECT_TRUE(std::is_sorted(ea.begin(), ea.end(),
                               [](const TimelineEvent& x, const TimelineEvent& y) { return x.ts < y.ts; }));
    RenderContext ctx{"site", site(), {}, {}};
    EXPECT_EQ(render_timeline_json(ea, ctx), render_timeline_json(eb, ctx));
}

TEST(Timeline, HasEverySourceOfEvents) {
    FactStore fs;
    fill(fs, {0, 1, 2, 3});
    auto events = timeline(fs, site());
    auto count = [&](const std::string& kind) {
        return std::count_if(events.begin(), events.end(), [&](const TimelineEvent& e) { return e.kind == kind; });
    };
    EXPECT_EQ(count("meeting_start"), 2);
    EXPECT_EQ(count("meeting_end"), 2);
    EXPECT_EQ(count("sip_invite"), 2);
    EXPECT_EQ(count("sip_answer"), 2);
    EXPECT_EQ(count("sip_bye"), 2);
    EXPECT_EQ(count("media_stream"), 2);
    EXPECT_EQ(count("credential"), 1);
    // The meeting events carry their Call-ID; the outgoing stream is flagged as outside.
    std::vector<std::string> calls;
    for (const auto& e : events)
        if (e.kind == "meeting_start") calls.push_back(e.refs.at("call_id"));
    std::sort(calls.begin(), calls.end());
    EXPECT_EQ(calls, (std::vector<std::string>{"call-a@10.0.0.7", "call-b@10.0.0.5"}));
    for (const auto& e : events)
        if (e.kind == "media_stream" && e.refs.at("ssrc") == "0x00001111") {
            EXPECT_NE(e.summary_en.find("OUTSIDE"), std::string::npos) << e.summary_en;
            EXPECT_TRUE(e.notable);
            EXPECT_EQ(e.flow_id, 3);
        }
}

TEST(Timeline, H323ChannelsSayWhetherH235EncryptsThem) {
    FactStore fs;
    auto channel = [&](std::int64_t frame, std::int64_t number, bool encrypted, const std::string& carrier) {
        facts::H245MessageRow m;
        m.flow_id = 5;
        m.ts = kT0 + static_cast<double>(frame);
        m.frame = frame;
        m.carrier = carrier;
        m.src_ip = "10.0.0.5";
        m.dst_ip = "10.0.0.9";
        m.kind = "request";
        m.message = "openLogicalChannel";
        m.channel = number;
        m.data_type = encrypted ? "h235Media" : "audioData";
        m.media = "audio";
        m.codec = "g711Alaw64k";
        m.encrypted = encrypted;
        if (encrypted) m.encryption_algorithms = "2.16.840.1.101.3.4.1.2";
        fs.sink().add(m);
    };
    fs.flow(5, "tcp", "10.0.0.5", 40000, "10.0.0.9", 1300, kT0, kT0 + 60);
    channel(7, 101, false, "h245");
    channel(8, 102, true, "h245");
    auto events = timeline(fs, site());
    std::vector<const TimelineEvent*> channels;
    for (const auto& e : events)
        if (e.kind == "h323_channel") channels.push_back(&e);
    ASSERT_EQ(channels.size(), 2u);
    EXPECT_TRUE(channels[0]->notable);
    EXPECT_NE(channels[0]->summary_en.find("channel 101 opened (h245): audio g711Alaw64k, 10.0.0.5 → 10.0.0.9, "
                                           "NOT H.235-encrypted"),
              std::string::npos)
        << channels[0]->summary_en;
    EXPECT_FALSE(channels[1]->notable);
    EXPECT_NE(channels[1]->summary_en.find("H.235-encrypted (2.16.840.1.101.3.4.1.2)"), std::string::npos)
        << channels[1]->summary_en;
    EXPECT_EQ(channels[1]->frame, 8);
    EXPECT_EQ(channels[1]->refs.at("table"), "h245_messages");
}

TEST(Timeline, CredentialsAppearRedactedOnly) {
    FactStore fs;
    fill(fs, {3});
    auto events = timeline(fs, site());
    RenderContext ctx{"site", site(), {}, {}};
    ExfiltrationReport none;
    std::string json = render_timeline_json(events, ctx);
    std::string html = render_timeline_html(events, none, ctx);
    for (const std::string* out : {&json, &html}) {
        EXPECT_NE(out->find("p******3 (11 chars)"), std::string::npos);
        EXPECT_EQ(out->find(std::string(64, 'f')), std::string::npos) << "the secret's HMAC must not be shown";
        EXPECT_EQ(out->find("secret_hmac"), std::string::npos);
    }
}

TEST(Timeline, WindowKeepsOnlyEventsInside) {
    FactStore fs;
    fill(fs, {0, 1, 2, 3});
    InvestigationScope s = site();
    s.window.from = kT0 + 10;
    s.window.to = kT0 + 400;
    auto events = timeline(fs, s);
    ASSERT_FALSE(events.empty());
    for (const auto& e : events) {
        EXPECT_GE(e.ts, kT0 + 10);
        EXPECT_LE(e.ts, kT0 + 400);
    }
    // Inside: the credential at +30 and call-a's BYE and end at +300.
    EXPECT_EQ(std::count_if(events.begin(), events.end(), [](const auto& e) { return e.kind == "credential"; }), 1);
    EXPECT_EQ(std::count_if(events.begin(), events.end(), [](const auto& e) { return e.kind == "meeting_end"; }), 1);
}

TEST(Timeline, HtmlEscapesTextFromTheCapture) {
    FactStore fs;
    fs.flow(1, "udp", "10.0.0.5", 5060, "10.0.0.6", 5060, kT0, kT0 + 1);
    fs.sip(1, kT0, "INVITE", std::nullopt, "<script>alert(1)</script>", "10.0.0.5", "10.0.0.6", "1 INVITE");
    auto events = timeline(fs, site());
    RenderContext ctx{"<b>site</b>", site(), {}, {}};
    std::string html = render_timeline_html(events, ExfiltrationReport{}, ctx);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<b>site"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(html.find("<html lang=\"vi\">"), std::string::npos);
    auto parsed = nlohmann::json::parse(render_timeline_json(events, ctx));
    EXPECT_EQ(parsed["events"][0]["refs"]["call_id"], "<script>alert(1)</script>");
}

TEST(TimeWindow, ParsesIsoWithZoneAndUnixSeconds) {
    auto z = parse_time("2011-07-28T13:20:00Z", "--from");
    ASSERT_TRUE(z.ok());
    EXPECT_DOUBLE_EQ(*z, 1311859200.0);
    auto vn = parse_time("2011-07-28T20:20:00.5+07:00", "--from");
    ASSERT_TRUE(vn.ok());
    EXPECT_DOUBLE_EQ(*vn, 1311859200.5);
    auto unix_s = parse_time("1311859200.25", "--to");
    ASSERT_TRUE(unix_s.ok());
    EXPECT_DOUBLE_EQ(*unix_s, 1311859200.25);
    EXPECT_EQ(iso_utc_ms(1311859200.5), "2011-07-28T13:20:00.500Z");
}

TEST(TimeWindow, RefusesTimesWithoutZoneAndReversedWindows) {
    auto no_zone = parse_time("2011-07-28T13:20:00", "--from");
    ASSERT_FALSE(no_zone.ok());
    EXPECT_EQ(no_zone.error().code, "E195");
    EXPECT_FALSE(parse_time("yesterday", "--from").ok());
    auto reversed = make_window(std::string("1311859300"), std::string("1311859200"));
    ASSERT_FALSE(reversed.ok());
    EXPECT_EQ(reversed.error().code, "E196");
}

}  // namespace
}  // namespace vca::investigate::test
