// Loads rule packs (rules/packs/<pack>/<RULE-ID>/) and checks them: metadata
// complete, SQL prepares against the schema with the right result columns,
// every SQL parameter declared, a pass and a fail case present. Every mistake
// is a Diagnostic with a stable code and the file it is in.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/engine/rule.hpp"

namespace vca::engine {

struct RulePack {
    std::vector<Rule> rules;  // sorted by id
    std::filesystem::path root;
};

// Loads every rule below `root` (a folder holding packs or rule folders).
core::Result<RulePack> load_rules(const std::filesystem::path& root);

// Loads one rule folder (no SQL check).
core::Result<Rule> load_rule(const std::filesystem::path& dir);

// Prepares each rule's SQL against an empty store built from the schema.
core::Status check_rules_sql(const RulePack& pack);

// Default rules folder: $VCAUDIT_RULES, else <source>/rules/packs next to the binary's project.
std::filesystem::path default_rules_dir();

}  // namespace vca::engine
