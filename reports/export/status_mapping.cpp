#include "reports/export/status_mapping.hpp"

namespace vca::report {

OscalStatus oscal_status(std::string_view status) {
    if (status == "pass") return {"satisfied", "pass"};
    // The requirement does not bind this system; nothing is left unmet.
    if (status == "not_applicable") return {"satisfied", "other"};
    if (status == "fail") return {"not-satisfied", "fail"};
    // waived (a violation with an accepted risk), not_assessed, manual, error.
    return {"not-satisfied", "other"};
}

OcsfEnum ocsf_compliance_status(std::string_view status, bool advisory) {
    if (status == "pass") return {1, "Pass"};
    if (status == "fail") return advisory ? OcsfEnum{2, "Warning"} : OcsfEnum{3, "Fail"};
    if (status == "waived") return {3, "Fail"};
    if (status == "not_applicable") return {99, "Not Applicable"};
    return {2, "Warning"};
}

OcsfEnum ocsf_finding_status(std::string_view status) {
    if (status == "pass" || status == "not_applicable") return {4, "Resolved"};
    if (status == "waived") return {3, "Suppressed"};
    return {1, "New"};
}

OcsfEnum ocsf_severity(std::string_view severity) {
    if (severity == "critical") return {5, "Critical"};
    if (severity == "high") return {4, "High"};
    if (severity == "medium") return {3, "Medium"};
    if (severity == "low") return {2, "Low"};
    if (severity == "info") return {1, "Informational"};
    return {0, "Unknown"};
}

}  // namespace vca::report
