// Capture inputs: validated before anything is written, hashed and recorded
// before analysis, then read frame by frame into the traffic analyzer.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/store/evidence_store.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/traffic/traffic_analyzer.hpp"

namespace vca::pipeline {

class PhaseTimings;

struct CaptureInput {
    std::string given;                  // as on the command line ("-" for stdin)
    std::filesystem::path file;         // what is read (stdin is spooled to a file first)
    std::string sha256;
    std::int64_t size = 0;
    std::int64_t input_id = 0;
    probes::capture::PcapReader reader;
};

// Opens every capture read-only and checks its format and link type, so a
// bad input stops the run before any output exists. "-" is first copied from
// standard input into `spool_dir`.
core::Result<std::vector<CaptureInput>> open_captures(const std::vector<std::string>& paths,
                                                      const std::filesystem::path& spool_dir);

// Hashes the input, records it in the store (before analysis), analyses
// every frame, completes its row and checks the file did not change meanwhile.
// `timings` (optional) gets the hashing and the analysis as two stages.
core::Status analyse_capture(CaptureInput& input, store::EvidenceStore& store,
                             probes::traffic::TrafficAnalyzer& analyzer, std::ostream& log,
                             PhaseTimings* timings = nullptr);

}  // namespace vca::pipeline
