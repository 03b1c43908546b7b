// Scanner: per-scan timeout, the object size bound, empty input, and the
// fact rows made from a scan.
#include "auditor/scan/scanner.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auditor/core/temp_dir.hpp"
#include "auditor/scan/match_rows.hpp"
#include "tests/unit/auditor/scan/scan_test_support.hpp"

namespace vca::scan {
namespace {

using test::bytes;
using test::compile_text;
using test::make_scanner;

TEST(Scanner, SlowRuleOnLargeBufferStopsWithTimeout) {
    core::TempDir dir;
    // Quadratic in filesize: about 4e9 steps on 64 KiB, far beyond one second.
    auto rules = compile_text(dir,
                              "rule slow {\n"
                              "  condition:\n"
                              "    for any i in (0..filesize - 1) : (\n"
                              "      for any j in (0..filesize - 1) : (uint8(i) + uint8(j) == 3))\n"
                              "}\n");
    ASSERT_TRUE(rules);
    auto scanner = make_scanner(rules, ScannerOptions{1, limits::kMaxScanObjectBytes});
    const std::vector<std::uint8_t> zeros(64 * 1024, 0);
    const ScanOutcome out = scanner.scan(zeros);
    EXPECT_EQ(out.status, ScanStatus::timeout);
    EXPECT_TRUE(out.matches.empty());
    EXPECT_EQ(to_string(out.status), "timeout");

    // The scanner is still usable after a timeout.
    const std::vector<std::uint8_t> small{1, 2};
    const ScanOutcome again = scanner.scan(small);
    EXPECT_EQ(again.status, ScanStatus::ok);
    ASSERT_EQ(again.matches.size(), 1U);  // 1 + 2 == 3
}

TEST(Scanner, ObjectLargerThanTheBoundIsScannedOnItsStartOnly) {
    core::TempDir dir;
    auto rules = compile_text(dir, "rule marker { strings: $m = \"MARKER\" condition: $m }\n"
                                   "rule size_seen { condition: filesize == 16 }\n");
    ASSERT_TRUE(rules);
    auto scanner = make_scanner(rules, ScannerOptions{5, 16});

    std::string late(100, '.');
    late.replace(60, 6, "MARKER");
    ScanOutcome out = scanner.scan(bytes(late));
    EXPECT_EQ(out.status, ScanStatus::too_large_truncated);
    ASSERT_EQ(out.matches.size(), 1U);  // only size_seen: libyara saw 16 bytes
    EXPECT_EQ(out.matches[0].rule, "size_seen");

    std::string early(100, '.');
    early.replace(3, 6, "MARKER");
    out = scanner.scan(bytes(early));
    EXPECT_EQ(out.status, ScanStatus::too_large_truncated);
    ASSERT_EQ(out.matches.size(), 2U);
    EXPECT_EQ(out.matches[0].rule, "marker");
    EXPECT_EQ(out.matches[0].offset, 3U);

    out = scanner.scan(bytes("xxMARKERxxxxxxxx"));  // exactly 16: not truncated
    EXPECT_EQ(out.status, ScanStatus::ok);
    EXPECT_EQ(out.matches.size(), 2U);
}

TEST(Scanner, EmptyObjectIsScanned) {
    core::TempDir dir;
    auto rules = compile_text(dir, "rule empty { condition: filesize == 0 }\n");
    ASSERT_TRUE(rules);
    auto scanner = make_scanner(rules);
    const ScanOutcome out = scanner.scan(core::Bytes{});
    EXPECT_EQ(out.status, ScanStatus::ok);
    ASSERT_EQ(out.matches.size(), 1U);
    EXPECT_EQ(out.matches[0].ns, "user");
}

TEST(Scanner, PrivateRulesAreNotReported) {
    core::TempDir dir;
    auto rules = compile_text(dir, "private rule helper { strings: $a = \"abc\" condition: $a }\n"
                                   "rule uses_helper { condition: helper }\n");
    ASSERT_TRUE(rules);
    auto scanner = make_scanner(rules);
    const ScanOutcome out = scanner.scan(bytes("xxabc"));
    ASSERT_EQ(out.matches.size(), 1U);
    EXPECT_EQ(out.matches[0].rule, "uses_helper");
}

TEST(Scanner, MovedScannerKeepsWorking) {
    core::TempDir dir;
    auto rules = compile_text(dir, "rule a { strings: $a = \"abc\" condition: $a }\n");
    ASSERT_TRUE(rules);
    auto first = make_scanner(rules);
    Scanner second = std::move(first);
    EXPECT_EQ(second.scan(bytes("abc")).matches.size(), 1U);
    EXPECT_EQ(first.scan(bytes("abc")).status, ScanStatus::error);  // NOLINT(bugprone-use-after-move)
}

TEST(MatchRows, ContentMatchRowCarriesTheObjectContext) {
    Match m{"vn_marking_toi_mat", "bundled", "classification,marking", 42};
    ObjectContext o;
    o.scope = "http_body";
    o.flow_id = 7;
    o.input_id = 1;
    o.direction = "to_client";
    o.ts = 1700000000.5;
    o.object_sha256 = std::string(64, 'a');
    o.object_name = "http://meet.example/files/report.docx";
    o.object_size = 1234;
    const auto row = content_match_row(m, o);
    EXPECT_EQ(row.rule, "vn_marking_toi_mat");
    EXPECT_EQ(row.ns, "bundled");
    EXPECT_EQ(row.tags, "classification,marking");
    EXPECT_EQ(row.offset, 42);
    EXPECT_EQ(row.flow_id, 7);
    EXPECT_EQ(row.input_id, 1);
    EXPECT_EQ(row.scope, "http_body");
    EXPECT_EQ(row.direction, "to_client");
    EXPECT_EQ(row.ts, 1700000000.5);
    EXPECT_EQ(row.object_name, o.object_name);
    EXPECT_EQ(row.object_size, 1234);
    EXPECT_EQ(row.cells().size(), 12U);

    ScanOutcome out;
    out.matches = {m, m};
    EXPECT_EQ(content_match_rows(out, o).size(), 2U);
    EXPECT_FALSE(scan_anomaly(out, o, 1).has_value());
    out.status = ScanStatus::timeout;
    const auto anomaly = scan_anomaly(out, o, 1);
    ASSERT_TRUE(anomaly.has_value());
    EXPECT_EQ(anomaly->name, "yara_scan_timeout");
    EXPECT_EQ(anomaly->flow_id, 7);
    EXPECT_NE(anomaly->detail.find("http_body"), std::string::npos);
    out.status = ScanStatus::too_large_truncated;
    EXPECT_EQ(scan_anomaly(out, o, 1)->name, "yara_scan_truncated");
}

}  // namespace
}  // namespace vca::scan
