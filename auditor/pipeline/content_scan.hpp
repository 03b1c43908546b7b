// Content scanning of an audit (--yara, --files, --carve): the rules are
// compiled before anything is written; each object the traffic carries
// (probes/content) is hashed, recorded in content_objects, carved to
// OUT/carved/<sha256> when it is a file or a message body, and scanned with
// YARA; each file of a --files folder is recorded as an input, then scanned.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "auditor/pipeline/content_settings.hpp"
#include "auditor/pipeline/manifest.hpp"
#include "auditor/scan/scanner.hpp"
#include "auditor/scan/yara_rules.hpp"
#include "probes/content/content_object.hpp"

namespace vca::pipeline {

// The folder of the bundled YARA rules (rules/yara beside the rule packs).
std::filesystem::path bundled_yara_dir();

// The rule set to scan with: bundled (unless --no-bundled-yara) plus the
// user's files; nullptr when nothing is scanned. E501-E505 from auditor/scan
// (E504 also for a --files argument that is not a folder).
core::Result<std::shared_ptr<const scan::RuleSet>> compile_content_rules(const ContentScanSettings& settings);

// Carved objects: files and message bodies (HTTP, FTP, SIP), not raw streams.
bool carved_scope(std::string_view scope);

class ContentScan final : public probes::content::ContentObserver {
public:
    // `out_dir`: the (staging) output folder; carved files go to out_dir/carved.
    // E505 when a scanner cannot be created.
    static core::Result<std::unique_ptr<ContentScan>> create(facts::FactSink& sink,
                                                             std::shared_ptr<const scan::RuleSet> rules,
                                                             std::filesystem::path out_dir);

    void on_object(const probes::content::ContentObject& object) override;

    // --files: every file of each folder becomes an input (kind "file",
    // hashed and recorded first), a content_objects row (scope "file") and
    // its matches. Input ids continue from `next_id`.
    core::Status scan_folders(const std::vector<std::filesystem::path>& folders, std::int64_t& next_id,
                              std::vector<ManifestInput>& manifest_inputs);

    // Every YARA rule file applied becomes an input (kind "yara_rules", hashed):
    // the rules a match or a clean result rests on are evidence too.
    core::Status record_rules(const scan::RuleSet& rules, std::int64_t& next_id,
                              std::vector<ManifestInput>& manifest_inputs);

    // Files written (relative to out_dir), for the signed manifest.
    [[nodiscard]] const std::vector<std::string>& outputs() const { return outputs_; }
    // The first error met while carving (a full disk): the run must stop.
    [[nodiscard]] core::Status status() const;
    [[nodiscard]] std::int64_t objects() const { return objects_; }

private:
    ContentScan(facts::FactSink& sink, std::optional<scan::Scanner> scanner, std::filesystem::path out_dir);
    std::optional<std::string> carve(const probes::content::ContentObject& object, const std::string& sha256);

    facts::FactSink& sink_;
    std::optional<scan::Scanner> scanner_;
    std::filesystem::path out_dir_;
    std::set<std::string> carved_;  // hashes already written
    std::vector<std::string> outputs_;
    std::optional<core::Diagnostic> error_;
    std::int64_t objects_ = 0;
};

}  // namespace vca::pipeline
