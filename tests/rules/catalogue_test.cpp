// The catalogue is complete and consistent: every heading of every level is
// accounted for, every id a rule or questionnaire item names exists, and the
// checks that enforce this do fail on broken data.
#include <gtest/gtest.h>

#include <fstream>

#include "auditor/core/temp_dir.hpp"
#include "auditor/engine/attestations.hpp"
#include "auditor/engine/catalogue.hpp"
#include "auditor/engine/controls.hpp"
#include "auditor/engine/rule_loader.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::engine {
namespace {

std::filesystem::path source() { return VCA_SOURCE_DIR; }

DataPaths bundled() {
    return {source() / "rules" / "catalogue", source() / "policy" / "questionnaire.yaml", source() / "policy" / "levels"};
}

TEST(Catalogue, BundledDataIsConsistentWithTheRules) {
    auto c = load_catalogue(bundled());
    ASSERT_TRUE(c.ok()) << c.error().line();
    auto pack = load_rules(source() / "rules" / "packs");
    ASSERT_TRUE(pack.ok()) << pack.error().line();
    ASSERT_FALSE(c->entries.empty());
    for (const auto& d : check_catalogue(*c, pack->rules)) ADD_FAILURE() << d.line();
}

TEST(Catalogue, EveryHeadingOfEveryLevelIsAccountedFor) {
    auto c = load_catalogue(bundled());
    ASSERT_TRUE(c.ok()) << c.error().line();
    for (int level = 1; level <= 5; ++level) {
        auto rows = heading_accounting(*c, level);
        EXPECT_GT(rows.size(), 20u) << "level " << level;
        for (const auto& h : rows) EXPECT_NE(h.status, "unaccounted") << h.entry->id << " at level " << level;
        EXPECT_EQ(c->profiles.count(level), 1u) << "profile for level " << level;
    }
}

TEST(Catalogue, ClauseNumbersFollowTheLevel) {
    auto c = load_catalogue(bundled());
    ASSERT_TRUE(c.ok());
    // Network logs: 5.2.1.3 at level 1 but 6.2.1.4 at level 2 (TT 12/2022 appendices).
    const CatalogueEntry* logs = c->find("NET-03");
    ASSERT_NE(logs, nullptr);
    EXPECT_EQ(logs->legacy_reference(1), "5.2.1.3");
    EXPECT_EQ(logs->legacy_reference(2), "6.2.1.4");
    // Confidentiality of communications exists only from level 3.
    const CatalogueEntry* comms = c->find("APP-05");
    ASSERT_NE(comms, nullptr);
    EXPECT_FALSE(comms->applies_at(2));
    EXPECT_TRUE(comms->applies_at(3));
    EXPECT_EQ(comms->legacy_reference(3), "7.2.3.4");
}

TEST(Catalogue, ProfilesRecommendEncryptionAtLevelTwoAndRequireItAtThree) {
    auto c = load_catalogue(bundled());
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->profiles.at(2).parameters.at("sip_tls"), "recommended");
    EXPECT_EQ(c->profiles.at(3).parameters.at("sip_tls"), "required");
    EXPECT_EQ(c->profiles.at(3).parameters.at("srtp"), "required");
}

class BrokenCatalogue : public ::testing::Test {
protected:
    core::TempDir tmp_{"vcaudit-catalogue-test"};
    DataPaths paths() const { return {tmp_.path() / "catalogue", tmp_.path() / "q.yaml", tmp_.path() / "levels"}; }
    void write(const std::string& rel, const std::string& text) {
        auto p = tmp_.path() / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p) << text;
    }
    std::vector<std::string> codes(const std::vector<Rule>& rules = {}) {
        auto c = load_catalogue(paths());
        EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().line());
        std::vector<std::string> out;
        if (!c) return out;
        for (const auto& d : check_catalogue(*c, rules)) out.push_back(d.code);
        return out;
    }
};

const char* kGood = R"(- id: NET-03
  group: technical
  heading: true
  title: {vi: Nhật ký, en: Logs}
  legacy: {clauses: {1: "5.2.1.3", 2: "6.2.1.4"}}
  current: {basis: "NĐ 331/2026 Đ30.4", tcvn14423: unverified}
  accounted: {manual: Q-LOGS}
)";

