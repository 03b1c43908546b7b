// `vcaudit capture`: a long-running capture into one evidence folder.
// Opens the interface privileged, drops to an unprivileged user before the
// first packet is parsed, writes rotating pcap files and analyses the same
// packets with the offline TrafficAnalyzer into DIR/evidence.db (WAL). On
// SIGTERM/SIGINT: flows are flushed, the current file closed and recorded.
// Restarting on the same folder resumes it: nothing is overwritten, input
// ids continue, a file left open by a crash is recorded with complete = 0.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "auditor/core/result.hpp"
#include "probes/capture/live_source.hpp"
#include "probes/capture/rotating_writer.hpp"

namespace vca::service {

struct LiveCaptureOptions {
    std::string iface;
    std::string filter;
    std::filesystem::path dir;
    probes::capture::RotationPolicy rotation;
    std::size_t buffer_bytes = probes::capture::defaults::kBufferBytes;
    std::optional<std::string> user;  // default: vcaudit if it exists, else nobody
};

struct LiveCaptureSummary {
    std::int64_t packets = 0;
    std::int64_t files_closed = 0;
    std::int64_t files_recovered = 0;
    probes::capture::CaptureStats stats;
};

// Runs until SIGTERM or SIGINT. Errors before capturing starts (bad filter,
// interface, folder, user) come back before anything is written.
core::Result<LiveCaptureSummary> run_live_capture(const LiveCaptureOptions& options, std::ostream& log);

}  // namespace vca::service
