#include "reports/render/pdf_report.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "auditor/core/temp_dir.hpp"
#include "model_fixture.hpp"
#include "reports/render/codes.hpp"
#include "reports/render/pango_text.hpp"

namespace vca::report {
namespace {

using test::kEvil;
using test::ModelFixture;

const std::string kSha(64, 'e');

// Page objects of a cairo PDF ("/Type /Page", not "/Type /Pages").
std::size_t page_count(const std::string& pdf) {
    static const std::regex page("/Type\\s*/Page[^s]");
    return static_cast<std::size_t>(
        std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

TEST(PdfReport, A4WithDatesFromTheRun) {
    ModelFixture f;
    f.assess(f.add_rule("VC-TLS-001", "critical"), "fail", 3);
    auto pdf = render_pdf(f.model, kSha);
    ASSERT_TRUE(pdf.ok()) << pdf.error().line();
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf->find("/MediaBox [ 0 0 595.276 841.89 ]"), std::string::npos);
    // cairo 1.16 writes the date without the "D:" prefix; later versions add it.
    EXPECT_TRUE(std::regex_search(*pdf, std::regex("/CreationDate \\((D:)?20261102090500")));
    EXPECT_GE(page_count(*pdf), 2u);  // the official's part, then the annex
}

TEST(PdfReport, SameModelSameBytes) {
    ModelFixture f;
    f.assess(f.add_rule("VC-TLS-001", "critical"), "fail", 3);
    auto a = render_pdf(f.model, kSha);
    auto b = render_pdf(f.model, kSha);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_TRUE(*a == *b) << "PDF bytes differ between two renderings of the same model";
    f.model.run.finished = "2026-11-03T00:00:00Z";
    auto c = render_pdf(f.model, kSha);
    ASSERT_TRUE(c.ok());
    EXPECT_NE(*a, *c);
}

TEST(PdfReport, LongTablesAndHostileTextBreakAcrossPages) {
    ModelFixture f;
    auto& a = f.assess(f.add_rule("VC-SIP-009", "high"), "fail", 150);
    a.findings[0].subject = kEvil;
    a.findings[1].subject = std::string(6000, 'A');  // one long word: the cell shows its start
    a.findings[2].detail = "bad \xC3\x28 utf8 \x01 & <b>markup</b>";
    // The annex shows a bounded number of rows per rule: length comes from many failing rules.
    for (const char* id : {"VC-SIP-010", "VC-SIP-011", "VC-SIP-012", "VC-SIP-013", "VC-SIP-014"})
        f.assess(f.add_rule(id, "medium"), "fail", 150);
    f.model.site.name = "<i>x</i> & y";
    auto small = render_pdf(ModelFixture{}.model, kSha);
    auto big = render_pdf(f.model, kSha);
    ASSERT_TRUE(small.ok() && big.ok()) << (big.ok() ? "" : big.error().line());
    EXPECT_GT(page_count(*big), page_count(*small) + 3);
}

TEST(PdfReport, MarkupEscapesEveryModelString) {
    doc::Rich r{{doc::Style::Plain, kEvil, {}}, {doc::Style::Status, "x</span><b>", "fail\"><i>"},
                {doc::Style::Code, "a&b", {}}, {doc::Style::Break, {}, {}}, {doc::Style::English, "\x02", {}}};
    const std::string markup = pdf::to_markup(r);
    PangoAttrList* attrs = nullptr;
    char* text = nullptr;
    ASSERT_TRUE(pango_parse_markup(markup.c_str(), -1, 0, &attrs, &text, nullptr, nullptr)) << markup;
    EXPECT_EQ(std::string(text), std::string(kEvil) + "x</span><b>a&b\n\xEF\xBF\xBD");
    pango_attr_list_unref(attrs);
    g_free(text);
}

TEST(PdfReport, WritePdfNeverOverwrites) {
    core::TempDir dir;
    ASSERT_TRUE(dir.ok());
    ModelFixture f;
    const auto out = dir.path() / "report.pdf";
    auto first = write_pdf(f.model, out, kSha);
    ASSERT_TRUE(first.ok()) << first.error().line();
    std::ifstream in(out, std::ios::binary);
    std::string head(5, '\0');
    in.read(head.data(), 5);
    EXPECT_EQ(head, "%PDF-");
    auto again = write_pdf(f.model, out, kSha);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, codes::kCannotWriteReport);
}

}  // namespace
}  // namespace vca::report
