// Every rule case under rules/packs runs as its own test: facts in →
// expected status out. The rule packs are data; this is their test suite.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "auditor/engine/rule_cases.hpp"
#include "auditor/engine/rule_loader.hpp"

namespace vca::engine {
namespace {

const RulePack& pack() {
    static RulePack p = [] {
        auto r = load_rules(std::filesystem::path(VCA_SOURCE_DIR) / "rules" / "packs");
        if (!r) {
            ADD_FAILURE() << r.error().line();
            return RulePack{};
        }
        return std::move(r.value());
    }();
    return p;
}

struct CaseParam {
    const Rule* rule;
    std::filesystem::path file;
};

std::vector<CaseParam> all_cases() {
    std::vector<CaseParam> out;
    for (const auto& r : pack().rules)
        for (const auto& c : r.cases) out.push_back({&r, c});
    return out;
}

class RuleCase : public ::testing::TestWithParam<CaseParam> {};

TEST_P(RuleCase, ExpectedStatus) {
    auto outcome = run_case(*GetParam().rule, GetParam().file);
    ASSERT_TRUE(outcome.ok()) << outcome.error().line();
    EXPECT_TRUE(outcome->passed) << GetParam().file.string() << ": " << outcome->message;
}

INSTANTIATE_TEST_SUITE_P(Packs, RuleCase, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<CaseParam>& param_info) {
                             std::string name = param_info.param.rule->id + "_" + param_info.param.file.stem().string();
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

TEST(RulePacks, LoadAndPrepareAgainstTheSchema) {
    ASSERT_FALSE(pack().rules.empty());
    auto st = check_rules_sql(pack());
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().line());
}

TEST(RulePacks, EveryAutomatedRuleHasPassAndFailCases) {
    for (const auto& r : pack().rules) {
        auto st = check_case_coverage(r);
        EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().line());
    }
}

// expect.detail_contains is checked, not only parsed: a case whose wanted
// text no violation holds fails and says which text.
TEST(RuleCaseFormat, DetailThatNoViolationHoldsFailsTheCase) {
    const Rule* rule = nullptr;
    for (const auto& r : pack().rules)
        if (r.id == "VC-H323-002") rule = &r;
    ASSERT_NE(rule, nullptr);
    const auto source = std::filesystem::path(VCA_SOURCE_DIR) / "rules" / "packs" / "vc-core" / "VC-H323-002" /
                        "cases" / "fail-faststart-accepted-plain.yaml";
    const auto changed =
        std::filesystem::temp_directory_path() / ("vcaudit-detail-case-" + std::to_string(getpid()) + ".yaml");
    {
        std::ifstream in(source);
        std::ofstream out(changed);
        std::string line;
        while (std::getline(in, line)) {
            if (line.find("sent to 10.0.0.9:6000") != std::string::npos) line = "    - \"sent to 10.0.0.9:6001\"";
            out << line << "\n";
        }
    }
    auto kept = run_case(*rule, source);
    auto broken = run_case(*rule, changed);
    std::filesystem::remove(changed);
    ASSERT_TRUE(kept.ok() && broken.ok());
    EXPECT_TRUE(kept->passed) << kept->message;
    EXPECT_FALSE(broken->passed);
    EXPECT_NE(broken->message.find("no violation detail contains 'sent to 10.0.0.9:6001'"), std::string::npos)
        << broken->message;
}

TEST(RulePacks, EveryRuleMapsBothRegimesAtEachOfItsLevels) {
    for (const auto& r : pack().rules)
        for (int level : r.levels) {
            EXPECT_FALSE(r.clause("legacy", level).empty()) << r.id << " L" << level;
            EXPECT_FALSE(r.clause("current", level).empty()) << r.id << " L" << level;
        }
}

}  // namespace
}  // namespace vca::engine
