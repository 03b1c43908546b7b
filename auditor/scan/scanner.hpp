// One YARA scanner per worker thread over a shared RuleSet: bytes in,
// matching rules out. Never throws; a scan that cannot finish says why.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/result.hpp"
#include "auditor/scan/scan_limits.hpp"
#include "auditor/scan/yara_rules.hpp"

struct YR_SCAN_CONTEXT;

namespace vca::scan {

struct Match {
    std::string rule;
    std::string ns;
    std::string tags;          // comma-joined, in the rule's order
    std::uint64_t offset = 0;  // first string match in the object; 0 for a condition-only rule
};

enum class ScanStatus {
    ok,
    timeout,              // stopped by the per-scan timeout; matches may be incomplete
    too_large_truncated,  // only the first max_bytes were scanned
    error,                // libyara failed (out of memory, ...): see ScanOutcome::error
};

// Stable snake_case name of a status ("ok", "timeout", ...).
std::string_view to_string(ScanStatus status);

struct ScanOutcome {
    std::vector<Match> matches;
    ScanStatus status = ScanStatus::ok;
    std::string error;  // libyara's reason when status == error
};

struct ScannerOptions {
    int timeout_seconds = limits::kDefaultScanTimeoutSeconds;  // at least 1 (libyara counts seconds)
    std::size_t max_bytes = limits::kMaxScanObjectBytes;
};

class Scanner {
public:
    // E505 when libyara cannot allocate the scanner.
    static core::Result<Scanner> create(std::shared_ptr<const RuleSet> rules, ScannerOptions options = {});

    Scanner(Scanner&& other) noexcept;
    Scanner& operator=(Scanner&& other) noexcept;
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;
    ~Scanner();

    ScanOutcome scan(core::Bytes data) noexcept;

    [[nodiscard]] const ScannerOptions& options() const { return options_; }
    [[nodiscard]] const RuleSet& rules() const { return *rules_; }

private:
    Scanner(std::shared_ptr<const RuleSet> rules, YR_SCAN_CONTEXT* handle, ScannerOptions options);
    ScanOutcome scan_bytes(core::Bytes data);
    std::shared_ptr<const RuleSet> rules_;  // keeps the compiled rules alive
    YR_SCAN_CONTEXT* handle_ = nullptr;
    ScannerOptions options_;
};

}  // namespace vca::scan
