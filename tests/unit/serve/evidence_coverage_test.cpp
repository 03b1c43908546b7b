#include <gtest/gtest.h>

#include "auditor/service/evaluation_scheduler.hpp"
#include "auditor/service/evidence_selection.hpp"

namespace vca::service {
namespace {

EvaluationPeriod period(double from, double to) {
    EvaluationPeriod p;
    p.kind = kKindRange;
    p.name = "test";
    p.from_ts = from;
    p.to_ts = to;
    return p;
}

EvidenceFile file(double first, double last) {
    EvidenceFile f;
    f.first_ts = first;
    f.last_ts = last;
    return f;
}

TEST(EvidenceCoverage, NoFilesIsPartialAndSaysSo) {
    Coverage c = measure_coverage(period(0, 1000), {});
    EXPECT_TRUE(c.partial);
    EXPECT_FALSE(c.evidence_first);
    EXPECT_EQ(c.covered_seconds, 0);
    EXPECT_NE(c.note.find("no closed capture file"), std::string::npos);
}

TEST(EvidenceCoverage, LateStartIsPartial) {
    Coverage c = measure_coverage(period(0, 1000), {file(300, 990), file(100, 200)});
    EXPECT_TRUE(c.partial);
    EXPECT_EQ(*c.evidence_first, 100);
    EXPECT_EQ(*c.evidence_last, 990);
    EXPECT_EQ(c.covered_seconds, 890);
    EXPECT_NE(c.note.find("89.0%"), std::string::npos) << c.note;
    EXPECT_EQ(c.to_json()["covered_fraction"].get<double>(), 0.89);
}

TEST(EvidenceCoverage, EdgesWithinTheSlackCoverTheWholePeriod) {
    Coverage c = measure_coverage(period(0, 1000), {file(kCoverageSlackSeconds, 1000 - kCoverageSlackSeconds)});
    EXPECT_FALSE(c.partial);
    Coverage late = measure_coverage(period(0, 1000), {file(kCoverageSlackSeconds + 1, 1000)});
    EXPECT_TRUE(late.partial);
}

TEST(EvidenceCoverage, FilesStraddlingTheEdgesCountOnlyInside) {
    Coverage c = measure_coverage(period(100, 200), {file(50, 250)});
    EXPECT_FALSE(c.partial);
    EXPECT_EQ(c.covered_seconds, 100);
}

TEST(ScheduleRuns, SlidingAndCalendarRunsFromTheLog) {
    ScheduleOptions o;
    o.every = 15;
    o.window = 15;
    o.half_year = true;
    o.report_year = true;
    o.settle = 120;
    const double started = 1795824000;  // 2026-11-28 00:00:00 UTC
    auto runs = next_runs(o, {}, started + 1, started);
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].period.kind, "window");
    EXPECT_EQ(runs[0].due_ts, started + 15);
    EXPECT_EQ(runs[1].period.name, "2026-H2");
    EXPECT_EQ(runs[1].due_ts, half_year_containing(started).to_ts + 120);
    EXPECT_EQ(runs[2].period.name, "2026");
    // The last window run sets the next one.
    std::vector<nlohmann::json> log = {{{"kind", "window"}, {"started_ts", started + 100}}};
    EXPECT_EQ(next_runs(o, log, started + 101, started)[0].due_ts, started + 115);
    o.report_year = false;
    o.every.reset();
    EXPECT_EQ(next_runs(o, {}, started, started).size(), 1u);
}

}  // namespace
}  // namespace vca::service
