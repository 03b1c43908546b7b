// A YARA rule set compiled once: the bundled rules (rules/yara/*.yar,
// namespace "bundled") plus the user's files or folders (*.yar, *.yara;
// namespace = the file's stem). Shared read-only by every Scanner.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/scan/yara_runtime.hpp"

struct YR_RULES;

namespace vca::scan {

// Diagnostic codes (E5xx: content scanning).
inline constexpr const char* kErrRuleUnreadable = "E501";  // missing, unreadable, too large
inline constexpr const char* kErrRuleSyntax = "E502";      // libyara refused the rule text
inline constexpr const char* kErrNoRules = "E503";         // nothing to compile / no rule in it
inline constexpr const char* kErrFileTree = "E504";        // --files folder unusable
inline constexpr const char* kErrYaraRuntime = "E505";     // libyara could not start / allocate

inline constexpr const char* kBundledNamespace = "bundled";

struct RuleSetSpec {
    // Folder of the bundled rules (every *.yar directly in it); empty = none.
    std::filesystem::path bundled_dir;
    // --yara arguments: each a rule file or a folder of *.yar / *.yara files.
    std::vector<std::filesystem::path> user_paths;
};

// One compiled rule, as the report lists it.
struct RuleInfo {
    std::string name, ns, tags;  // tags comma-joined
    std::string description, description_vi, severity;  // meta; empty if absent
};

// One source file that went into the set.
struct RuleSource {
    std::filesystem::path path;
    std::string ns;
};

class RuleSet {
public:
    // E501 a path is missing, unreadable or too large; E502 a rule does not
    // compile ("file:line: message"); E503 no rule at all; E505 libyara.
    static core::Result<std::shared_ptr<const RuleSet>> compile(const RuleSetSpec& spec);

    ~RuleSet();
    RuleSet(const RuleSet&) = delete;
    RuleSet& operator=(const RuleSet&) = delete;

    [[nodiscard]] const std::vector<RuleInfo>& rules() const { return rules_; }
    [[nodiscard]] const std::vector<RuleSource>& sources() const { return sources_; }
    // Compiler warnings ("file:line: message"), e.g. a string that slows scanning.
    [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }
    [[nodiscard]] const RuleInfo* find(const std::string& ns, const std::string& name) const;

    // For Scanner only.
    [[nodiscard]] YR_RULES* handle() const { return rules_handle_; }

private:
    RuleSet() = default;
    YaraRuntime runtime_;  // first member: outlives rules_handle_
    YR_RULES* rules_handle_ = nullptr;
    std::vector<RuleInfo> rules_;
    std::vector<RuleSource> sources_;
    std::vector<std::string> warnings_;
};

}  // namespace vca::scan
