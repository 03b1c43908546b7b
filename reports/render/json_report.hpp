// report.json: the canonical report. Keys sorted, UTF-8, two-space indent,
// so the same model always gives the same bytes.
#pragma once

#include <ostream>
#include <string>

#include "reports/model/report_model.hpp"

namespace vca::report {

inline constexpr const char* kReportFormat = "vcaudit-report/2";

// Streams the report into `out` (the bytes render_json gives).
void write_json(const ReportModel& model, std::ostream& out);
std::string render_json(const ReportModel& model);

}  // namespace vca::report
