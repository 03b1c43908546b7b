// Paints a chart drawing with cairo: the same rectangles, lines and text
// the HTML report shows as SVG.
#pragma once

#include <pango/pangocairo.h>

#include "reports/render/chart.hpp"

namespace vca::report::pdf {

// Draws `drawing` with its top-left corner at (x, y), scaled by `scale`.
void paint_chart(cairo_t* cr, PangoContext* ctx, const ChartDrawing& drawing, double x, double y, double scale);

}  // namespace vca::report::pdf
