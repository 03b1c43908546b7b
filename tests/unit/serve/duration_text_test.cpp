#include <gtest/gtest.h>

#include "auditor/service/duration_text.hpp"

namespace vca::service {
namespace {

TEST(DurationText, ParsesUnitsAndSums) {
    EXPECT_EQ(parse_duration("24h", "x").value(), 86400);
    EXPECT_EQ(parse_duration("15s", "x").value(), 15);
    EXPECT_EQ(parse_duration("30m", "x").value(), 1800);
    EXPECT_EQ(parse_duration("7d", "x").value(), 7 * 86400);
    EXPECT_EQ(parse_duration("2w", "x").value(), 14 * 86400);
    EXPECT_EQ(parse_duration("1h30m", "x").value(), 5400);
    EXPECT_EQ(parse_duration("90", "x").value(), 90);
}

TEST(DurationText, RefusesWithTheOptionNamed) {
    for (const char* bad : {"", "h", "10x", "0s", "1h30", "-5s", "1.5h", "99999999999d"}) {
        auto r = parse_duration(bad, "evaluate-every");
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, "E181");
        EXPECT_NE(r.error().message.find("--evaluate-every"), std::string::npos);
    }
}

TEST(DurationText, PrintsShortestForm) {
    EXPECT_EQ(duration_text(15), "15s");
    EXPECT_EQ(duration_text(5400), "1h30m");
    EXPECT_EQ(duration_text(86400), "1d");
    EXPECT_EQ(duration_text(90061), "1d1h1m1s");
}

}  // namespace
}  // namespace vca::service
