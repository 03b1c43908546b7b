#include "reports/render/pdf_chart.hpp"

#include "reports/render/pango_text.hpp"
#include "reports/render/text_escape.hpp"

namespace vca::report::pdf {

void paint_chart(cairo_t* cr, PangoContext* ctx, const ChartDrawing& d, double x, double y, double scale) {
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, scale, scale);
    for (const auto& r : d.rects) {
        set_colour(cr, r.fill);
        cairo_rectangle(cr, r.x, r.y, r.w, r.h);
        cairo_fill(cr);
    }
    cairo_set_line_width(cr, 0.8);
    for (const auto& l : d.lines) {
        set_colour(cr, l.stroke);
        cairo_move_to(cr, l.x1, l.y1);
        cairo_line_to(cr, l.x2, l.y2);
        cairo_stroke(cr);
    }
    pango_cairo_update_context(cr, ctx);
    for (const auto& t : d.texts) {
        auto layout = make_layout(ctx, markup_escape(t.text), kSansFamily, t.size, 0, t.bold);
        const double w = layout_width(layout.get());
        const double baseline = static_cast<double>(pango_layout_get_baseline(layout.get())) / PANGO_SCALE;
        double left = t.x;
        if (t.anchor == TextAnchor::Middle) left -= w / 2;
        if (t.anchor == TextAnchor::End) left -= w;
        set_colour(cr, t.fill);
        cairo_move_to(cr, left, t.y - baseline);
        pango_cairo_show_layout(cr, layout.get());
    }
    cairo_restore(cr);
    pango_cairo_update_context(cr, ctx);  // back to the page's unscaled matrix
}

}  // namespace vca::report::pdf
