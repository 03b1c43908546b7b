// Runs a rule's cases: facts in (a small YAML fixture) → expected status out.
// Used by the test suite and by `vcaudit rules test`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/engine/rule.hpp"

namespace vca::engine {

struct CaseOutcome {
    std::filesystem::path file;
    std::string expected_status, actual_status;
    long expected_violations = -1;  // -1: not stated
    long actual_violations = 0;
    bool passed = false;
    std::string message;
};

// Runs one case file against `rule`. Control-plane errors (bad fixture) are Diagnostics.
core::Result<CaseOutcome> run_case(const Rule& rule, const std::filesystem::path& case_file);

// Lint: a rule must have at least one pass and one fail case.
core::Status check_case_coverage(const Rule& rule);

}  // namespace vca::engine
