// The investigation timeline: one event per thing the facts show happening
// (a meeting, a party joining, a media stream, a file moving, a credential
// used, a relay granted, a TLS session leaving the site), each with words in
// Vietnamese and English and references back to the facts. Built only from
// SQL over the read-only store; sorted by time, then kind, then a stable key,
// so two runs over the same facts give the same timeline.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/investigate/scope.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::investigate {

struct TimelineEvent {
    double ts = 0;  // Unix seconds
    std::string kind;  // meeting_start, meeting_end, sip_invite, sip_answer, sip_bye, sip_cancel, h323_setup,
                       // h323_connect, h323_release, h323_channel, webrtc_dtls, media_stream, file_transfer, content_match,
                       // credential, turn_allocation, tls_external
    std::string summary_vi, summary_en;
    std::optional<std::int64_t> flow_id, input_id, frame;
    std::map<std::string, std::string> refs;  // fact references: table, call_id, ssrc, object_sha256...
    bool notable = false;  // leaves the allowed networks, in clear, or matched content
    std::string key;       // stable tie-breaker between events of the same time and kind
};

// Events inside scope.window, sorted.
core::Result<std::vector<TimelineEvent>> build_timeline(const store::QueryHandle& db, const InvestigationScope& scope);

// Sorts by (ts, kind, key): the timeline's one order.
void sort_events(std::vector<TimelineEvent>& events);

}  // namespace vca::investigate
