#include "reports/render/pdf_report.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <system_error>
#include <utility>
#include <vector>

#include "reports/render/codes.hpp"
#include "reports/render/pango_text.hpp"
#include "reports/render/pdf_chart.hpp"
#include "reports/render/report_document.hpp"
#include "reports/render/text_escape.hpp"

namespace vca::report {
namespace {

using pdf::LayoutPtr;

// Page geometry, in points.
constexpr double kMarginX = 42;
constexpr double kContentWidth = kA4WidthPt - 2 * kMarginX;
constexpr double kHeaderBaseline = 28;              // running header: the site's name
constexpr double kTop = 50;                         // body starts here
constexpr double kBottom = kA4HeightPt - 54;        // and ends here
constexpr double kFooterRule = kA4HeightPt - 44;
constexpr double kKeepWithNext = 90;                // room a heading needs below it
constexpr double kMinSplitRoom = 36;                // below this a row moves to the next page instead of splitting

// Text sizes.
constexpr double kBodySize = 9;
constexpr double kSmallSize = 8;
constexpr double kTableSize = 7.5;
constexpr double kVerdictSize = 10.5;

struct CellStyle {
    double pad_x = 0, pad_y = 0;
    const char* border = nullptr;  // cell borders
    const char* fill = nullptr;    // background
    const char* bar = nullptr;     // a 3 pt bar on the left edge
};

struct Column {
    double x = 0, w = 0;
};

// One cell being laid out: its wrapped text and the lines already drawn.
struct Cell {
    LayoutPtr layout;
    Column col;
    std::vector<std::pair<double, double>> lines;  // logical top and bottom of each line
    std::size_t next = 0;                          // first line not drawn yet
};

std::vector<std::pair<double, double>> line_ranges(PangoLayout* layout) {
    std::vector<std::pair<double, double>> out;
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
        int y0 = 0, y1 = 0;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        out.emplace_back(static_cast<double>(y0) / PANGO_SCALE, static_cast<double>(y1) / PANGO_SCALE);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return out;
}

bool done(const std::vector<Cell>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const Cell& c) { return c.next >= c.lines.size(); });
}

// Height of what is left to draw of the tallest cell.
double remaining(const std::vector<Cell>& cells) {
    double h = 0;
    for (const auto& c : cells)
        if (c.next < c.lines.size()) h = std::max(h, c.lines.back().second - c.lines[c.next].first);
    return h;
}

std::vector<Column> columns(const std::vector<double>& weights, std::size_t n, double left, double width) {
    std::vector<Column> cols;
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) total += i < weights.size() && weights[i] > 0 ? weights[i] : 1;
    double x = left;
    for (std::size_t i = 0; i < n; ++i) {
        const double w = width * (i < weights.size() && weights[i] > 0 ? weights[i] : 1) / total;
        cols.push_back({x, w});
        x += w;
    }
    return cols;
}

class Painter {
public:
    Painter(cairo_surface_t* surface, PangoFontMap* fonts, int total_pages, std::string sha256, std::string site)
        : cr_(cairo_create(surface)), total_(total_pages), sha_(std::move(sha256)), site_(std::move(site)) {
        ctx_ = pdf::make_context(fonts, cr_);
    }
    ~Painter() { cairo_destroy(cr_); }
    Painter(const Painter&) = delete;
    Painter& operator=(const Painter&) = delete;

    void paint(const doc::Document& d) {
        running_header();
        for (const auto& b : d.blocks) std::visit([this](const auto& block) { draw(block); }, b);
        footer();
        cairo_show_page(cr_);
    }
    [[nodiscard]] int pages() const { return page_; }
    [[nodiscard]] cairo_status_t status() const { return cairo_status(cr_); }

private:
    cairo_t* cr_;
    pdf::ContextPtr ctx_;
    int total_;
    std::string sha_, site_;
    int page_ = 1;
    double y_ = kTop;
    // The header of the table being drawn, repeated at the top of each page it spans.
    const doc::Table* table_ = nullptr;
    std::vector<Column> table_cols_;
    bool header_on_page_ = false;

    [[nodiscard]] bool at_top() const { return y_ <= kTop + 0.5; }

    LayoutPtr layout(const doc::Rich& text, double size, double width, bool bold = false) {
        return pdf::make_layout(ctx_.get(), pdf::to_markup(text), pdf::kSansFamily, size, width, bold);
    }

