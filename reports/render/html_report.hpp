// report.html: self-contained (inline CSS, no scripts, no external links),
// Vietnamese first with English. A plain verdict page for the commune official,
// then the technical annex for the inspector.
#pragma once

#include <string>

#include "reports/model/report_model.hpp"

namespace vca::report {

std::string render_html(const ReportModel& model);

// HTML-escapes text taken from captures or files.
std::string html_escape(std::string_view text);

}  // namespace vca::report
