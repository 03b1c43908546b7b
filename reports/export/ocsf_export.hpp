// report.ocsf.jsonl: the audit as OCSF 1.8.0 Compliance Finding events
// (class_uid 2003, category Findings, activity Create), one JSON object per
// line, for a SIEM. Events, in this order per rule:
//   - one per rule assessment (pass, fail, waived, not_assessed, manual, error),
//     so the SIEM sees passes and gaps too, not only failures;
//   - one per violation row of that rule (affected resource = the subject);
// then one per catalogue heading of the level.
// compliance.status_id: Pass, Fail (fail, waived), Warning (not_assessed,
// manual, error, advisory-only failure), Other "Not Applicable". Event
// status_id: New (open), Suppressed (waived), Resolved (pass, not applicable).
// severity_id follows the rule severity; passes are Informational.
// finding_info.uid is stable across runs of the same site (site, rule,
// subject), so a SIEM can follow a finding from New to Resolved;
// metadata.uid is unique per event; metadata.correlation_uid is the
// report.json SHA-256, which binds every event to the signed report. The
// Vietnamese title and vcaudit's raw values are under unmapped.vcaudit.
#pragma once

#include <ostream>
#include <string>

#include "reports/export/export_binding.hpp"
#include "reports/model/report_model.hpp"

namespace vca::report {

// Must equal shared/schemas/ocsf/version.json (a test checks it).
inline constexpr const char* kOcsfVersion = "1.8.0";
inline constexpr int kOcsfCategoryFindings = 2;
inline constexpr int kOcsfClassComplianceFinding = 2003;
inline constexpr int kOcsfActivityCreate = 1;

// Writes the events to `out` one at a time: memory stays flat however many
// violations the model has. Check out's state afterwards for write errors.
void write_ocsf(const ReportModel& model, const ExportBinding& binding, std::ostream& out);

// The same bytes as one string (tests, small models).
std::string render_ocsf(const ReportModel& model, const ExportBinding& binding);

}  // namespace vca::report
