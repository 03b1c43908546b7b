// One evaluation of an evidence folder: pick the closed capture files of a
// period, audit them in a child `vcaudit audit` into a new report folder
// named by kind and period (never overwriting one), compared with the
// previous report of the same kind, and append the record to evaluations.jsonl.
#pragma once

#include <csignal>
#include <filesystem>
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "auditor/core/result.hpp"
#include "auditor/service/evaluation_calendar.hpp"
#include "auditor/service/evaluation_settings.hpp"

namespace vca::service {

inline constexpr const char* kEvaluationLockFile = "evaluate.lock";
// Report folder names tried for one period: half-2026-H2, half-2026-H2-r2, ...
inline constexpr int kMaxReportNameAttempts = 1000;
// Files named one by one in the record; the report's signed manifest lists
// every one, and the record keeps the count and a digest of the full list.
inline constexpr std::size_t kMaxFilesListed = 2000;

struct EvaluationRequest {
    std::filesystem::path dir;      // evidence folder (capture --dir)
    std::filesystem::path reports;  // where report folders are created
    EvaluationPeriod period;
    std::string trigger;            // "schedule" or "on-demand"
    AuditSettings audit;
    bool wait_for_lock = true;      // false: E169 at once if another evaluation runs
    bool stdin_null = true;         // false: the audit may prompt for a passphrase
    const volatile std::sig_atomic_t* stop = nullptr;  // set by the caller's SIGTERM handler
};

// The record (also appended to the log). Errors only when the folder is not
// an evidence folder, the reports folder cannot be made or the log not
// written; an audit that failed or crashed is a record with its exit status.
core::Result<nlohmann::json> run_evaluation(const EvaluationRequest& request, std::ostream& log);

// "half-2026-H2", or with -rN the first name not taken under `reports`
// (a report folder or its log).
std::string free_report_name(const std::filesystem::path& reports, const std::string& base);

}  // namespace vca::service
