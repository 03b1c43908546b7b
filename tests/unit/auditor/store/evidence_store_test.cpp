#include <gtest/gtest.h>

#include <sqlite3.h>

#include "auditor/core/limits.hpp"
#include "auditor/core/temp_dir.hpp"
#include "auditor/facts/schema.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::store {
namespace {

class StoreTest : public ::testing::Test {
protected:
    core::TempDir tmp_{"vcaudit-store"};
    const std::filesystem::path& dir_ = tmp_.path();
};

TEST_F(StoreTest, BatchedRowsAllArrive) {
    auto path = dir_ / "e.db";
    {
        auto s = EvidenceStore::create(path);
        ASSERT_TRUE(s.ok()) << s.error().line();
        for (std::size_t i = 0; i < core::limits::kStoreBatchRows * 2 + 7; ++i) {
            facts::FlowRow f;
            f.flow_id = static_cast<std::int64_t>(i + 1);
            f.transport = "udp";
            s->add(f);
        }
        ASSERT_TRUE(s->close().ok());
    }
    auto q = QueryHandle::open(path);
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->count("flows"), static_cast<std::int64_t>(core::limits::kStoreBatchRows * 2 + 7));
}

TEST_F(StoreTest, RefusesToReuseAnExistingStore) {
    auto path = dir_ / "e.db";
    { ASSERT_TRUE(EvidenceStore::create(path).ok()); }
    auto again = EvidenceStore::create(path);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "E120");
}

TEST_F(StoreTest, ReadOnlyHandleRefusesWrites) {
    auto path = dir_ / "e.db";
    { ASSERT_TRUE(EvidenceStore::create(path).ok()); }
    auto q = QueryHandle::open(path);
    ASSERT_TRUE(q.ok());
    EXPECT_FALSE(q->run("INSERT INTO flows(flow_id) VALUES (1)").ok());
    EXPECT_FALSE(q->run("DROP TABLE flows").ok());
    EXPECT_FALSE(q->run("ATTACH DATABASE ':memory:' AS x").ok());
    EXPECT_FALSE(q->run("PRAGMA writable_schema = 1").ok());
    EXPECT_FALSE(q->run("SELECT load_extension('x')").ok());
    EXPECT_FALSE(q->run("SELECT 1; DELETE FROM flows").ok());  // one statement only
    EXPECT_TRUE(q->run("SELECT count(*) FROM flows").ok());
}

TEST_F(StoreTest, NamedParametersAndCidrFunction) {
    auto path = dir_ / "e.db";
    {
        auto s = EvidenceStore::create(path);
        ASSERT_TRUE(s.ok());
        ASSERT_TRUE(s->insert_named("flows", {{"flow_id", std::int64_t{1}}, {"dst_ip", std::string("10.1.1.1")}}).ok());
        ASSERT_TRUE(s->insert_named("flows", {{"flow_id", std::int64_t{2}}, {"dst_ip", std::string("8.8.8.8")}}).ok());
        auto bad = s->insert_named("flows", {{"no_such", std::int64_t{1}}});
        ASSERT_FALSE(bad.ok());
        EXPECT_EQ(bad.error().code, "E302");
        ASSERT_TRUE(s->close().ok());
    }
    auto q = QueryHandle::open(path);
    ASSERT_TRUE(q.ok());
    auto r = q->run("SELECT flow_id FROM flows WHERE NOT ip_in_cidrs(dst_ip, :nets)", {{"nets", std::string("10.0.0.0/8")}});
    ASSERT_TRUE(r.ok()) << r.error().line();
    ASSERT_EQ(r->rows.size(), 1u);
    EXPECT_EQ(std::get<std::int64_t>(r->rows[0][0]), 2);
    EXPECT_FALSE(q->run("SELECT :missing").ok());

    // in_list: rule inputs are "a, b,c" lists; numbers and case are compared as text, ASCII case-blind.
    auto one = [&](const std::string& sql) {
        auto res = q->run(sql);
        EXPECT_TRUE(res.ok()) << sql;
        return res.ok() ? std::get<std::int64_t>(res->rows[0][0]) : -1;
    };
    EXPECT_EQ(one("SELECT in_list('tcp/23', 'TCP/21, tcp/23,udp/69')"), 1);
    EXPECT_EQ(one("SELECT in_list(443, '443,5061')"), 1);
    EXPECT_EQ(one("SELECT in_list(44, '443,5061')"), 0);  // whole items only
    EXPECT_EQ(one("SELECT in_list('tcp/2', 'tcp/23')"), 0);
    EXPECT_EQ(one("SELECT in_list('x', '')"), 0);
    // version_cmp: vendors' firmware numbers compare segment by segment, numbers as numbers.
    EXPECT_EQ(one("SELECT version_cmp('108.86.0.20', '108.85.255.1')"), 1);
    EXPECT_EQ(one("SELECT version_cmp('1.9', '1.10')"), -1);
    EXPECT_EQ(one("SELECT version_cmp('SIP11.9-4-2SR3-1S', 'SIP11.9-4-3SR1-1')"), -1);
    EXPECT_EQ(one("SELECT version_cmp('8.0.01', '8.0.1')"), 0);
    EXPECT_EQ(one("SELECT version_cmp('2.0', '2.0.1')"), -1);
    EXPECT_EQ(one("SELECT version_cmp('1.0.1', '1.0.beta')"), 1);
    auto null_result = q->run("SELECT in_list(NULL, 'a')");
    ASSERT_TRUE(null_result.ok());
    EXPECT_TRUE(std::holds_alternative<std::monostate>(null_result->rows[0][0]));
}

