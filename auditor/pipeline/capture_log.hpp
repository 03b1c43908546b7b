// --capture-dir: the live-capture folder the analysed pcap files came from.
// Its store knows what the files cannot: packets the capture lost while
// writing each file, and who captured, where, with which clock. The audit
// carries those facts for exactly the files it analyses (matched by SHA-256)
// into its own store, through a signed copy (inputs/capture-log.json).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/pipeline/capture_inputs.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::pipeline {

// DIR/evidence.db of a capture folder, checked before anything is written (E185).
core::Result<std::filesystem::path> capture_log_store(const std::filesystem::path& capture_dir);

// Imports, for the analysed captures: `capture_dropped` anomalies counted
// while each file was written, and the capture sessions that wrote them.
// Writes inputs/capture-log.json (what was imported) into the output folder,
// adds it to `outputs` (signed with the report: the live store itself keeps
// changing) and records it as an input of kind capture_log.
core::Status import_capture_log(const std::filesystem::path& log_store, const std::vector<CaptureInput>& captures,
                                const std::filesystem::path& staging_dir, std::int64_t& next_id,
                                store::EvidenceStore& store, std::vector<std::string>& outputs);

}  // namespace vca::pipeline
