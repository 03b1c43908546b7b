// report.pdf: the same document as report.html (first part for the commune
// official, then the technical annex), laid out on A4 with cairo and pango.
// Tables wrap and continue across pages under a repeated header row; every
// page carries "Trang N/M — Page N/M" and the SHA-256 of report.json, the
// canonical report this PDF renders. Deterministic: the PDF dates come from
// model.run.finished, so the same model gives the same bytes.
#pragma once

#include <filesystem>
#include <string>

#include "auditor/core/result.hpp"
#include "reports/model/report_model.hpp"

namespace vca::report {

// A4 in PDF points (210 × 297 mm).
inline constexpr double kA4WidthPt = 595.276;
inline constexpr double kA4HeightPt = 841.89;

// The PDF's bytes. E502 when cairo reports an error.
core::Result<std::string> render_pdf(const ReportModel& model, const std::string& report_json_sha256);

// render_pdf, written to `out`, which must not exist yet (E501 otherwise).
core::Status write_pdf(const ReportModel& model, const std::filesystem::path& out,
                       const std::string& report_json_sha256);

}  // namespace vca::report
