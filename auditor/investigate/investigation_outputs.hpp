// Writes an investigation's files into an audit's staging folder, from the
// facts just stored: timeline.json, timeline.html, exfiltration.json and the
// evidence extract. Returns their names so the audit lists them in the signed
// manifest and records them in the custody ledger.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/investigate/scope.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::investigate {

struct InvestigationInputs {
    InvestigationScope scope;
    std::string site_name;
    std::vector<std::string> pcaps;  // as given on the command line, in order ("-" = standard input)
};

struct InvestigationSummary {
    std::size_t events = 0, paths = 0, evidence_flows = 0;
    std::int64_t extracted_packets = 0;
    std::vector<std::string> files;
};

// `dir` is the staging folder (captures read from standard input are spooled
// to dir/inputs/stdin.pcap).
core::Result<InvestigationSummary> write_investigation_outputs(const std::filesystem::path& dir,
                                                               const store::QueryHandle& db,
                                                               const InvestigationInputs& in);

}  // namespace vca::investigate
