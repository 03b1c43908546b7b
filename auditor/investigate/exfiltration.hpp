// Exfiltration paths: the ways meeting content may have left the site, each
// stated with the facts it rests on and the flows that carried it.
//
// Kinds (outside = not in the site's allowed_networks; without them every
// destination is listed and the report says so):
// - media_outside: an RTP stream from inside sent to an address outside;
// - turn_relay_outside: a TURN allocation whose relayed address is outside;
// - upload_outside: an upload (content_objects to_server, http_body or
//   ftp_file) to a host outside, during a meeting or within
//   scope.after_meeting_s after one ended;
// - recorder_third_party: a meeting whose media source also sent RTP to an
//   address that is a party of no call running at that time;
// - undeclared_device: a SIP INVITE/answer or H.323 Setup/Connect sent by a
//   device (inside the site) that the inventory (site_devices) does not list;
// - content_outside: a content match (YARA) in data sent to a host outside;
//   `classified` when the rule carries the classification tag.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auditor/core/result.hpp"
#include "auditor/investigate/scope.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::investigate {

struct ExfiltrationPath {
    std::string kind;
    std::string summary_vi, summary_en;
    double first_ts = 0, last_ts = 0;
    std::string destination;             // where the data went (address or address:port)
    std::vector<std::int64_t> flow_ids;  // ascending, distinct
    nlohmann::json facts = nlohmann::json::array();  // [{"table": ..., column: value...}]: what the path rests on
};

// A flow the evidence extract copies, and what named it.
struct EvidenceFlow {
    std::int64_t flow_id = 0, input_id = 0;
    std::string transport, src_ip;
    std::int64_t src_port = 0;
    std::string dst_ip;
    std::int64_t dst_port = 0;
    double first_ts = 0, last_ts = 0;
    std::int64_t packets = 0;
    std::vector<std::string> named_by;  // path kinds, and "content_match"
};

struct ExfiltrationReport {
    bool networks_declared = false;
    std::vector<std::string> allowed_networks;
    std::string outside_rule_vi, outside_rule_en;
    bool inventory_declared = false;
    double after_meeting_s = 0;
    std::vector<ExfiltrationPath> paths;       // sorted by time, kind, destination
    std::vector<EvidenceFlow> evidence_flows;  // by flow_id: every flow a path or a content match names
    std::vector<std::string> notes;            // what could not be judged, and why
};

// Paths whose activity overlaps scope.window.
core::Result<ExfiltrationReport> find_exfiltration(const store::QueryHandle& db, const InvestigationScope& scope);

}  // namespace vca::investigate
