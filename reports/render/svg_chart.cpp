#include "reports/render/svg_chart.hpp"

#include <cstdio>

#include "reports/render/text_escape.hpp"

namespace vca::report {
namespace {

// Fixed notation with at most two decimals: same bytes for the same drawing.
std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

const char* anchor_name(TextAnchor a) {
    switch (a) {
        case TextAnchor::Middle: return "middle";
        case TextAnchor::End: return "end";
        default: return "start";
    }
}

}  // namespace

std::string to_svg(const ChartDrawing& d) {
    std::string s = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + num(d.width) + " " + num(d.height) +
                    "\" width=\"" + num(d.width) + "\" height=\"" + num(d.height) + "\" data-chart=\"" +
                    markup_escape(d.id) + "\" font-family=\"DejaVu Sans, Noto Sans, Arial, sans-serif\">\n";
    s += "<title>" + markup_escape(d.description) + "</title>\n";
    for (const auto& r : d.rects)
        s += "<rect x=\"" + num(r.x) + "\" y=\"" + num(r.y) + "\" width=\"" + num(r.w) + "\" height=\"" + num(r.h) +
             "\" fill=\"" + markup_escape(r.fill) + "\"/>\n";
    for (const auto& l : d.lines)
        s += "<line x1=\"" + num(l.x1) + "\" y1=\"" + num(l.y1) + "\" x2=\"" + num(l.x2) + "\" y2=\"" + num(l.y2) +
             "\" stroke=\"" + markup_escape(l.stroke) + "\"/>\n";
    for (const auto& t : d.texts)
        s += "<text x=\"" + num(t.x) + "\" y=\"" + num(t.y) + "\" font-size=\"" + num(t.size) + "\" text-anchor=\"" +
             anchor_name(t.anchor) + "\" fill=\"" + markup_escape(t.fill) + "\"" +
             (t.bold ? " font-weight=\"bold\"" : "") + ">" + markup_escape(t.text) + "</text>\n";
    s += "</svg>\n";
    return s;
}

}  // namespace vca::report
