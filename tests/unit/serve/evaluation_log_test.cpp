#include <gtest/gtest.h>

#include <fstream>

#include "auditor/core/temp_dir.hpp"
#include "auditor/service/evaluation_log.hpp"
#include "auditor/service/evaluation_run.hpp"

namespace vca::service {
namespace {

nlohmann::json record(const std::string& kind, double started, double to, const std::string& report, bool written) {
    return {{"kind", kind}, {"started_ts", started}, {"period", {{"to_ts", to}}}, {"report", report},
            {"report_written", written}};
}

void make_report(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "report.json") << "{}";
}

TEST(EvaluationLog, AppendsAndReadsBackInOrder) {
    core::TempDir tmp("vca-evlog");
    ASSERT_TRUE(tmp.ok());
    EXPECT_TRUE(read_evaluations(tmp.path()).empty());
    ASSERT_TRUE(append_evaluation(tmp.path(), record("half", 10, 5, "reports/a", true)));
    ASSERT_TRUE(append_evaluation(tmp.path(), record("daily", 20, 20, "reports/b", true)));
    auto all = read_evaluations(tmp.path());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0]["kind"], "half");
    EXPECT_EQ(all[1]["kind"], "daily");
    EXPECT_EQ(last_evaluation_of(all, "half")->value("report", ""), "reports/a");
    EXPECT_FALSE(last_evaluation_of(all, "year"));
}

TEST(EvaluationLog, SkipsDamagedLines) {
    core::TempDir tmp("vca-evlog");
    std::ofstream(tmp.path() / kEvaluationLogFile) << "{\"kind\":\"half\"}\nnot json\n{\"kind\":\"year\"\n[1,2]\n";
    auto all = read_evaluations(tmp.path());
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0]["kind"], "half");
}

TEST(EvaluationLog, PreviousReportIsTheNewestOfTheKindThatStillExists) {
    core::TempDir tmp("vca-evlog");
    make_report(tmp.path() / "reports" / "half-2026-H1");
    make_report(tmp.path() / "reports" / "daily-x");
    std::vector<nlohmann::json> records = {
        record("half", 1, 0, "reports/half-2026-H1", true),
        record("daily", 2, 0, "reports/daily-x", true),
        record("half", 3, 0, "reports/half-2026-H2", true),      // deleted since
        record("half", 4, 0, "reports/half-2026-H2-r2", false),  // the audit failed
    };
    EXPECT_EQ(previous_report_of(records, "half", tmp.path()), tmp.path() / "reports" / "half-2026-H1");
    EXPECT_EQ(previous_report_of(records, "daily", tmp.path()), tmp.path() / "reports" / "daily-x");
    EXPECT_EQ(previous_report_of(records, "year", tmp.path()), std::nullopt);
}

TEST(EvaluationLog, FinishedPeriodsAreThoseEvaluatedAfterTheyEnded) {
    std::vector<nlohmann::json> records = {
        record("half", 100, 90, "", true),   // after its end
        record("half", 150, 200, "", true),  // mid-period, on demand: not the final run
        record("year", 300, 250, "", false),
    };
    EXPECT_EQ(last_finished_period_end(records, "half"), 90);
    EXPECT_EQ(last_finished_period_end(records, "year"), 250);
    EXPECT_EQ(last_finished_period_end(records, "daily"), std::nullopt);
    EXPECT_EQ(last_run_started(records, "half"), 150);
}

TEST(EvaluationLog, ReportNamesNeverReuseAFolderOrLog) {
    core::TempDir tmp("vca-evlog");
    EXPECT_EQ(free_report_name(tmp.path(), "half-2026-H2"), "half-2026-H2");
    std::filesystem::create_directories(tmp.path() / "half-2026-H2");
    EXPECT_EQ(free_report_name(tmp.path(), "half-2026-H2"), "half-2026-H2-r2");
    std::ofstream(tmp.path() / "half-2026-H2-r2.log") << "a failed run's log";
    EXPECT_EQ(free_report_name(tmp.path(), "half-2026-H2"), "half-2026-H2-r3");
}

}  // namespace
}  // namespace vca::service
