// Pango helpers for the PDF: document text as Pango markup (every model
// string escaped), layouts at 72 dpi so one unit is one PDF point, and colours.
#pragma once

#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>

#include "reports/render/report_document.hpp"

namespace vca::report::pdf {

struct GObjectUnref {
    void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using FontMapPtr = std::unique_ptr<PangoFontMap, GObjectUnref>;

inline constexpr const char* kSansFamily = "DejaVu Sans";
inline constexpr const char* kMonoFamily = "DejaVu Sans Mono";

// A font map of our own rather than the per-thread default, so everything
// pango and fontconfig cache for the report is released with it.
FontMapPtr make_font_map();

// A context for `cr` whose sizes are in points, without hinting, so the same
// text always measures the same.
ContextPtr make_context(PangoFontMap* fonts, cairo_t* cr);

// A wrapped layout of `markup` in `family` at `size_pt`, `width_pt` wide
// (0: no wrapping). Markup Pango cannot parse is shown as its plain text.
LayoutPtr make_layout(PangoContext* ctx, const std::string& markup, const char* family, double size_pt,
                      double width_pt, bool bold = false);

// Rich text as Pango markup; every span's text escaped.
std::string to_markup(const doc::Rich& text);

struct Rgb {
    double r = 0, g = 0, b = 0;
};
// "#rrggbb"; black for anything else.
Rgb parse_colour(std::string_view hex);
void set_colour(cairo_t* cr, std::string_view hex);

// Height of a layout in points.
double layout_height(PangoLayout* layout);
double layout_width(PangoLayout* layout);

}  // namespace vca::report::pdf
