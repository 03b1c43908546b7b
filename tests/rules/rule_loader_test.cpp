// The loader's diagnostics: a broken rule is refused with a stable code and
// the file it is in, never loaded half-way.
#include <gtest/gtest.h>

#include <fstream>
#include "auditor/core/temp_dir.hpp"
#include "auditor/engine/rule_loader.hpp"
#include "auditor/engine/site_policy.hpp"

namespace vca::engine {
namespace {

class TempRules : public ::testing::Test {
protected:
    void write(const std::string& rel, const std::string& text) {
        auto p = root_ / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p) << text;
    }
    std::string rule_yaml(const std::string& id) {
        return "id: " + id + R"(
title: {vi: Tiêu đề, en: Title}
rationale: {vi: Lý do, en: Why}
remediation: {vi: Khắc phục, en: Fix}
severity: high
levels: [3]
clauses: {legacy: {3: "7.2.3.4"}, current: {all: "NĐ 331/2026 Đ30.4"}}
facts: [flows]
)";
    }
    core::TempDir tmp_{"vcaudit-rules-test"};
    const std::filesystem::path& root_ = tmp_.path();
};

TEST_F(TempRules, IdMustMatchFolder) {
    write("X-1/rule.yaml", rule_yaml("X-2"));
    write("X-1/check.sql", "SELECT 1 AS subject, 2 AS detail, 3 AS evidence");
    auto r = load_rules(root_);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "E314");
    EXPECT_NE(r.error().location.find("rule.yaml:1"), std::string::npos);
}

TEST_F(TempRules, UnknownColumnFailsAtLoadTime) {
    write("X-1/rule.yaml", rule_yaml("X-1"));
    write("X-1/check.sql", "SELECT src_ip AS subject, no_such_column AS detail, '' AS evidence FROM flows");
    auto r = load_rules(root_);
    ASSERT_TRUE(r.ok()) << r.error().line();
    auto st = check_rules_sql(*r);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "E330");
    EXPECT_NE(st.error().message.find("no_such_column"), std::string::npos);
}

TEST_F(TempRules, WrongResultColumnsRefused) {
    write("X-1/rule.yaml", rule_yaml("X-1"));
    write("X-1/check.sql", "SELECT src_ip FROM flows");
    auto r = load_rules(root_);
    ASSERT_TRUE(r.ok());
    auto st = check_rules_sql(*r);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "E331");
}

TEST_F(TempRules, UndeclaredParameterRefused) {
    write("X-1/rule.yaml", rule_yaml("X-1"));
    write("X-1/check.sql", "SELECT src_ip AS subject, '' AS detail, '' AS evidence FROM flows WHERE dst_port = :port");
    auto r = load_rules(root_);
    ASSERT_TRUE(r.ok());
    auto st = check_rules_sql(*r);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "E332");
}

// evidence.sql counts what the rule can judge; it must prepare and return one column.
TEST_F(TempRules, EvidenceQueryMustPrepareAndReturnOneCount) {
    write("X-1/rule.yaml", rule_yaml("X-1"));
    write("X-1/check.sql", "SELECT src_ip AS subject, '' AS detail, '' AS evidence FROM flows");
    write("X-1/evidence.sql", "SELECT count(*), 1 FROM flows");
    auto r = load_rules(root_);
    ASSERT_TRUE(r.ok()) << r.error().line();
    auto st = check_rules_sql(*r);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "E334");
    EXPECT_NE(st.error().location.find("evidence.sql"), std::string::npos);

    write("X-1/evidence.sql", "SELECT count(*) FROM no_such_table");
    r = load_rules(root_);
    ASSERT_TRUE(r.ok());
    st = check_rules_sql(*r);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "E334");

    write("X-1/evidence.sql", "SELECT count(*) FROM flows WHERE dst_port = :undeclared");
    r = load_rules(root_);
    ASSERT_TRUE(r.ok());
    st = check_rules_sql(*r);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "E332");

    write("X-1/evidence.sql", "SELECT count(*) FROM flows WHERE app = 'sip'");
    r = load_rules(root_);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(check_rules_sql(*r).ok());
}

TEST_F(TempRules, WritingSqlRefusedByTheReadOnlyConnection) {
    write("X-1/rule.yaml", rule_yaml("X-1"));
    write("X-1/check.sql", "DELETE FROM flows");
    auto r = load_rules(root_);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(check_rules_sql(*r).ok());
}

TEST_F(TempRules, AttachAndPragmaRefused) {
    write("X-1/rule.yaml", rule_yaml("X-1"));
    write("X-1/check.sql", "ATTACH DATABASE '/tmp/x.db' AS x");
    auto r = load_rules(root_);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(check_rules_sql(*r).ok());
    write("X-1/check.sql", "PRAGMA writable_schema=1");
    r = load_rules(root_);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(check_rules_sql(*r).ok());
}

TEST_F(TempRules, MissingClauseForALevelRefused) {
    std::string y = rule_yaml("X-1");
    y.replace(y.find("levels: [3]"), 11, "levels: [2, 3]");
    write("X-1/rule.yaml", y);
    write("X-1/check.sql", "SELECT 1 AS subject, 2 AS detail, 3 AS evidence");
    auto r = load_rules(root_);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "E319");
}

TEST_F(TempRules, SitePolicyErrorsNameFileAndLine) {
    write("site.yaml", "name: X\nlevel: 7\n");
    auto p = load_site_policy(root_ / "site.yaml");
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, "E203");
    EXPECT_NE(p.error().location.find("site.yaml:2"), std::string::npos);

    write("bad.yaml", "name: [unclosed\nlevel: 3\n");
    p = load_site_policy(root_ / "bad.yaml");
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, "E201");

    write("cidr.yaml", "allowed_networks: [10.0.0.0/33]\n");
    p = load_site_policy(root_ / "cidr.yaml");
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, "E205");

    write("inputs.yaml", "level: 3\ninputs:\n  admin_ports: [tcp/22, tcp/443]\n  as_of: 2026-01-01\n");
    p = load_site_policy(root_ / "inputs.yaml");
    ASSERT_TRUE(p.ok()) << p.error().line();
    EXPECT_EQ(p->input_values().at("admin_ports"), "tcp/22,tcp/443");
    EXPECT_EQ(p->input_values().at("as_of"), "2026-01-01");

    p = load_site_policy(root_ / "missing.yaml");
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, "E200");
}

}  // namespace
}  // namespace vca::engine
