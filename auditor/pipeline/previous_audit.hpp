// --previous DIR: the last audit of the same site, checked against its own
// signed manifest before anything in it is believed, then read for the diff.
#pragma once

#include <filesystem>

#include "auditor/core/result.hpp"
#include "auditor/pipeline/manifest.hpp"
#include "reports/model/audit_diff.hpp"

namespace vca::pipeline {

struct LoadedPrevious {
    report::PreviousAudit audit;
    ManifestInput report_json;  // recorded as an input of this audit (kind previous_report)
};

// E175 not a report folder, E176 its signature or report.json does not verify,
// E177 report.json unreadable as a vcaudit report.
core::Result<LoadedPrevious> load_previous_audit(const std::filesystem::path& dir);

}  // namespace vca::pipeline