TEST_F(BrokenCatalogue, ConsistentDataHasNoProblems) {
    write("catalogue/a.yaml", kGood);
    write("q.yaml", "- {id: Q-LOGS, catalogue: [NET-03], question: {vi: a, en: b}, evidence: {vi: c, en: d}}\n");
    EXPECT_TRUE(codes().empty());
}

TEST_F(BrokenCatalogue, UnaccountedHeadingAndUnknownIdsAreNamed) {
    std::string bad = kGood;
    bad.replace(bad.find("  accounted: {manual: Q-LOGS}\n"), 30, "");
    write("catalogue/a.yaml", bad + "- id: NET-03a\n  parent: NET-99\n  heading: false\n  levels: [1]\n"
                                     "  current: {basis: x}\n  accounted: {automated: [VC-NOPE-001]}\n");
    auto c = codes();
    EXPECT_NE(std::find(c.begin(), c.end(), "E365"), c.end());  // heading not accounted for
    EXPECT_NE(std::find(c.begin(), c.end(), "E361"), c.end());  // unknown parent
    EXPECT_NE(std::find(c.begin(), c.end(), "E363"), c.end());  // unknown rule
}

TEST_F(BrokenCatalogue, ClauseOfTheWrongLevelIsNamed) {
    std::string bad = kGood;
    bad.replace(bad.find("6.2.1.4"), 7, "7.2.1.4");
    write("catalogue/a.yaml", bad);
    write("q.yaml", "- {id: Q-LOGS, catalogue: [NET-03]}\n");
    auto c = codes();
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0], "E362");
}

TEST_F(BrokenCatalogue, AttestationsAreCheckedAndJudged) {
    write("catalogue/a.yaml", kGood);
    write("q.yaml", "- {id: Q-LOGS, catalogue: [NET-03], max_age_months: 12, question: {vi: a, en: b}}\n"
                    "- {id: Q-OTHER, catalogue: [NET-03]}\n- {id: Q-NONE, catalogue: [NET-03]}\n");
    auto c = load_catalogue(paths());
    ASSERT_TRUE(c.ok());
    write("att/doc.txt", "a document");
    write("att/bad.yaml", "answers:\n  - {question: Q-UNKNOWN, answer: yes}\n");
    auto bad = load_attestations(tmp_.path() / "att" / "bad.yaml", *c);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "E223");
    write("att/missing.yaml", "answers:\n  - {question: Q-LOGS, answer: yes, evidence: [nope.pdf]}\n");
    auto missing = load_attestations(tmp_.path() / "att" / "missing.yaml", *c);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "E226");

    write("att/ok.yaml", "answers:\n  - {question: Q-LOGS, answer: yes, date: 2025-01-10, evidence: [doc.txt]}\n"
                         "  - {question: Q-OTHER, answer: no}\n");
    auto ok = load_attestations(tmp_.path() / "att" / "ok.yaml", *c);
    ASSERT_TRUE(ok.ok()) << ok.error().line();
    ASSERT_EQ(ok->answers.size(), 2u);
    // Judge them from an evidence store, as an audit does.
    auto db_path = tmp_.path() / "e.db";
    {
        auto store = store::EvidenceStore::create(db_path);
        ASSERT_TRUE(store.ok());
        store->add(facts::AttestationRow{1, "Q-LOGS", "yes", std::string("2025-01-10"), std::string("doc.txt"),
                                         std::string("ab"), std::nullopt});
        store->add(facts::AttestationRow{1, "Q-OTHER", "no", std::nullopt, std::nullopt, std::nullopt, std::nullopt});
        ASSERT_TRUE(store->close().ok());
    }
    auto db = store::QueryHandle::open(db_path);
    ASSERT_TRUE(db.ok());
    auto recent = evaluate_controls(*c, 1, "2025-06-01", *db);
    ASSERT_EQ(recent.size(), 3u);
    EXPECT_EQ(recent[0].status, "pass");
    EXPECT_EQ(recent[1].status, "fail");    // answered no
    EXPECT_EQ(recent[2].status, "manual");  // unanswered
    auto later = evaluate_controls(*c, 1, "2026-11-28", *db);
    EXPECT_EQ(later[0].status, "fail");  // the document is now older than 12 months
}

}  // namespace
}  // namespace vca::engine
