#include "reports/render/html_report.hpp"

#include <cstdio>

#include "reports/render/report_css.hpp"
#include "reports/render/report_document.hpp"
#include "reports/render/svg_chart.hpp"
#include "reports/render/text_escape.hpp"

namespace vca::report {
namespace {

// Class names come from fixed keys, never from the model's text.
std::string css_key(std::string_view key) {
    std::string out;
    for (char c : key)
        if ((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9')) out += c;
    return out;
}

std::string rich(const doc::Rich& text) {
    std::string h;
    for (const auto& s : text) {
        const std::string t = html_escape(s.text);
        switch (s.style) {
            case doc::Style::Plain: h += t; break;
            case doc::Style::English: h += "<span class=\"en\">" + t + "</span>"; break;
            case doc::Style::Strong: h += "<b>" + t + "</b>"; break;
            case doc::Style::Italic: h += "<i>" + t + "</i>"; break;
            case doc::Style::Code: h += "<code>" + t + "</code>"; break;
            case doc::Style::Status: h += "<span class=\"status " + css_key(s.tag) + "\">" + t + "</span>"; break;
            case doc::Style::Severity: h += "<span class=\"sev sev-" + css_key(s.tag) + "\">" + t + "</span>"; break;
            case doc::Style::Break: h += "<br>"; break;
        }
    }
    return h;
}

const char* box_class(doc::Box b) {
    switch (b) {
        case doc::Box::VerdictPass: return "verdict pass";
        case doc::Box::VerdictFail: return "verdict fail";
        case doc::Box::VerdictIncomplete: return "verdict incomplete";
        case doc::Box::Demo: return "demo";
        case doc::Box::Note: return "note";
        default: return "";
    }
}

void table(const doc::Table& t, std::string& h) {
    const bool key_value = t.header.empty();
    h += key_value ? "<table class=\"meta\">" : "<table class=\"grid\">";
    double total = 0;
    for (double w : t.widths) total += w;
    if (total > 0) {
        h += "<colgroup>";
        for (double w : t.widths) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "<col style=\"width:%.1f%%\">", 100.0 * w / total);
            h += buf;
        }
        h += "</colgroup>";
    }
    h += "\n";
    if (!key_value) {
        // A thead repeats on every printed page.
        h += "<thead><tr>";
        for (const auto& c : t.header) h += "<th>" + rich(c) + "</th>";
        h += "</tr></thead>\n";
    }
    h += "<tbody>\n";
    for (const auto& row : t.rows) {
        h += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
            h += (key_value && i == 0 ? "<th>" : "<td>") + rich(row[i]) + (key_value && i == 0 ? "</th>" : "</td>");
        h += "</tr>\n";
    }
    h += "</tbody></table>\n";
}

struct BlockWriter {
    std::string& h;
    void operator()(const doc::Heading& b) const {
        const std::string tag = "h" + std::to_string(b.level < 1 ? 1 : b.level > 3 ? 3 : b.level);
        h += "<" + tag + ">" + rich(b.text) + "</" + tag + ">\n";
    }
    void operator()(const doc::Paragraph& b) const {
        std::string cls = box_class(b.box);
        if (b.small) cls += cls.empty() ? "small" : " small";
        h += (cls.empty() ? std::string("<p>") : "<p class=\"" + cls + "\">") + rich(b.text) + "</p>\n";
    }
    void operator()(const doc::List& b) const {
        h += "<ol class=\"fix\">\n";
        for (const auto& item : b.items) h += "<li>" + rich(item) + "</li>\n";
        h += "</ol>\n";
    }
    void operator()(const doc::Table& b) const { table(b, h); }
    void operator()(const doc::Chart& b) const { h += "<figure class=\"chart\">\n" + to_svg(b.drawing) + "</figure>\n"; }
    void operator()(const doc::PageBreak&) const { h += "<div class=\"page-break\"></div>\n"; }
};

}  // namespace

std::string html_escape(std::string_view text) { return markup_escape(text); }

std::string render_html(const ReportModel& m) {
    const doc::Document d = doc::build_document(m);
    std::string h;
    h.reserve(128 * 1024);
    h += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + html_escape(d.title) + "</title>\n<style>\n";
    h += kReportCss;
    h += "</style>\n</head>\n<body>\n<main>\n";
    for (const auto& b : d.blocks) std::visit(BlockWriter{h}, b);
    h += "</main>\n</body>\n</html>\n";
    return h;
}

}  // namespace vca::report
