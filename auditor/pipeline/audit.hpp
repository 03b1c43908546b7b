// One audit run, in order: check every input and setting, record and analyse
// the captures, evaluate the rules, write the reports, sign the manifest,
// then move the finished folder into place. The only code that knows the order.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/pipeline/content_settings.hpp"

namespace vca::store {
class QueryHandle;
}

namespace vca::pipeline {

struct AuditOptions {
    std::vector<std::string> pcaps;
    std::vector<std::filesystem::path> configs;  // --config FILE / --configs DIR
    std::optional<std::filesystem::path> site;
    std::optional<int> level;
    std::optional<std::string> regime;
    std::filesystem::path out;
    std::optional<std::filesystem::path> key, cert;
    std::optional<std::filesystem::path> key_pass_file;
    std::optional<std::filesystem::path> p12;            // --p12: key, cert and chain in one file
    std::optional<std::string> pkcs11_uri;               // --pkcs11-uri: key on a token
    std::optional<std::filesystem::path> pkcs11_module;  // --pkcs11-module (default: found at run time)
    std::optional<std::filesystem::path> pin_file;       // --pin-file: the token's user PIN
    std::optional<std::string> tsa_url;                  // --tsa-url: RFC 3161 timestamp authority
    std::optional<std::filesystem::path> attestations;  // overrides the site policy's
    std::optional<std::filesystem::path> previous;      // --previous DIR: compare with that audit
    std::optional<std::string> period;                  // --period FROM..TO: the span the report speaks for
    std::string period_label;                           // --period-label, e.g. "2026-H2"
    std::optional<std::filesystem::path> capture_dir;   // --capture-dir: the live-capture folder of the pcaps
    std::filesystem::path rules_dir;
    // --threads: cores for the rules and the report files (the analysis of
    // the captures is one thread); unset: the machine's, at most 4.
    std::optional<unsigned> threads;
    bool timings = false;  // --timings: one line per stage on the log (phase_timings.hpp)
    // Content scanning: --yara, --files, --no-bundled-yara, --carve (content_scan.hpp).
    ContentScanSettings content;
    // Hook for `vcaudit investigate`: called with the staging folder and the
    // finished facts after the reports are written and before the manifest is
    // signed; returns the files it wrote (relative names), which are then
    // listed in the manifest and recorded in the custody ledger as exports.
    std::function<core::Result<std::vector<std::string>>(const std::filesystem::path& staging_dir,
                                                         const store::QueryHandle& facts)>
        extra_outputs;
};

struct AuditOutcome {
    std::filesystem::path out;
    std::string verdict;  // pass, fail, incomplete
    int exit_code = 0;
    int failed_rules = 0, errored_rules = 0;
};

core::Result<AuditOutcome> run_audit(const AuditOptions& options, std::ostream& log);

}  // namespace vca::pipeline
