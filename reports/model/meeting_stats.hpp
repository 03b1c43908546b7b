// Meeting usage statistics for the 6-monthly and yearly reports, computed from
// the facts: which meetings ran, on what platform, how long, with whom, and
// whether their signalling and every media leg were protected.
#pragma once

#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/store/evidence_store.hpp"
#include "reports/model/report_model.hpp"

namespace vca::report {

// One meeting as the facts show it.
struct MeetingRow {
    std::string platform;  // SIP, SIP over TLS, H.323, WebRTC
    double start = 0, end = 0;
    std::string protection;  // protected, unprotected, unknown
    std::string caller, callee;  // addresses
};

// Every meeting seen. How each is found and judged is stated in meeting_stats.cpp.
core::Result<std::vector<MeetingRow>> list_meetings(const store::QueryHandle& db);

// Aggregates for the report; `allowed_networks` (CIDRs) split local from remote parties.
core::Result<MeetingStats> meeting_stats(const store::QueryHandle& db, const std::vector<std::string>& allowed_networks);

}  // namespace vca::report
