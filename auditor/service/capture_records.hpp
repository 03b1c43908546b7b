// What the live capture writes about itself into the evidence store: one
// `inputs` row per closed pcap file, its coverage gaps as anomalies
// (packets dropped by the kernel or interface, files cut by a crash), and
// one `capture_sessions` row per start of the capture.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auditor/core/result.hpp"
#include "auditor/facts/rows.hpp"
#include "auditor/pipeline/custody_ledger.hpp"
#include "auditor/service/clock_state.hpp"
#include "auditor/store/evidence_store.hpp"
#include "probes/capture/live_source.hpp"
#include "probes/capture/rotating_writer.hpp"

namespace vca::service {

// The capture a file came from: what a custody entry says about it.
struct CaptureContext {
    std::filesystem::path dir;  // the capture folder; recorded paths are relative to it
    std::string iface, filter, linktype;
    std::string started_by;  // user who started the capture (before the privilege drop), and host
    std::string run_as;      // user the capture runs as
    std::string host;
    ClockState clock;
    pipeline::CustodyLedger* ledger = nullptr;  // chained onto the store's ledger; one entry per closed file
};

// Records a pcap file that will not be written any more: an `inputs` row
// (kind pcap, path relative to the capture folder, SHA-256, size, frames,
// first/last packet time, complete = 0 for a file recovered after a crash),
// plus `capture_interrupted` for such a file and `capture_hash_failed` if it
// could not be hashed; then commits. The file's sequence is its input_id.
//
// Custody ledger hook: the entry for this file (action capture_file: who =
// ctx.started_by / ctx.run_as, interface and filter, host clock and
// ctx.clock.ntp_synchronised, file.sha256) belongs at the marked line in the
// definition, after the inputs row and before the commit.
core::Status record_closed_file(store::EvidenceStore& store, const probes::capture::ClosedFile& file,
                                const CaptureContext& ctx);

// Packets dropped since `last` (kernel buffer full + interface drops) as one
// `capture_dropped` anomaly whose count is that number; nothing if none.
// `last` is then moved to `now`.
void record_drops(store::EvidenceStore& store, std::int64_t input_id, std::optional<double> ts,
                  const probes::capture::CaptureStats& now, probes::capture::CaptureStats& last);

// The `capture_sessions` row of one entry of capture-session.json. The
// store is append-only, so the row is written once the session's end is
// known: state "stopped" gives clean_stop = 1 and ended; "failed" gives
// clean_stop = 0 and ended; "running" or "interrupted" (the process died)
// gives clean_stop = 0 and ended NULL. Counters that libpcap could not give
// are NULL. Nothing for an entry without a session_id (written by an older
// vcaudit) or with fields of the wrong type (the file is editable by hand).
std::optional<facts::CaptureSessionRow> capture_session_row(const nlohmann::json& session);

}  // namespace vca::service
