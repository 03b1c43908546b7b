#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auditor/core/temp_dir.hpp"
#include "auditor/facts/schema.hpp"
#include "auditor/service/capture_records.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::service {
namespace {

// A session entry as capture-session.json holds it after a clean stop
// (parsed from text, so counters are unsigned as they are when read back).
nlohmann::json stopped_session() {
    return nlohmann::json::parse(R"({
        "session_id": "2026-03-01T08:00:00Z/4242", "started": "2026-03-01T08:00:00Z",
        "started_ts": 1772352000.25, "stopped_ts": 1772355600.5, "state": "stopped",
        "host": "room1", "iface": "eth1", "filter": "udp or tcp port 5061",
        "started_by": "admin@room1", "run_as": "vcaudit", "files_closed": 3,
        "clock": {"ntp_synchronised": true, "source": "timedatectl"},
        "counters": {"received": 1000, "dropped": 7, "if_dropped": 2, "known": true}})");
}

TEST(CaptureSessionRow, CleanStopCarriesEndAndCounters) {
    auto row = capture_session_row(stopped_session());
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->session_id, "2026-03-01T08:00:00Z/4242");
    EXPECT_EQ(row->host, "room1");
    EXPECT_EQ(row->iface, "eth1");
    EXPECT_EQ(row->filter, "udp or tcp port 5061");
    EXPECT_EQ(row->started_by, "admin@room1");
    EXPECT_EQ(row->run_as, "vcaudit");
    EXPECT_DOUBLE_EQ(row->started, 1772352000.25);
    ASSERT_TRUE(row->ended.has_value());
    EXPECT_DOUBLE_EQ(*row->ended, 1772355600.5);
    EXPECT_TRUE(row->clean_stop);
    EXPECT_EQ(row->packets_received, 1000);
    EXPECT_EQ(row->dropped_kernel, 7);
    EXPECT_EQ(row->dropped_iface, 2);
    EXPECT_EQ(row->files_written, 3);
    EXPECT_EQ(row->ntp_synchronised, true);
    EXPECT_EQ(row->clock_source, "timedatectl");
}

TEST(CaptureSessionRow, CrashedSessionHasNoEndAndIsNotClean) {
    auto s = stopped_session();
    s["state"] = "running";  // what the sidecar still says after kill -9
    auto row = capture_session_row(s);
    ASSERT_TRUE(row.has_value());
    EXPECT_FALSE(row->clean_stop);
    EXPECT_FALSE(row->ended.has_value()) << "a stale stopped_ts must not pass for the end";
    s["state"] = "interrupted";
    row = capture_session_row(s);
    ASSERT_TRUE(row.has_value());
    EXPECT_FALSE(row->clean_stop);
    EXPECT_FALSE(row->ended.has_value());
}

TEST(CaptureSessionRow, FailedSessionHasAnEndButIsNotClean) {
    auto s = stopped_session();
    s["state"] = "failed";
    auto row = capture_session_row(s);
    ASSERT_TRUE(row.has_value());
    EXPECT_FALSE(row->clean_stop);
    ASSERT_TRUE(row->ended.has_value());
    EXPECT_DOUBLE_EQ(*row->ended, 1772355600.5);
}

TEST(CaptureSessionRow, UnknownCountersAndClockAreNull) {
    auto s = stopped_session();
    s["counters"]["known"] = false;
    s["clock"]["ntp_synchronised"] = nullptr;
    auto row = capture_session_row(s);
    ASSERT_TRUE(row.has_value());
    EXPECT_FALSE(row->packets_received.has_value());
    EXPECT_FALSE(row->dropped_kernel.has_value());
    EXPECT_FALSE(row->dropped_iface.has_value());
    EXPECT_FALSE(row->ntp_synchronised.has_value());
    s.erase("clock");
    s["counters"] = {{"received", -1}, {"dropped", "7"}, {"if_dropped", 1.5}, {"known", true}};
    row = capture_session_row(s);
    ASSERT_TRUE(row.has_value());
    EXPECT_FALSE(row->packets_received.has_value()) << "negative";
    EXPECT_FALSE(row->dropped_kernel.has_value()) << "text";
    EXPECT_FALSE(row->dropped_iface.has_value()) << "not a whole number";
    EXPECT_EQ(row->clock_source, "unknown");
}

TEST(CaptureSessionRow, SignedCountsAsBuiltInMemoryAreAccepted) {
    auto s = stopped_session();
    s["files_closed"] = std::int64_t{5};
    s["counters"]["dropped"] = std::int64_t{11};
    auto row = capture_session_row(s);
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->files_written, 5);
    EXPECT_EQ(row->dropped_kernel, 11);
}

TEST(CaptureSessionRow, EntriesItCannotTrustGiveNoRow) {
    auto s = stopped_session();
    s.erase("session_id");  // written by a vcaudit before the table existed
    EXPECT_FALSE(capture_session_row(s).has_value());
    s = stopped_session();
    s["started_ts"] = "2026-03-01T08:00:00Z";
    EXPECT_FALSE(capture_session_row(s).has_value());
    s = stopped_session();
    s["state"] = 3;
    EXPECT_FALSE(capture_session_row(s).has_value());
    EXPECT_FALSE(capture_session_row(nlohmann::json::array()).has_value());
    EXPECT_FALSE(capture_session_row(nlohmann::json("x")).has_value());
}

TEST(CaptureSessionRow, MatchesTheSchemaAndTheFirstCopyIsKept) {
    const facts::TableDef* t = facts::find_table(facts::CaptureSessionRow::kTable);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(facts::CaptureSessionRow{}.cells().size(), t->columns.size());

    // A crashed session recorded twice (a second crash during the restart
    // that records it) stays one row.
    core::TempDir tmp{"vcaudit-sessions"};
    auto path = tmp.path() / "e.db";
    auto crashed = stopped_session();
    crashed["state"] = "running";
    {
        auto store = store::EvidenceStore::create(path);
        ASSERT_TRUE(store.ok()) << store.error().line();
        store->add(*capture_session_row(crashed));
        store->add(*capture_session_row(stopped_session()));
        ASSERT_TRUE(store->close().ok());
    }
    auto q = store::QueryHandle::open(path);
    ASSERT_TRUE(q.ok());
    auto r = q->run("SELECT count(*), max(ended IS NULL), max(clean_stop), sum(dropped_kernel) FROM capture_sessions");
    ASSERT_TRUE(r.ok()) << r.error().line();
    ASSERT_EQ(r->rows.size(), 1U);
    EXPECT_EQ(r->rows[0][0], facts::Value(std::int64_t{1}));
    EXPECT_EQ(r->rows[0][1], facts::Value(std::int64_t{1}));
    EXPECT_EQ(r->rows[0][2], facts::Value(std::int64_t{0}));
    EXPECT_EQ(r->rows[0][3], facts::Value(std::int64_t{7}));
}

}  // namespace
}  // namespace vca::service
