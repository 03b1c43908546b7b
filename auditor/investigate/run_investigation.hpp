// `vcaudit investigate`: the audit pipeline run as is (inputs hashed, facts
// stored, rules, reports, custody ledger), with the investigation's files
// added to the staging folder before the manifest is signed, so they are
// sealed and recorded like every other output.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "auditor/core/result.hpp"
#include "auditor/investigate/investigation_outputs.hpp"
#include "auditor/pipeline/audit.hpp"

namespace vca::investigate {

struct InvestigateOptions {
    pipeline::AuditOptions audit;          // inputs, site, output folder, signing
    std::optional<std::string> from, to;   // --from / --to: ISO 8601 with zone, or Unix seconds
    double after_meeting_minutes = kDefaultAfterMeetingMinutes;
};

struct InvestigateOutcome {
    pipeline::AuditOutcome audit;
    InvestigationSummary summary;
};

// The security level only matters to the audit part of the folder; when
// neither --level nor the site gives one, level 1 is used and the log says so.
core::Result<InvestigateOutcome> run_investigation(InvestigateOptions options, std::ostream& log);

}  // namespace vca::investigate
