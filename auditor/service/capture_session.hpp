// The capture folder's sidecar files: capture-session.json (who captures
// what, where, since when, with which clock and counters; one entry per
// start, newest last) and capture.pid (the running process).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auditor/core/result.hpp"

namespace vca::service {

inline constexpr const char* kSessionFile = "capture-session.json";
inline constexpr const char* kPidFile = "capture.pid";
inline constexpr const char* kPcapSubdir = "pcap";
inline constexpr const char* kStoreFile = "evidence.db";
inline constexpr const char* kReportsSubdir = "reports";

// Reads the sidecar; an absent or unreadable file gives an empty document
// ({"sessions": []}), since a first start has none.
nlohmann::json read_session_file(const std::filesystem::path& dir);

// Replaces the sidecar atomically (temporary file renamed over it).
core::Status write_session_file(const std::filesystem::path& dir, const nlohmann::json& doc);

// Refuses to start when capture.pid names a live process; otherwise writes
// our pid (an old file from a crash is replaced).
core::Status claim_pid_file(const std::filesystem::path& dir);
void release_pid_file(const std::filesystem::path& dir);

// The pid in capture.pid if that process is alive (kill(pid, 0)).
std::optional<pid_t> running_capture_pid(const std::filesystem::path& dir);

std::string iso_utc(double unix_seconds);
double now_unix();

}  // namespace vca::service
