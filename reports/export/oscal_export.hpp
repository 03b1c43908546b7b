// report.oscal.json: the audit as a NIST OSCAL 1.2.1 assessment-results
// document, for compliance tools. Mapping:
//   inputs    → back-matter resources with SHA-256 hashes, one observation each
//               (subject = the resource, relevant-evidence = its hash)
//   rule      → observation (method TEST / EXAMINE) + finding whose target is
//               objective-id <rule id>, with the level's clause as a target prop
//   violation → observation (type finding) naming the inputs its evidence cites
//   questionnaire item → observation (method INTERVIEW)
//   catalogue heading of the level → finding whose target is objective-id
//               <heading id>, related to the observations of its rules and item
//   report.json → back-matter resource with its SHA-256 (and a prop on the
//               result), which binds this export to the signed report.
// Status: pass → satisfied/pass; not_applicable → satisfied/other; fail →
// not-satisfied/fail; waived, not_assessed, manual, error → not-satisfied/other.
// vcaudit's own props use the namespace kOscalPropNs. Same model and binding
// give the same bytes: UUIDs are name-based, times come from model.run only.
#pragma once

#include <ostream>
#include <string>

#include "reports/export/export_binding.hpp"
#include "reports/model/report_model.hpp"

namespace vca::report {

inline constexpr const char* kOscalVersion = "1.2.1";
inline constexpr const char* kOscalPropNs = "https://vcaudit.vn/ns/oscal";

// Writes the document to `out` element by element: memory stays flat however
// many violations the model has. Check out's state afterwards for write errors.
void write_oscal(const ReportModel& model, const ExportBinding& binding, std::ostream& out);

// The same bytes as one string (tests, small models).
std::string render_oscal(const ReportModel& model, const ExportBinding& binding);

}  // namespace vca::report
