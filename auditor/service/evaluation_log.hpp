// evaluations.jsonl in the evidence folder: one JSON object per evaluation
// (when, which period, which files, which report folder, how the audit
// ended, the SHA-256 of its report.json, how much of the period the evidence
// covers). Appended, never rewritten; `vcaudit status` and the scheduler read it.
//
// Not a custody entry in evidence.db: the running capture owns that ledger's
// head, and a second writer would fork the chain.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auditor/core/result.hpp"

namespace vca::service {

inline constexpr const char* kEvaluationLogFile = "evaluations.jsonl";
// Only the end of the log is read back: enough for months of daily runs,
// bounded however long the service has run.
inline constexpr std::size_t kEvaluationLogTailBytes = 4 * 1024 * 1024;

// Appends one line (a single write on an O_APPEND descriptor, mode 0640).
core::Status append_evaluation(const std::filesystem::path& dir, const nlohmann::json& record);

// The records in the log's last kEvaluationLogTailBytes, oldest first;
// unreadable lines are skipped. A missing log is empty.
std::vector<nlohmann::json> read_evaluations(const std::filesystem::path& dir);

// Newest record of `kind` (any outcome), if any.
std::optional<nlohmann::json> last_evaluation_of(const std::vector<nlohmann::json>& records, const std::string& kind);

// Newest record of `kind` that wrote a report folder that still exists:
// the --previous of the next report of that kind.
std::optional<std::filesystem::path> previous_report_of(const std::vector<nlohmann::json>& records,
                                                        const std::string& kind, const std::filesystem::path& dir);

// End (Unix time) of the newest `kind` period that was evaluated after it had ended.
std::optional<double> last_finished_period_end(const std::vector<nlohmann::json>& records, const std::string& kind);

// Start time (Unix) of the newest record of `kind`.
std::optional<double> last_run_started(const std::vector<nlohmann::json>& records, const std::string& kind);

}  // namespace vca::service
