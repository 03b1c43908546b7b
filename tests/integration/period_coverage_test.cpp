// A report for a period says how much of the period its captures cover. The
// captures here are real (the example SIPp call) with their frame times moved
// by this test, so the expected share is known without running vcaudit.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "cli_support.hpp"

namespace vca::test {
namespace {

// 2026-11-28 00:00 in Vietnam (UTC+7); `date -d 2026-11-28T00:00:00+07:00 +%s`.
constexpr std::uint32_t kDayStart = 1795798800;

// Copies a little-endian classic pcap, giving its first frame the time
// `first` and every later frame `last` (the frames themselves are untouched).
void retime_capture(const std::filesystem::path& from, const std::filesystem::path& to, std::uint32_t first,
                    std::uint32_t last) {
    std::string bytes = slurp(from);
    ASSERT_GT(bytes.size(), 24U);
    std::uint32_t magic = 0;
    std::memcpy(&magic, bytes.data(), 4);
    ASSERT_EQ(magic, 0xa1b2c3d4U) << from << ": expected a little-endian microsecond pcap";
    std::size_t at = 24;
    bool first_frame = true;
    while (at + 16 <= bytes.size()) {
        const std::uint32_t ts = first_frame ? first : last;
        std::memcpy(bytes.data() + at, &ts, 4);
        std::uint32_t incl = 0;
        std::memcpy(&incl, bytes.data() + at + 8, 4);
        at += 16 + incl;
        first_frame = false;
    }
    ASSERT_EQ(at, bytes.size());
    std::ofstream(to, std::ios::binary) << bytes;
}

class PeriodCoverage : public ::testing::Test {
protected:
    void SetUp() override {
        const auto call = source_dir() / "examples" / "captures" / "sip-udp-sipp.pcap";
        // 00:00-06:00 and 03:00-09:00 overlap (9 h together), 12:00-15:00 apart: 12 h of the 24.
        retime_capture(call, tmp_.path / "a.pcap", kDayStart, kDayStart + 6 * 3600);
        retime_capture(call, tmp_.path / "b.pcap", kDayStart + 3 * 3600, kDayStart + 9 * 3600);
        retime_capture(call, tmp_.path / "c.pcap", kDayStart + 12 * 3600, kDayStart + 15 * 3600);
    }
    RunResult audit(const std::string& extra, const std::filesystem::path& out) {
        return run(vcaudit() + " audit --level 2 --pcap " + q(tmp_.path / "a.pcap") + " --pcap " +
                   q(tmp_.path / "b.pcap") + " --pcap " + q(tmp_.path / "c.pcap") + " --out " + q(out) + " " + extra);
    }
    TempDir tmp_;
};

TEST_F(PeriodCoverage, SharesOfADayAndOfAHalfYear) {
    const auto day = tmp_.path / "day";
    RunResult r = audit("--period 2026-11-28..2026-11-28 --period-label daily", day);
    ASSERT_NE(r.code, 2) << r.out;
    auto j = read_json(day / "report.json");
    const auto& cov = j["coverage"];
    EXPECT_EQ(cov["period"]["label"], "daily");
    EXPECT_EQ(cov["period"]["from"], "2026-11-28");
    EXPECT_EQ(cov["period"]["covered_s"], 12 * 3600);
    EXPECT_EQ(cov["period"]["covered_percent"], 50);
    EXPECT_EQ(cov["first"], "2026-11-27T17:00:00Z");
    EXPECT_EQ(cov["last"], "2026-11-28T08:00:00Z");
    EXPECT_EQ(cov["capture_dropped_packets"], 0);
    EXPECT_EQ(j["inputs"][0]["first"], "2026-11-27T17:00:00Z");
    const std::string html = slurp(day / "report.html");
    EXPECT_NE(html.find("50% of its time"), std::string::npos);

    // 12 h of the 184 days of the second half of 2026 rounds to 0 %.
    const auto half = tmp_.path / "half";
    r = audit("--period 2026-07-01..2026-12-31 --period-label 2026-H2", half);
    ASSERT_NE(r.code, 2) << r.out;
    j = read_json(half / "report.json");
    EXPECT_EQ(j["coverage"]["period"]["covered_s"], 12 * 3600);
    EXPECT_EQ(j["coverage"]["period"]["covered_percent"], 0);
}

TEST_F(PeriodCoverage, NoPeriodMeansNoPeriodClaim) {
    const auto out = tmp_.path / "plain";
    RunResult r = audit("", out);
    ASSERT_NE(r.code, 2) << r.out;
    auto j = read_json(out / "report.json");
    EXPECT_TRUE(j["coverage"]["period"].is_null());
    EXPECT_EQ(j["coverage"]["traffic"], true);
}

TEST_F(PeriodCoverage, ABadPeriodIsOneLineAndNoReport) {
    const auto out = tmp_.path / "bad";
    RunResult r = audit("--period 2026-12-31..2026-07-01", out);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("error E180: period '2026-12-31..2026-07-01': ends before it starts"), std::string::npos)
        << r.out;
    EXPECT_FALSE(std::filesystem::exists(out / "report.json"));
}

}  // namespace
}  // namespace vca::test