    void show(PangoLayout* l, double x, double y, const char* colour = "#1b1f23") {
        // The counting pass needs only where the text breaks, not its glyphs
        // in the (discarded) PDF: drawing is most of a pass's cost.
        if (total_ == 0) return;
        pdf::set_colour(cr_, colour);
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, l);
    }

    void running_header() {
        auto l = pdf::make_layout(ctx_.get(),
                                  markup_escape(site_) + " <span foreground=\"#8c959f\">· vcaudit</span>",
                                  pdf::kSansFamily, 7.5, kContentWidth);
        pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
        const double baseline = static_cast<double>(pango_layout_get_baseline(l.get())) / PANGO_SCALE;
        show(l.get(), kMarginX, kHeaderBaseline - baseline, "#57606a");
        rule(kHeaderBaseline + 6, "#d0d7de");
    }

    void footer() {
        rule(kFooterRule, "#d0d7de");
        const std::string total = total_ > 0 ? std::to_string(total_) : "?";
        const std::string n = std::to_string(page_);
        auto right = pdf::make_layout(ctx_.get(), "Trang " + n + "/" + total + " — Page " + n + "/" + total,
                                      pdf::kSansFamily, 7.5, 0);
        const double rw = pdf::layout_width(right.get());
        show(right.get(), kMarginX + kContentWidth - rw, kFooterRule + 6, "#1b1f23");
        auto left = pdf::make_layout(ctx_.get(),
                                     "report.json SHA-256: <span font_family=\"" + std::string(pdf::kMonoFamily) +
                                         "\">" + markup_escape(sha_) + "</span>",
                                     pdf::kSansFamily, 6.5, kContentWidth - rw - 12);
        show(left.get(), kMarginX, kFooterRule + 7, "#57606a");
    }

    void rule(double y, const char* colour, double width = 0.6) {
        pdf::set_colour(cr_, colour);
        cairo_set_line_width(cr_, width);
        cairo_move_to(cr_, kMarginX, y);
        cairo_line_to(cr_, kMarginX + kContentWidth, y);
        cairo_stroke(cr_);
    }

    void new_page() {
        footer();
        cairo_show_page(cr_);
        ++page_;
        y_ = kTop;
        header_on_page_ = false;
        running_header();
    }

    std::vector<Cell> make_cells(const std::vector<doc::Rich>& row, const std::vector<Column>& cols, double size,
                                 double pad_x, bool bold = false) {
        std::vector<Cell> cells;
        for (std::size_t i = 0; i < cols.size(); ++i) {
            Cell c;
            c.col = cols[i];
            static const doc::Rich kEmpty;
            c.layout = layout(i < row.size() ? row[i] : kEmpty, size, std::max(1.0, cols[i].w - 2 * pad_x), bold);
            c.lines = line_ranges(c.layout.get());
            cells.push_back(std::move(c));
        }
        return cells;
    }

    // Draws as much of each cell as fits above kBottom, starting at its next
    // line; returns whether any line was drawn.
    bool draw_cells(std::vector<Cell>& cells, const CellStyle& st) {
        const double avail = kBottom - y_ - 2 * st.pad_y;
        struct Chunk {
            double top = 0, height = 0;
            std::size_t end = 0;
        };
        std::vector<Chunk> chunks;
        double h = 0;
        bool progress = false;
        for (const auto& c : cells) {
            Chunk k;
            k.end = c.next;
            if (c.next < c.lines.size()) {
                k.top = c.lines[c.next].first;
                while (k.end < c.lines.size() && c.lines[k.end].second - k.top <= avail) ++k.end;
                if (k.end > c.next) k.height = c.lines[k.end - 1].second - k.top, progress = true;
            }
            h = std::max(h, k.height);
            chunks.push_back(k);
        }
        const double row_h = h + 2 * st.pad_y;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const auto& col = cells[i].col;
            if (st.fill) {
                pdf::set_colour(cr_, st.fill);
                cairo_rectangle(cr_, col.x, y_, col.w, row_h);
                cairo_fill(cr_);
            }
            if (st.bar && i == 0) {
                pdf::set_colour(cr_, st.bar);
                cairo_rectangle(cr_, col.x, y_, 3, row_h);
                cairo_fill(cr_);
            }
            if (chunks[i].end > cells[i].next) {
                cairo_save(cr_);
                cairo_rectangle(cr_, col.x, y_ + st.pad_y, col.w, chunks[i].height + 0.01);
                cairo_clip(cr_);
                show(cells[i].layout.get(), col.x + st.pad_x, y_ + st.pad_y - chunks[i].top);
                cairo_restore(cr_);
            }
            if (st.border) {
                pdf::set_colour(cr_, st.border);
                cairo_set_line_width(cr_, 0.5);
                cairo_rectangle(cr_, col.x, y_, col.w, row_h);
                cairo_stroke(cr_);
            }
            cells[i].next = chunks[i].end;
        }
        y_ += row_h;
        return progress;
    }

    static constexpr CellStyle kHeaderStyle{4, 3, "#d0d7de", "#f6f8fa", nullptr};

    double header_height() {
        if (!table_) return 0;
        auto cells = make_cells(table_->header, table_cols_, kTableSize, kHeaderStyle.pad_x, true);
        return remaining(cells) + 2 * kHeaderStyle.pad_y;
    }

    void draw_header() {
        auto cells = make_cells(table_->header, table_cols_, kTableSize, kHeaderStyle.pad_x, true);
        draw_cells(cells, kHeaderStyle);
        header_on_page_ = true;
    }

    // Lays the cells out from y_. A table row that does not fit moves to the
    // next page whole when it can (keep_together); text flows on across the
    // page break, and so does a row taller than a page.
    void flow(std::vector<Cell> cells, const CellStyle& st, bool keep_together) {
        const double head = table_ ? header_height() : 0;
        while (!done(cells)) {
            const double need = remaining(cells) + 2 * st.pad_y;
            const double head_now = table_ && !header_on_page_ ? head : 0;
            if (y_ + head_now + need <= kBottom) {
                if (head_now > 0) draw_header();
                draw_cells(cells, st);
                return;
            }
            const bool move_whole = keep_together && head + need <= kBottom - kTop;
            if (!at_top() && (move_whole || kBottom - y_ - head_now < kMinSplitRoom)) {
                new_page();
                continue;
            }
            if (head_now > 0) draw_header();
            if (!draw_cells(cells, st)) {
                // Not even one line fits on an empty page: drop the rest rather than loop.
                if (at_top() || y_ <= kTop + head + 2 * st.pad_y + 0.5) break;
            }
            if (!done(cells)) new_page();
        }
    }

    void draw(const doc::Heading& h) {
        const double size = h.level <= 1 ? 15 : h.level == 2 ? 11.5 : 9.5;
        const double before = h.level <= 1 ? 4 : h.level == 2 ? 12 : 8;
        auto l = layout(h.text, size, kContentWidth, true);
        const double height = pdf::layout_height(l.get());
        if (!at_top()) y_ += before;
        if (y_ + height + kKeepWithNext > kBottom && !at_top()) new_page();
        show(l.get(), kMarginX, y_);
        y_ += height + 2;
        if (h.level == 2) {
            rule(y_ + 1, "#d0d7de", 1.2);
            y_ += 4;
        }
        y_ += 3;
    }

    void draw(const doc::Paragraph& p) {
        CellStyle st;
        double size = p.small ? kSmallSize : kBodySize;
        switch (p.box) {
            case doc::Box::VerdictPass: st = {10, 8, "#1a7f37", "#dafbe1", nullptr}; size = kVerdictSize; break;
            case doc::Box::VerdictFail: st = {10, 8, "#cf222e", "#ffebe9", nullptr}; size = kVerdictSize; break;
            case doc::Box::VerdictIncomplete: st = {10, 8, "#9a6700", "#fff8c5", nullptr}; size = kVerdictSize; break;
            case doc::Box::Demo: st = {8, 5, "#cf222e", "#ffebe9", nullptr}; break;
            case doc::Box::Note: st = {8, 4, nullptr, "#f6f8fa", "#9a6700"}; break;
            case doc::Box::None: break;
        }
        table_ = nullptr;
        const std::vector<Column> cols{{kMarginX, kContentWidth}};
        y_ += p.box == doc::Box::None ? 2 : 5;
        flow(make_cells({p.text}, cols, size, st.pad_x), st, false);
        y_ += p.box == doc::Box::None ? 4 : 7;
    }

    void draw(const doc::List& list) {
        table_ = nullptr;
        const std::vector<Column> cols{{kMarginX, 18}, {kMarginX + 18, kContentWidth - 18}};
        const CellStyle st{1, 2, nullptr, nullptr, nullptr};
        for (std::size_t i = 0; i < list.items.size(); ++i) {
            const doc::Rich number{doc::Span{doc::Style::Strong, std::to_string(i + 1) + ".", {}}};
            flow(make_cells({number, list.items[i]}, cols, kBodySize, st.pad_x), st, false);
            y_ += 4;
        }
    }

    void draw(const doc::Table& t) {
        const bool key_value = t.header.empty();
        std::size_t n = t.header.size();
        for (const auto& r : t.rows) n = std::max(n, r.size());
        if (n == 0) return;
        table_cols_ = columns(t.widths, n, kMarginX, kContentWidth);
        table_ = key_value ? nullptr : &t;
        header_on_page_ = false;
        const CellStyle st = key_value ? CellStyle{3, 1.5, nullptr, nullptr, nullptr}
                                       : CellStyle{4, 3, "#d0d7de", nullptr, nullptr};
        const double size = key_value ? kBodySize - 0.5 : kTableSize;
        y_ += 3;
        for (const auto& row : t.rows) flow(make_cells(row, table_cols_, size, st.pad_x), st, true);
        table_ = nullptr;
        y_ += 6;
    }

    void draw(const doc::Chart& c) {
        const double scale = std::min(1.0, kContentWidth / std::max(1.0, c.drawing.width));
        const double h = c.drawing.height * scale;
        table_ = nullptr;
        if (y_ + h + 4 > kBottom && !at_top()) new_page();
        y_ += 4;
        pdf::paint_chart(cr_, ctx_.get(), c.drawing, kMarginX, y_, scale);
        y_ += h + 8;
    }

    void draw(const doc::PageBreak&) {
        if (!at_top()) new_page();
    }
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    if (closure) static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct Painted {
    int pages = 0;
    std::string bytes;
};

