// Compares this audit's open findings with a previous audit's, so the report
// says what is new, what was fixed and what persists.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "reports/model/report_model.hpp"

namespace vca::report {

// What the previous report.json said, reduced to what a comparison needs.
struct PreviousFinding {
    std::string rule_id, subject, severity;
};

struct PreviousAudit {
    std::string dir, started, verdict, manifest_sha256;
    std::map<std::string, int> status_counts;
    std::vector<PreviousFinding> open_findings;  // status fail
};

// A finding is identified by rule and subject. "fixed" needs the rule to have
// been judged again now (pass or fail); a rule that could not be assessed this
// time leaves its old findings "not_reassessed", never "fixed".
AuditDiff compare_with_previous(const PreviousAudit& previous, const ReportModel& current);

}  // namespace vca::report
