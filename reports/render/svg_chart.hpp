// A chart drawing as inline SVG: no script, no external reference, every
// text escaped. Inline in HTML5 it needs no namespace declaration.
#pragma once

#include <string>

#include "reports/render/chart.hpp"

namespace vca::report {

std::string to_svg(const ChartDrawing& drawing);

}  // namespace vca::report
