#include "reports/render/pango_text.hpp"

#include "reports/render/labels.hpp"
#include "reports/render/text_escape.hpp"

namespace vca::report::pdf {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Colours go into markup attributes: only a well-formed #rrggbb passes.
std::string safe_colour(std::string_view hex) {
    if (hex.size() != 7 || hex[0] != '#') return "#000000";
    for (std::size_t i = 1; i < 7; ++i)
        if (hex_digit(hex[i]) < 0) return "#000000";
    return std::string(hex);
}

}  // namespace

FontMapPtr make_font_map() { return FontMapPtr(pango_cairo_font_map_new()); }

ContextPtr make_context(PangoFontMap* fonts, cairo_t* cr) {
    ContextPtr ctx(pango_font_map_create_context(fonts));
    pango_cairo_update_context(cr, ctx.get());
    pango_cairo_context_set_resolution(ctx.get(), 72.0);
    cairo_font_options_t* opts = cairo_font_options_create();
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx.get(), opts);
    cairo_font_options_destroy(opts);
    return ctx;
}

LayoutPtr make_layout(PangoContext* ctx, const std::string& markup, const char* family, double size_pt,
                      double width_pt, bool bold) {
    LayoutPtr layout(pango_layout_new(ctx));
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, family);
    pango_font_description_set_size(font, static_cast<gint>(size_pt * PANGO_SCALE));
    if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    if (width_pt > 0) {
        pango_layout_set_width(layout.get(), static_cast<int>(width_pt * PANGO_SCALE));
        // Hashes and user agents have no spaces: break inside words when needed.
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        // Room between lines for Vietnamese stacked diacritics and the severity badges.
        pango_layout_set_line_spacing(layout.get(), 1.12F);
    }
    PangoAttrList* attrs = nullptr;
    char* plain = nullptr;
    if (pango_parse_markup(markup.c_str(), -1, 0, &attrs, &plain, nullptr, nullptr)) {
        pango_layout_set_text(layout.get(), plain, -1);
        // A hash broken across lines must not gain a hyphen that reads as part of it.
        pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
        pango_layout_set_attributes(layout.get(), attrs);
        pango_attr_list_unref(attrs);
        g_free(plain);
    } else {
        pango_layout_set_text(layout.get(), clean_text(markup).c_str(), -1);
        PangoAttrList* no_hyphens = pango_attr_list_new();
        pango_attr_list_insert(no_hyphens, pango_attr_insert_hyphens_new(FALSE));
        pango_layout_set_attributes(layout.get(), no_hyphens);
        pango_attr_list_unref(no_hyphens);
    }
    return layout;
}

std::string to_markup(const doc::Rich& text) {
    std::string m;
    for (const auto& s : text) {
        const std::string t = markup_escape(s.text);
        switch (s.style) {
            case doc::Style::Plain: m += t; break;
            case doc::Style::English: m += "<span foreground=\"#57606a\">" + t + "</span>"; break;
            case doc::Style::Strong: m += "<b>" + t + "</b>"; break;
            case doc::Style::Italic: m += "<i>" + t + "</i>"; break;
            case doc::Style::Code:
                m += "<span font_family=\"" + std::string(kMonoFamily) + "\" size=\"smaller\">" + t + "</span>";
                break;
            case doc::Style::Status:
                m += "<span weight=\"bold\" foreground=\"" + safe_colour(status_colour(s.tag)) + "\">" + t + "</span>";
                break;
            case doc::Style::Severity: {
                const std::string key(severity_label(s.tag).key);
                const bool dark = key == "critical" || key == "high";
                const std::string bg = key == "medium" ? "#fff1a8" : dark ? safe_colour(severity_colour(key)) : "#eaeef2";
                m += "<span background=\"" + bg + "\" foreground=\"" + (dark ? "#ffffff" : "#1b1f23") + "\"> " + t +
                     " </span>";
                break;
            }
            case doc::Style::Break: m += "\n"; break;
        }
    }
    return m;
}

Rgb parse_colour(std::string_view hex) {
    const std::string c = safe_colour(hex);
    auto byte = [&](std::size_t i) { return (hex_digit(c[i]) * 16 + hex_digit(c[i + 1])) / 255.0; };
    return {byte(1), byte(3), byte(5)};
}

void set_colour(cairo_t* cr, std::string_view hex) {
    const Rgb c = parse_colour(hex);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

double layout_height(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.height) / PANGO_SCALE;
}

double layout_width(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
}

}  // namespace vca::report::pdf
