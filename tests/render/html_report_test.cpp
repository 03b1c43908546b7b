#include "reports/render/html_report.hpp"

#include <gtest/gtest.h>

#include "model_fixture.hpp"
#include "reports/render/report_document.hpp"
#include "reports/render/text_escape.hpp"

namespace vca::report {
namespace {

using test::kEvil;
using test::ModelFixture;

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

TEST(HtmlReport, LongFindingTextIsCutInTheTableOnly) {
    ModelFixture f;
    auto& a = f.assess(f.add_rule("VC-TLS-003", "high"), "fail", 30);
    a.findings[0].detail = std::string(2000, 'x') + "\xC3\xA1" + std::string(10, 'y');  // "á" straddles nothing
    a.findings[1].evidence = std::string(479, 'e') + "\xC3\xA1tail";  // the cut falls inside "á"
    const std::string html = render_html(f.model);
    EXPECT_EQ(html.find(std::string(481, 'x')), std::string::npos);
    EXPECT_NE(html.find(std::string(480, 'x') + " … (+1532 bytes in report.json)"), std::string::npos);
    // Never half a UTF-8 character: the cut moves back before "á".
    EXPECT_NE(html.find(std::string(479, 'e') + " … (+6 bytes in report.json)"), std::string::npos);
    // 25 example rows of the 30, and the count of the rest.
    EXPECT_NE(html.find("and 5 more in report.json"), std::string::npos);
}

TEST(HtmlReport, EscapesAttackerTextEverywhere) {
    ModelFixture f;
    auto& a = f.assess(f.add_rule("VC-SIP-001", "high"), "fail", 1);
    a.findings[0].subject = kEvil;                        // e.g. a SIP User-Agent
    a.findings[0].detail = "ua=\"><img src=x onerror=y>";
    a.findings[0].evidence = "</code><script>x</script>";
    a.findings[0].waiver = "<iframe>";
    f.model.anomalies.push_back({"sip_bad_header", 1, kEvil});
    f.model.inputs.push_back({1, "<b>x.pcap</b>", "pcap", std::string(64, 'f'), "pcap", "en10mb", 10, 1, true});
    f.model.site.name = "<svg onload=alert(1)>";
    f.model.run.signer_subject = kEvil;
    const std::string html = render_html(f.model);

    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("<iframe"), std::string::npos);
    EXPECT_EQ(html.find("<b>x.pcap"), std::string::npos);
    EXPECT_EQ(html.find("<svg onload"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("ua=&quot;&gt;&lt;img src=x onerror=y&gt;"), std::string::npos);
    EXPECT_NE(html.find("&lt;svg onload=alert(1)&gt;"), std::string::npos);
}

TEST(HtmlReport, InvalidUtf8AndControlCharactersBecomeReplacementCharacters) {
    EXPECT_EQ(html_escape("a\x01z"), "a\xEF\xBF\xBDz");
    EXPECT_EQ(html_escape("\xC3\x28"), "\xEF\xBF\xBD(");          // bad continuation byte
    EXPECT_EQ(html_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    EXPECT_EQ(html_escape("\xE0\x80\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
    EXPECT_EQ(html_escape("xã \xF0\x9F\x93\x9E\ttab\n"), "xã \xF0\x9F\x93\x9E\ttab\n");
    EXPECT_EQ(html_escape("\xF0\x9F\x93"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
    EXPECT_EQ(clean_text("\x7F"), "\xEF\xBF\xBD");
}

TEST(HtmlReport, VietnameseFirstPageThenAnnex) {
    ModelFixture f;
    f.assess(f.add_rule("VC-TLS-001", "critical"), "fail", 2);
    f.model.status_counts["fail"] = 1;
    const std::string html = render_html(f.model);
    EXPECT_NE(html.find("<html lang=\"vi\">"), std::string::npos);
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    const auto verdict = html.find("Kết luận: KHÔNG ĐẠT");
    const auto fix = html.find("Những việc cần khắc phục trước");
    const auto brk = html.find("class=\"page-break\"");
    const auto annex = html.find("Phụ lục kỹ thuật");
    ASSERT_NE(verdict, std::string::npos);
    ASSERT_NE(fix, std::string::npos);
    ASSERT_NE(brk, std::string::npos);
    ASSERT_NE(annex, std::string::npos);
    EXPECT_LT(verdict, fix);
    EXPECT_LT(fix, brk);
    EXPECT_LT(brk, annex);
    EXPECT_NE(html.find("Thông tư 12/2022/TT-BTTTT và TCVN 11930:2017"), std::string::npos);
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_NE(html.find("<thead>"), std::string::npos);  // repeated on printed pages
    EXPECT_EQ(count(html, "<svg"), 3u);
    EXPECT_EQ(html.find("http://"), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_NE(html.find(std::string(64, 'c')), std::string::npos);  // custody head

    f.model.site.regime = "current";
    const std::string current = render_html(f.model);
    EXPECT_NE(current.find("Nghị định 331/2026/NĐ-CP và TCVN 14423:2026"), std::string::npos);
}

TEST(HtmlReport, FixFirstListsTheFiveWorstFailedRulesWithRemediation) {
    ModelFixture f;
    // Added out of order; one advisory failure and one pass must not be listed.
    f.assess(f.add_rule("R-LOW", "low"), "fail", 1);
    f.assess(f.add_rule("R-MED-B", "medium"), "fail", 1);
    f.assess(f.add_rule("R-CRIT", "critical"), "fail", 1);
    f.assess(f.add_rule("R-INFO", "info"), "fail", 1);
    f.assess(f.add_rule("R-HIGH", "high"), "fail", 1);
    f.assess(f.add_rule("R-MED-A", "medium"), "fail", 1);
    f.assess(f.add_rule("R-PASS", "critical"), "pass", 0);
    f.assess(f.add_rule("R-ADV", "critical"), "fail", 1).advisory = true;
    const auto d = doc::build_document(f.model);
    const doc::List* list = nullptr;
    for (const auto& b : d.blocks)
        if (const auto* l = std::get_if<doc::List>(&b)) list = l;
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->items.size(), doc::kFixFirstCount);
    const char* expected[] = {"R-CRIT", "R-HIGH", "R-MED-A", "R-MED-B", "R-LOW"};
    for (std::size_t i = 0; i < doc::kFixFirstCount; ++i) {
        const std::string item = doc::plain_text(list->items[i]);
        EXPECT_NE(item.find(std::string("Tiêu đề ") + expected[i]), std::string::npos) << item;
        EXPECT_NE(item.find(std::string("Khắc phục ") + expected[i]), std::string::npos) << item;
        EXPECT_NE(item.find(std::string("Fix ") + expected[i]), std::string::npos) << item;
    }
}

TEST(HtmlReport, SaysWhenNoMeetingsAndNoPreviousAudit) {
    ModelFixture f;
    const std::string html = render_html(f.model);
    EXPECT_NE(html.find("Không thấy cuộc họp nào trong dữ liệu đầu vào."), std::string::npos);
    EXPECT_NE(html.find("No meetings seen in the inputs."), std::string::npos);
    EXPECT_NE(html.find("Không có lần kiểm tra trước để so sánh"), std::string::npos);
    EXPECT_NE(html.find("No previous audit to compare with"), std::string::npos);
}

TEST(HtmlReport, ShowsMeetingsAndTheComparison) {
    ModelFixture f;
    f.model.meetings.meetings = 4;
    f.model.meetings.protected_meetings = 1;
    f.model.meetings.unprotected_meetings = 3;
    f.model.meetings.total_duration_s = 3725;
    f.model.meetings.periods.push_back({"2026-10", 4, 1, 3725});
    f.model.diff.present = true;
    f.model.diff.previous_verdict = "fail";
    f.model.diff.entries.push_back({"VC-SIP-001", kEvil, "high", "new"});
    f.model.diff.counts = {{"new", 1}, {"fixed", 0}, {"persisting", 0}};
    const std::string html = render_html(f.model);
    EXPECT_NE(html.find("1:02:05"), std::string::npos);  // 3725 s
    EXPECT_NE(html.find("2026-10"), std::string::npos);
    EXPECT_EQ(html.find("No meetings seen"), std::string::npos);
    EXPECT_EQ(html.find("No previous audit to compare"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace vca::report
