// Calendar boundaries in Vietnam time (UTC+7). Expected instants are built
// with timegm from UTC fields: 00:00 local is 17:00 UTC the day before.
#include <gtest/gtest.h>

#include <ctime>

#include "auditor/service/evaluation_calendar.hpp"

namespace vca::service {
namespace {

double utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return static_cast<double>(timegm(&tm));
}

TEST(EvaluationCalendar, LocalDateIsSevenHoursAheadOfUtc) {
    const LocalDate before = local_date(utc(2026, 12, 31, 16, 59, 59));
    EXPECT_EQ(before.year, 2026);
    EXPECT_EQ(before.month, 12u);
    EXPECT_EQ(before.day, 31u);
    const LocalDate after = local_date(utc(2026, 12, 31, 17, 0, 0));
    EXPECT_EQ(after.year, 2027);
    EXPECT_EQ(after.month, 1u);
    EXPECT_EQ(after.day, 1u);
    EXPECT_EQ(local_time_text(utc(2026, 11, 28, 0, 0, 0)), "2026-11-28 07:00:00 +07");
    EXPECT_EQ(local_midnight(2026, 13, 1), utc(2026, 12, 31, 17));
}

TEST(EvaluationCalendar, ReportYearCutOffIsFourteenDecemberLocal) {
    const EvaluationPeriod last_minute = report_year_containing(utc(2026, 12, 14, 16, 59, 59));  // 14 Dec 23:59:59
    EXPECT_EQ(last_minute.kind, "year");
    EXPECT_EQ(last_minute.name, "2026");
    EXPECT_EQ(last_minute.from_ts, utc(2025, 12, 14, 17));  // 15 Dec 2025 00:00 local
    EXPECT_EQ(last_minute.to_ts, utc(2026, 12, 14, 17));    // 15 Dec 2026 00:00 local
    const EvaluationPeriod next_day = report_year_containing(utc(2026, 12, 14, 17, 0, 0));  // 15 Dec 00:00
    EXPECT_EQ(next_day.name, "2027");
    EXPECT_EQ(next_day.from_ts, utc(2026, 12, 14, 17));
    EXPECT_EQ(next_day.folder(), "year-2027");
    // 14 Dec 20:00 UTC is already 15 Dec in Hanoi.
    EXPECT_EQ(report_year_containing(utc(2026, 12, 14, 20)).name, "2027");
    EXPECT_EQ(report_year_containing(utc(2027, 1, 5)).name, "2027");
}

TEST(EvaluationCalendar, HalfYearEdges) {
    const EvaluationPeriod h1 = half_year_containing(utc(2026, 6, 30, 16, 59, 59));  // 30 Jun 23:59:59 local
    EXPECT_EQ(h1.name, "2026-H1");
    EXPECT_EQ(h1.from_ts, utc(2025, 12, 31, 17));
    EXPECT_EQ(h1.to_ts, utc(2026, 6, 30, 17));
    const EvaluationPeriod h2 = half_year_containing(utc(2026, 6, 30, 17, 0, 0));  // 1 Jul 00:00 local
    EXPECT_EQ(h2.name, "2026-H2");
    EXPECT_EQ(h2.folder(), "half-2026-H2");
    EXPECT_EQ(h2.from_ts, utc(2026, 6, 30, 17));
    EXPECT_EQ(h2.to_ts, utc(2026, 12, 31, 17));
    // Year change: 31 Dec 23:59:59 local vs 1 Jan 00:00 local (still 31 Dec in UTC).
    EXPECT_EQ(half_year_containing(utc(2026, 12, 31, 16, 59, 59)).name, "2026-H2");
    EXPECT_EQ(half_year_containing(utc(2026, 12, 31, 17, 0, 0)).name, "2027-H1");
}

TEST(EvaluationCalendar, LeapYears) {
    const double day = 86400;
    EXPECT_EQ(half_year_containing(utc(2028, 3, 1)).to_ts - half_year_containing(utc(2028, 3, 1)).from_ts, 182 * day);
    EXPECT_EQ(half_year_containing(utc(2027, 3, 1)).to_ts - half_year_containing(utc(2027, 3, 1)).from_ts, 181 * day);
    const EvaluationPeriod y2028 = report_year_containing(utc(2028, 2, 29, 12));
    EXPECT_EQ(y2028.name, "2028");
    EXPECT_EQ(y2028.to_ts - y2028.from_ts, 366 * day);
    const EvaluationPeriod y2027 = report_year_containing(utc(2027, 2, 28, 12));
    EXPECT_EQ(y2027.to_ts - y2027.from_ts, 365 * day);
    const LocalDate leap = local_date(utc(2028, 2, 29, 3));
    EXPECT_EQ(leap.month, 2u);
    EXPECT_EQ(leap.day, 29u);
    auto range = date_range("2028-02-28..2028-02-29");
    ASSERT_TRUE(range) << range.error().line();
    EXPECT_EQ(range->to_ts - range->from_ts, 2 * day);
    EXPECT_EQ(range->from_ts, utc(2028, 2, 27, 17));
    EXPECT_FALSE(date_range("2027-02-28..2027-02-29"));  // no 29 February in 2027
}

TEST(EvaluationCalendar, DateRangeErrors) {
    EXPECT_EQ(date_range("2026-07-01").error().code, "E180");
    EXPECT_FALSE(date_range("2026-12-31..2026-07-01"));
    EXPECT_FALSE(date_range("2026-7-1..2026-12-31"));
    EXPECT_FALSE(date_range("2026-13-01..2026-13-02"));
    auto r = date_range("2026-07-01..2026-12-31");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->folder(), "period-2026-07-01_2026-12-31");
    EXPECT_EQ(r->from_ts, half_year_containing(utc(2026, 8, 1)).from_ts);
    EXPECT_EQ(r->to_ts, half_year_containing(utc(2026, 8, 1)).to_ts);
}

TEST(EvaluationCalendar, SlidingWindowNamesItsLocalEnd) {
    const EvaluationPeriod d = sliding_window(utc(2026, 11, 28, 0, 0, 0), 86400);
    EXPECT_EQ(d.folder(), "daily-2026-11-28T0700");
    EXPECT_EQ(d.from_ts, utc(2026, 11, 27, 0, 0, 0));
    const EvaluationPeriod w = sliding_window(utc(2026, 11, 28, 17, 5, 30), 15);
    EXPECT_EQ(w.folder(), "window-2026-11-29T0005");
    EXPECT_EQ(w.to_ts - w.from_ts, 15);
}

TEST(EvaluationCalendar, WholeDaysTextForAudit) {
    EXPECT_EQ(whole_days_text(half_year_containing(utc(2026, 8, 1))), "2026-07-01..2026-12-31");
    EXPECT_EQ(whole_days_text(report_year_containing(utc(2026, 8, 1))), "2025-12-15..2026-12-14");
    EXPECT_EQ(whole_days_text(sliding_window(utc(2026, 11, 28, 17, 0, 0), 86400)), "2026-11-28..2026-11-28");
    EXPECT_EQ(whole_days_text(sliding_window(utc(2026, 11, 28, 5, 0, 0), 86400)), std::nullopt);
}

TEST(EvaluationCalendar, NextHalfYearRun) {
    const double settle = 3660;
    const double jul1 = utc(2026, 6, 30, 17);  // 1 Jul 2026 00:00 local
    const double jan1 = utc(2026, 12, 31, 17);
    // First start, no run yet: the current half, once it has ended and settled.
    DueRun first = next_calendar_run(kKindHalf, jul1 + 10, std::nullopt, settle);
    EXPECT_EQ(first.period.name, "2026-H2");
    EXPECT_EQ(first.due_ts, jan1 + settle);
    // Just after the boundary, the half that ended is due once settled.
    DueRun ended = next_calendar_run(kKindHalf, jan1 + 10, jul1, settle);
    EXPECT_EQ(ended.period.name, "2026-H2");
    EXPECT_EQ(ended.due_ts, jan1 + settle);
    // After it ran, the next is the half in progress.
    DueRun after = next_calendar_run(kKindHalf, jan1 + settle + 5, jan1, settle);
    EXPECT_EQ(after.period.name, "2027-H1");
    EXPECT_EQ(after.due_ts, utc(2027, 6, 30, 17) + settle);
}

TEST(EvaluationCalendar, NextReportYearRunAfterDowntime) {
    const double settle = 60;
    const double dec15_2026 = utc(2026, 12, 14, 17);
    // Down over 15 December 2026: the year 2026 is due at once when back up.
    DueRun late = next_calendar_run(kKindYear, utc(2026, 12, 20), utc(2025, 12, 14, 17), settle);
    EXPECT_EQ(late.period.name, "2026");
    EXPECT_EQ(late.due_ts, dec15_2026 + settle);
    EXPECT_LT(late.due_ts, utc(2026, 12, 20));
    // 14 December 23:59 local: the run is still ahead.
    DueRun before = next_calendar_run(kKindYear, dec15_2026 - 60, utc(2025, 12, 14, 17), settle);
    EXPECT_EQ(before.period.name, "2026");
    EXPECT_GT(before.due_ts, dec15_2026 - 60);
}

TEST(EvaluationCalendar, NextWindowRun) {
    EXPECT_EQ(next_window_due(std::nullopt, 1000, 15), 1015);
    EXPECT_EQ(next_window_due(2000, 1000, 86400), 88400);
}

}  // namespace
}  // namespace vca::service
