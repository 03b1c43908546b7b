#include <gtest/gtest.h>

#include "auditor/core/limits.hpp"
#include "auditor/core/temp_dir.hpp"
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
}

}  // namespace
}  // namespace vca::store
