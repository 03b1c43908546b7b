// The evaluation lines of `vcaudit status DIR`: the last evaluation (period,
// outcome, report folder, report.json SHA-256, coverage) from
// evaluations.jsonl, and what `vcaudit serve` has due next from
// serve-schedule.json.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace vca::service {

void print_evaluation_status(const std::filesystem::path& dir, std::ostream& out);

}  // namespace vca::service
