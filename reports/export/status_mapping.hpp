// How vcaudit's statuses and severities map onto the two export vocabularies.
// Absence of evidence is not compliance: not_assessed, manual and error never
// map to a satisfied or passing value.
#pragma once

#include <string_view>

namespace vca::report {

// OSCAL finding-target status: state is satisfied / not-satisfied, reason pass / fail / other.
struct OscalStatus {
    const char* state;
    const char* reason;
};
OscalStatus oscal_status(std::string_view status);

// An OCSF enum value and its caption (the sibling string attribute).
struct OcsfEnum {
    int id;
    const char* caption;
};

// compliance.status_id: Pass 1, Warning 2 (no result: not_assessed, manual,
// error, or an advisory-only failure), Fail 3 (fail, waived), Other 99 (not_applicable).
OcsfEnum ocsf_compliance_status(std::string_view status, bool advisory);

// Finding status_id: New 1 (open work), Suppressed 3 (waived), Resolved 4 (pass, not_applicable).
OcsfEnum ocsf_finding_status(std::string_view status);

// severity_id from a rule severity: critical 5, high 4, medium 3, low 2, info 1, else Unknown 0.
OcsfEnum ocsf_severity(std::string_view severity);

}  // namespace vca::report