// One full layout pass. `total_pages` 0: count only (bytes are discarded).
core::Result<Painted> paint(const doc::Document& d, const ReportModel& m, PangoFontMap* fonts, const std::string& sha,
                            int total_pages) {
    Painted out;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
        append_bytes, total_pages > 0 ? &out.bytes : nullptr, kA4WidthPt, kA4HeightPt);
    // Dates from the run, not the clock: the same model gives the same bytes.
    if (!m.run.finished.empty()) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, m.run.finished.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, m.run.finished.c_str());
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, clean_text(d.title).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, ("vcaudit " + m.run.tool_version).c_str());
    cairo_status_t st = CAIRO_STATUS_SUCCESS;
    {
        Painter p(surface, fonts, total_pages, sha, m.site.name);
        p.paint(d);
        out.pages = p.pages();
        st = p.status();
    }
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS)
        return core::make_diag(codes::kPdfFailed, std::string("cannot draw report.pdf: ") + cairo_status_to_string(st),
                               "check that the fonts (fonts-dejavu-core) and cairo are installed");
    return out;
}

}  // namespace

core::Result<std::string> render_pdf(const ReportModel& model, const std::string& report_json_sha256) {
    const doc::Document d = doc::build_document(model);
    // "Page N/M" needs M: lay out once to count the pages, then draw for real.
    const pdf::FontMapPtr fonts = pdf::make_font_map();
    auto counted = paint(d, model, fonts.get(), report_json_sha256, 0);
    if (!counted) return counted.error();
    auto drawn = paint(d, model, fonts.get(), report_json_sha256, counted->pages);
    if (!drawn) return drawn.error();
    return std::move(drawn->bytes);
}

