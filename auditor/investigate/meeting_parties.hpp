// Calls and who took part in them, as the signalling shows: for SIP every
// address that sent or received a message of the dialog and every address
// its SDP offered for media; for H.323 the Q.931 endpoints and the H.245
// address. Used to tell a meeting's own media from a copy sent elsewhere.
#pragma once

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::investigate {

// Media may trail the last signalling message by a little (BYE crosses the
// last RTP packets in flight).
inline constexpr double kMediaSlackSeconds = 5;

struct CallParties {
    std::string platform;  // SIP, H.323
    std::string call_id;
    double start = 0;
    double end = std::numeric_limits<double>::infinity();  // open when no BYE/CANCEL/Release Complete was seen
    std::set<std::string> parties;        // every address of its signalling and media description
    std::set<std::string> media_sources;  // addresses its SDP offered (all parties for H.323 or without SDP)
    std::set<std::int64_t> signalling_flows;

    [[nodiscard]] bool overlaps(double first, double last) const {
        return first <= end + kMediaSlackSeconds && last >= start;
    }
};

// Every SIP dialog with an INVITE and every H.323 call with a Setup, by start time.
core::Result<std::vector<CallParties>> calls_with_parties(const store::QueryHandle& db);

}  // namespace vca::investigate
