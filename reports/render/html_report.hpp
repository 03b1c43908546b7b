// report.html: self-contained (inline CSS and SVG charts, no scripts, no
// external links), Vietnamese first with English, printable on A4. The same
// document as report.pdf (report_document.hpp): a plain first part for the
// commune official, then the technical annex for the inspector.
#pragma once

#include <string>

#include "reports/model/report_model.hpp"

namespace vca::report {

std::string render_html(const ReportModel& model);

// HTML-escapes text taken from captures or files (invalid UTF-8 and control
// characters become U+FFFD first).
std::string html_escape(std::string_view text);

}  // namespace vca::report
