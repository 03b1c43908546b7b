// The evidence extract: exactly the packets of the flows an investigation
// names, copied unchanged from the input captures into evidence-extract.pcap
// (one file per link type when the inputs differ), so the investigator can
// hand over the few conversations that matter instead of the whole capture.
//
// A packet belongs to a flow when its transport 5-tuple is the flow row's
// (either direction) and its time lies within the row's first_ts..last_ts
// and the investigation window. Every fragment of a datagram that belongs to
// a flow is copied too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/investigate/exfiltration.hpp"
#include "auditor/investigate/time_window.hpp"

namespace vca::investigate {

inline constexpr const char* kExtractFile = "evidence-extract.pcap";

// Fragment frames remembered while waiting for a datagram's first piece
// (which holds the ports); past this, unmatched fragments are not copied.
inline constexpr std::size_t kMaxTrackedFragmentFrames = 1'000'000;

struct CaptureSource {
    std::int64_t input_id = 0;
    std::string given;           // as on the command line
    std::filesystem::path file;  // what to read again
};

struct ExtractFile {
    std::string name;  // inside the output folder
    int linktype = 0;
    std::string linktype_name;
    std::int64_t packets = 0;
    std::vector<std::int64_t> input_ids;
};

struct ExtractResult {
    std::vector<ExtractFile> files;
    std::map<std::int64_t, std::int64_t> packets_per_flow;  // flow_id → packets copied
    std::int64_t fragments_untracked = 0;                   // fragments past kMaxTrackedFragmentFrames
};

// Writes the extract file(s) into `dir`. No captures: no file.
core::Result<ExtractResult> write_evidence_extract(const std::filesystem::path& dir,
                                                   const std::vector<CaptureSource>& captures,
                                                   const std::vector<EvidenceFlow>& flows, const TimeWindow& window);

}  // namespace vca::investigate