core::Status write_pdf(const ReportModel& model, const std::filesystem::path& out,
                       const std::string& report_json_sha256) {
    auto bytes = render_pdf(model, report_json_sha256);
    if (!bytes) return bytes.error();
    // "x": never overwrite; the report folder is written once.
    std::FILE* f = std::fopen(out.c_str(), "wbx");
    if (!f)
        return core::make_diag(codes::kCannotWriteReport,
                               "cannot create the PDF report: " + std::system_category().message(errno),
                               "choose an output folder that does not exist yet", out.string());
    const bool written = std::fwrite(bytes->data(), 1, bytes->size(), f) == bytes->size();
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed) {
        std::error_code ec;
        std::filesystem::remove(out, ec);
        return core::make_diag(codes::kCannotWriteReport, "cannot write the PDF report", "check the free disk space",
                               out.string());
    }
    return core::ok_status();
}

}  // namespace vca::report

// fontconfig (2.14) loses a few hundred bytes once while it parses its XML
// configuration, the first time pango asks for a font; nothing the report
// does can free them. fontconfig has no frame pointers, so LeakSanitizer's
// fast unwinder sees only fontconfig's own frames: blocks fontconfig itself
// allocated are not reported (cairo's, ours and everyone else's still are),
// so every binary that draws a PDF stays leak-checked.
#if defined(__SANITIZE_ADDRESS__)
#define VCA_LSAN_SUPPRESSIONS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VCA_LSAN_SUPPRESSIONS 1
#endif
#endif
#ifdef VCA_LSAN_SUPPRESSIONS
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
// Quietly: a run that drew a PDF would otherwise end with a suppression table on stderr.
extern "C" const char* __lsan_default_options();
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif
