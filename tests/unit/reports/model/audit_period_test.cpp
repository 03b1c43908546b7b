#include "reports/model/audit_period.hpp"

#include <gtest/gtest.h>

namespace vca::report {
namespace {

// 2026-07-01T00:00:00+07:00 is 2026-06-30T17:00:00Z = 1782838800 (date -d computes the same).
constexpr double kJul1Local = 1782838800;

TEST(AuditPeriod, DatesAreVietnamDaysBothIncluded) {
    auto p = parse_period("2026-07-01..2026-12-31", "2026-H2");
    ASSERT_TRUE(p) << p.error().line();
    EXPECT_EQ(p->label, "2026-H2");
    EXPECT_DOUBLE_EQ(p->from_ts, kJul1Local);
    // 184 days from 1 July to 31 December inclusive.
    EXPECT_DOUBLE_EQ(p->to_ts - p->from_ts, 184 * 86400.0);
}

TEST(AuditPeriod, OneDayAndDefaultLabel) {
    auto p = parse_period("2026-12-14..2026-12-14");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->label, "2026-12-14..2026-12-14");
    EXPECT_DOUBLE_EQ(p->to_ts - p->from_ts, 86400.0);
}

TEST(AuditPeriod, LeapDayExistsOnlyInLeapYears) {
    EXPECT_TRUE(parse_period("2028-02-29..2028-03-01"));
    auto bad = parse_period("2027-02-29..2027-03-01");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "E180");
}

TEST(AuditPeriod, MalformedValuesAreNamed) {
    for (const char* text : {"", "2026-07-01", "2026-07-01..", "2026-7-1..2026-12-31", "2026-13-01..2026-12-31",
                             "2026-12-31..2026-07-01", "2026-07-01..2026-12-31x", "yesterday..today"}) {
        auto p = parse_period(text);
        ASSERT_FALSE(p) << text;
        EXPECT_EQ(p.error().code, "E180") << text;
        EXPECT_NE(p.error().line().find(std::string("'") + text + "'"), std::string::npos) << p.error().line();
    }
}

TEST(AuditPeriod, CoveredSecondsClipToThePeriod) {
    auto p = parse_period("2026-07-01..2026-07-01");
    ASSERT_TRUE(p);
    EXPECT_DOUBLE_EQ(covered_seconds(*p, kJul1Local - 100, kJul1Local + 50), 50);
    EXPECT_DOUBLE_EQ(covered_seconds(*p, kJul1Local + 10, kJul1Local + 20), 10);
    EXPECT_DOUBLE_EQ(covered_seconds(*p, kJul1Local + 86400, kJul1Local + 90000), 0);
    EXPECT_DOUBLE_EQ(covered_seconds(*p, kJul1Local - 10, kJul1Local + 99999), 86400);
}

}  // namespace
}  // namespace vca::report
