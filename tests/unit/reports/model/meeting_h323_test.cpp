// How an H.323 meeting is judged: H.235 tokens in its call signalling, and
// the dataType of the media channels H.245 opened for it, on the separate
// H.245 connection (tied to the call by the h245Address it announced) or
// inside its H.225.0 messages. Facts rows are written to a real store.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "auditor/core/temp_dir.hpp"
#include "auditor/store/evidence_store.hpp"
#include "reports/model/meeting_stats.hpp"

namespace vca::report {
namespace {

using Row = std::map<std::string, facts::Value>;

struct Store {
    core::TempDir dir{"vcaudit-meeting"};
    std::vector<std::pair<std::string, Row>> rows;

    void add(const std::string& table, Row row) { rows.emplace_back(table, std::move(row)); }

    // The protection of each H.323 meeting, in start order.
    std::vector<std::string> h323_protection() {
        const auto path = dir.path() / "e.db";
        {
            auto store = store::EvidenceStore::create(path);
            EXPECT_TRUE(store.ok());
            for (const auto& [table, row] : rows) EXPECT_TRUE(store->insert_named(table, row).ok()) << table;
            EXPECT_TRUE(store->close().ok());
        }
        auto db = store::QueryHandle::open(path);
        EXPECT_TRUE(db.ok());
        auto meetings = list_meetings(*db);
        EXPECT_TRUE(meetings.ok());
        std::vector<std::string> out;
        for (const auto& m : *meetings)
            if (m.platform == "H.323") out.push_back(m.protection);
        return out;
    }
};

// A call (Setup and Connect) whose Connect announces H.245 at 10.0.0.9:1300.
void call(Store& s, const std::string& id, std::int64_t h235, double t0) {
    s.add("h323_messages", {{"flow_id", std::int64_t{1}}, {"ts", t0}, {"frame", std::int64_t{1}},
                            {"transport", std::string("tcp")}, {"src_ip", std::string("10.0.0.5")},
                            {"dst_ip", std::string("10.0.0.9")}, {"protocol", std::string("q931")},
                            {"message", std::string("setup")}, {"call_id", id}, {"h235", h235}});
    s.add("h323_messages", {{"flow_id", std::int64_t{1}}, {"ts", t0 + 1}, {"frame", std::int64_t{2}},
                            {"transport", std::string("tcp")}, {"src_ip", std::string("10.0.0.9")},
                            {"dst_ip", std::string("10.0.0.5")}, {"protocol", std::string("q931")},
                            {"message", std::string("connect")}, {"call_id", id}, {"h235", h235},
                            {"h245_address", std::string("10.0.0.9:1300")}});
}

// The separate H.245 connection to 10.0.0.9:1300 with one channel.
void h245_channel(Store& s, std::int64_t encrypted) {
    s.add("flows", {{"flow_id", std::int64_t{2}}, {"input_id", std::int64_t{1}}, {"transport", std::string("tcp")},
                    {"src_ip", std::string("10.0.0.5")}, {"src_port", std::int64_t{40000}},
                    {"dst_ip", std::string("10.0.0.9")}, {"dst_port", std::int64_t{1300}}, {"app", std::string("h245")}});
    s.add("h245_messages", {{"flow_id", std::int64_t{2}}, {"ts", 12.0}, {"frame", std::int64_t{7}},
                            {"carrier", std::string("h245")}, {"src_ip", std::string("10.0.0.5")},
                            {"dst_ip", std::string("10.0.0.9")}, {"kind", std::string("request")},
                            {"message", std::string("openLogicalChannel")}, {"channel", std::int64_t{1}},
                            {"encrypted", encrypted}});
}

TEST(H323Meeting, TokensAndOnlyH235MediaChannelsAreProtected) {
    Store s;
    call(s, "aa", 1, 10);
    h245_channel(s, 1);
    EXPECT_EQ(s.h323_protection(), std::vector<std::string>{"protected"});
}

TEST(H323Meeting, APlainChannelMakesASecuredCallUnprotected) {
    Store s;
    call(s, "aa", 1, 10);
    h245_channel(s, 0);
    EXPECT_EQ(s.h323_protection(), std::vector<std::string>{"unprotected"});
}

TEST(H323Meeting, TokensWithoutAnyChannelSeenStayUnknown) {
    Store s;
    call(s, "aa", 1, 10);
    EXPECT_EQ(s.h323_protection(), std::vector<std::string>{"unknown"});
}

TEST(H323Meeting, NoTokensIsUnprotectedWhateverTheMedia) {
    Store s;
    call(s, "aa", 0, 10);
    h245_channel(s, 1);
    EXPECT_EQ(s.h323_protection(), std::vector<std::string>{"unprotected"});
}

TEST(H323Meeting, TunnelledChannelsBelongToTheirCallOnly) {
    Store s;
    call(s, "aa", 1, 10);
    call(s, "bb", 1, 20);
    s.add("h245_messages", {{"flow_id", std::int64_t{1}}, {"ts", 21.0}, {"frame", std::int64_t{9}},
                            {"carrier", std::string("tunnelled")}, {"src_ip", std::string("10.0.0.5")},
                            {"dst_ip", std::string("10.0.0.9")}, {"call_id", std::string("bb")},
                            {"kind", std::string("request")}, {"message", std::string("openLogicalChannel")},
                            {"channel", std::int64_t{3}}, {"encrypted", std::int64_t{0}}});
    EXPECT_EQ(s.h323_protection(), (std::vector<std::string>{"unknown", "unprotected"}));
}

}  // namespace
}  // namespace vca::report
