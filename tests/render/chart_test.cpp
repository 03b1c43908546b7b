#include "reports/render/chart.hpp"

#include <gtest/gtest.h>

#include "model_fixture.hpp"
#include "reports/render/labels.hpp"
#include "reports/render/svg_chart.hpp"

namespace vca::report {
namespace {

using test::ModelFixture;

const ChartRect* rect_of(const ChartDrawing& d, std::string_view fill) {
    for (const auto& r : d.rects)
        if (r.fill == fill) return &r;
    return nullptr;
}

bool has_text(const ChartDrawing& d, const std::string& t) {
    for (const auto& x : d.texts)
        if (x.text == t) return true;
    return false;
}

TEST(SeverityChart, BarLengthsFollowOpenFindingsPerSeverity) {
    ModelFixture f;
    f.assess(f.add_rule("A", "critical"), "fail", 2);
    f.assess(f.add_rule("B", "high"), "fail", 1);
    auto& low = f.assess(f.add_rule("C", "low"), "fail", 4);
    low.findings[3].status = "waived";  // waived findings are not open
    const ChartDrawing d = severity_chart(f.model);
    ASSERT_EQ(d.rects.size(), 3u);  // medium and info have no bar
    const auto* crit = rect_of(d, severity_colour("critical"));
    const auto* high = rect_of(d, severity_colour("high"));
    const auto* lowr = rect_of(d, severity_colour("low"));
    ASSERT_TRUE(crit && high && lowr);
    EXPECT_NEAR(crit->w, 2 * high->w, 1e-9);
    EXPECT_NEAR(lowr->w, 3 * high->w, 1e-9);  // 3 open of 4
    EXPECT_LE(lowr->x + lowr->w, d.width);
    EXPECT_TRUE(has_text(d, "Nghiêm trọng / Critical"));
    EXPECT_TRUE(has_text(d, "3"));
    EXPECT_TRUE(has_text(d, "0"));
}

TEST(SeverityChart, NoFindingsDrawsNoBars) {
    ModelFixture f;
    f.assess(f.add_rule("A", "critical"), "pass", 0);
    const ChartDrawing d = severity_chart(f.model);
    EXPECT_TRUE(d.rects.empty());
    EXPECT_GT(d.height, 0);
}

TEST(EncryptionChart, SharesOfProtectedUnprotectedUnknown) {
    MeetingStats m;
    m.meetings = 10;
    m.protected_meetings = 6;
    m.unprotected_meetings = 3;
    m.unknown_meetings = 1;
    const ChartDrawing d = encryption_chart(m);
    const auto* p = rect_of(d, "#1a7f37");
    const auto* u = rect_of(d, "#cf222e");
    const auto* k = rect_of(d, "#8c959f");
    ASSERT_TRUE(p && u && k);
    EXPECT_NEAR(p->w, kChartWidth * 0.6, 1e-9);
    EXPECT_NEAR(u->w, kChartWidth * 0.3, 1e-9);
    EXPECT_NEAR(k->w, kChartWidth * 0.1, 1e-9);
    EXPECT_NEAR(u->x, p->w, 1e-9);
    EXPECT_TRUE(has_text(d, "Được bảo vệ / Protected: 6 (60%)"));
    EXPECT_TRUE(has_text(d, "Không được bảo vệ / Unprotected: 3 (30%)"));
}

TEST(EncryptionChart, NoMeetingsIsANoteNotAnEmptyBar) {
    const ChartDrawing d = encryption_chart(MeetingStats{});
    EXPECT_TRUE(has_text(d, "Không thấy cuộc họp nào trong dữ liệu đầu vào."));
    EXPECT_TRUE(has_text(d, "No meetings seen in the inputs."));
    EXPECT_EQ(rect_of(d, "#1a7f37"), nullptr);
}

TEST(TrendChart, PreviousAgainstCurrentAndChanges) {
    ModelFixture f;
    f.model.status_counts = {{"fail", 2}, {"pass", 5}};
    f.model.diff.present = true;
    f.model.diff.previous_status_counts = {{"fail", 4}, {"pass", 3}};
    f.model.diff.counts = {{"new", 1}, {"fixed", 3}, {"persisting", 1}};
    const ChartDrawing d = trend_chart(f.model);
    std::vector<const ChartRect*> prev, cur;
    for (const auto& r : d.rects) {
        if (r.fill == "#8c959f" && r.w > 9) prev.push_back(&r);  // not the legend square
        if (r.fill == "#0969da" && r.w > 9) cur.push_back(&r);
    }
    ASSERT_EQ(prev.size(), 2u);  // pass, fail (status order)
    ASSERT_EQ(cur.size(), 2u);
    EXPECT_NEAR(prev[0]->w * 5, cur[0]->w * 3, 1e-9);  // pass 3 → 5
    EXPECT_NEAR(prev[1]->w, cur[1]->w * 2, 1e-9);      // fail 4 → 2
    EXPECT_TRUE(has_text(d, "Đã khắc phục / Fixed"));
    const auto* fixed = rect_of(d, "#1a7f37");
    ASSERT_NE(fixed, nullptr);
    EXPECT_NEAR(fixed->w, prev[1]->w * 3 / 4, 1e-9);
}

TEST(TrendChart, NoPreviousAuditIsANote) {
    ModelFixture f;
    const ChartDrawing d = trend_chart(f.model);
    EXPECT_TRUE(has_text(d, "No previous audit to compare with."));
}

TEST(SvgChart, SelfContainedAndEscaped) {
    ChartDrawing d;
    d.id = "x\"y";
    d.width = 100;
    d.height = 50;
    d.description = "<script>alert(1)</script>";
    d.rects.push_back({1.5, 2, 30.25, 4, "#123456"});
    d.texts.push_back({10, 20, "a < b & \"c\"", 8, TextAnchor::End, "#000000", true});
    const std::string svg = to_svg(d);
    EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
    EXPECT_NE(svg.find("viewBox=\"0 0 100 50\""), std::string::npos);
    EXPECT_NE(svg.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"), std::string::npos);
    EXPECT_NE(svg.find("<rect x=\"1.5\" y=\"2\" width=\"30.25\" height=\"4\" fill=\"#123456\"/>"), std::string::npos);
    EXPECT_NE(svg.find("text-anchor=\"end\""), std::string::npos);
    EXPECT_NE(svg.find(">a &lt; b &amp; &quot;c&quot;</text>"), std::string::npos);
    EXPECT_NE(svg.find("data-chart=\"x&quot;y\""), std::string::npos);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("href"), std::string::npos);
    EXPECT_EQ(svg.find("http"), std::string::npos);
}

}  // namespace
}  // namespace vca::report
