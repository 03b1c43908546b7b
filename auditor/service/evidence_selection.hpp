// Which capture files an evaluation audits: the closed ones (recorded in
// evidence.db by the capture when it closed them; never the file being
// written) whose packets fall in the period, and how much of the period
// that evidence covers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auditor/core/result.hpp"
#include "auditor/service/evaluation_calendar.hpp"

namespace vca::service {

// A file's packets may predate the wall time in its name by the time they
// waited in the kernel buffer: names are only trusted to this margin when
// files are skipped without being read.
inline constexpr double kFileNameClockSlackSeconds = 300;
// Evidence that starts or ends this close to the period's edges counts as
// covering it (packets are seldom exactly on the boundary).
inline constexpr double kCoverageSlackSeconds = 60;

struct EvidenceFile {
    std::string path;  // relative to the evidence folder, as in the inputs table
    std::filesystem::path file;
    std::string sha256;
    std::int64_t packets = 0;
    double first_ts = 0, last_ts = 0;
};

struct Coverage {
    double period_from = 0, period_to = 0;
    std::optional<double> evidence_first, evidence_last;  // over the selected files
    double covered_seconds = 0;  // seconds of the period inside [evidence_first, evidence_last]
    bool partial = true;
    std::string note;  // one sentence for the record and the status line
    [[nodiscard]] nlohmann::json to_json() const;
};

struct EvidenceSelection {
    std::vector<EvidenceFile> files;  // by time
    Coverage coverage;
    std::int64_t unreadable = 0;  // recorded files that could not be hashed or read (listed in problems)
    std::vector<std::string> problems;
};

// Pure: what `files` (already within the period) cover of `period`.
Coverage measure_coverage(const EvaluationPeriod& period, const std::vector<EvidenceFile>& files);

// E166 if `dir` holds no evidence.db. Reads only closed, recorded files.
core::Result<EvidenceSelection> select_evidence(const std::filesystem::path& dir, const EvaluationPeriod& period);

}  // namespace vca::service