// The calls view groups a dialog's messages: who called whom, how it ended,
// and whether signalling and every offered media line were protected.
TEST_F(StoreTest, CallsViewSummarisesDialogs) {
    auto path = dir_ / "e.db";
    {
        auto s = EvidenceStore::create(path);
        ASSERT_TRUE(s.ok());
        auto msg = [&](double ts, const char* method, std::int64_t status, const char* cseq, const char* call) {
            std::map<std::string, facts::Value> row = {{"flow_id", std::int64_t{1}}, {"ts", ts},
                                                       {"transport", std::string("udp")},
                                                       {"call_id", std::string(call)}, {"cseq", std::string(cseq)},
                                                       {"from_uri", std::string("sip:a@x")},
                                                       {"to_uri", std::string("sip:b@x")}};
            if (method != nullptr) row["method"] = std::string(method);
            if (status != 0) row["status_code"] = status;
            ASSERT_TRUE(s->insert_named("sip_messages", row).ok());
        };
        msg(10.0, "INVITE", 0, "1 INVITE", "c1");
        msg(10.1, nullptr, 180, "1 INVITE", "c1");
        msg(10.5, nullptr, 200, "1 INVITE", "c1");
        msg(70.0, "BYE", 0, "2 BYE", "c1");
        msg(70.1, nullptr, 200, "2 BYE", "c1");
        msg(80.0, "REGISTER", 0, "1 REGISTER", "r1");  // not a call
        ASSERT_TRUE(s->insert_named("sdp_media", {{"call_id", std::string("c1")}, {"media", std::string("audio")},
                                                  {"port", std::int64_t{4000}}, {"proto", std::string("RTP/SAVP")}})
                        .ok());
        ASSERT_TRUE(s->insert_named("sdp_media", {{"call_id", std::string("c1")}, {"media", std::string("video")},
                                                  {"port", std::int64_t{4002}}, {"proto", std::string("RTP/AVP")}})
                        .ok());
        ASSERT_TRUE(s->close().ok());
    }
    auto q = QueryHandle::open(path);
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->count("calls"), 1);
    auto r = q->run("SELECT call_id, duration_s, final_status, ended_by_bye, signalling_encrypted, media_protected, "
                    "messages FROM calls");
    ASSERT_TRUE(r.ok()) << r.error().line();
    ASSERT_EQ(r->rows.size(), 1u);
    const auto& c = r->rows[0];
    EXPECT_EQ(std::get<std::string>(c[0]), "c1");
    EXPECT_DOUBLE_EQ(std::get<double>(c[1]), 60.1);
    EXPECT_EQ(std::get<std::int64_t>(c[2]), 200);  // the final answer to the INVITE, not to the BYE
    EXPECT_EQ(std::get<std::int64_t>(c[3]), 1);
    EXPECT_EQ(std::get<std::int64_t>(c[4]), 0);
    EXPECT_EQ(std::get<std::int64_t>(c[5]), 0);  // the video line was plain RTP
    EXPECT_EQ(std::get<std::int64_t>(c[6]), 5);
}

}  // namespace
}  // namespace vca::store

namespace vca::store {
namespace {

// Makes `path` look like a live store an older vcaudit wrote: without the
// capture_sessions table, without a later tls_sessions column, at `version`.
void age_store(const std::filesystem::path& path, int version) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const std::string sql = "DROP VIEW calls; DROP TABLE capture_sessions; "
                            "ALTER TABLE tls_sessions DROP COLUMN client_cipher_suites; "
                            "INSERT INTO flows(flow_id, transport) VALUES (7, 'udp'); "
                            "PRAGMA user_version=" + std::to_string(version) + ";";
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

// The store's query handle only reads fact tables; the schema itself is read raw.
std::int64_t scalar(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    std::int64_t v = -1;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
}

class LiveStoreUpgrade : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = EvidenceStore::open_live(path_);
        ASSERT_TRUE(s.ok()) << s.error().line();
        ASSERT_TRUE(s->close().ok());
    }
    core::TempDir tmp_{"vcaudit-store"};
    std::filesystem::path path_ = tmp_.path() / "live.db";
};

TEST_F(LiveStoreUpgrade, SchemaThreeGainsTheNewTablesAndColumnsAndKeepsItsRows) {
    age_store(path_, 3);
    auto s = EvidenceStore::open_live(path_);
    ASSERT_TRUE(s.ok()) << s.error().line();
    ASSERT_TRUE(s->close().ok());
    auto q = QueryHandle::open(path_);
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->count("flows"), 1);
    EXPECT_EQ(q->count("capture_sessions"), 0);
    EXPECT_EQ(q->count("calls"), 0);
    EXPECT_EQ(scalar(path_, "SELECT count(*) FROM pragma_table_info('tls_sessions') WHERE name = 'client_cipher_suites'"), 1);
    EXPECT_EQ(scalar(path_, "PRAGMA user_version"), facts::kSchemaVersion);
}

TEST_F(LiveStoreUpgrade, OlderSchemasAreRefusedByName) {
    age_store(path_, 2);
    auto s = EvidenceStore::open_live(path_);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "E127");
    EXPECT_NE(s.error().line().find("schema version 2"), std::string::npos) << s.error().line();
}

}  // namespace
}  // namespace vca::store
