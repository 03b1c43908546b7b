// Evaluates the selected rules against an evidence store (read-only) and
// applies waivers. Absence of evidence is not compliance: a rule whose fact
// tables are all empty is not_assessed, never pass.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "auditor/engine/rule_loader.hpp"
#include "auditor/engine/site_policy.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::engine {

struct Finding {
    std::string status;  // fail or waived
    std::string subject, detail, evidence;
    std::string waiver;  // "approver, until YYYY-MM-DD: justification" when waived or lapsed
};

struct Assessment {
    const Rule* rule = nullptr;
    std::string status;  // pass, fail, not_assessed, manual, waived, error
    std::string clause;  // clause id for the evaluated level and regime
    std::string reason;  // why not_assessed / error / manual
    std::vector<Finding> findings;
    bool advisory = false;  // the level's profile only recommends this: failures are advice
};

struct EvaluationOptions {
    int level = 0;
    std::string regime = "legacy";
    std::map<std::string, std::string> site_inputs;     // from SitePolicy::input_values()
    std::map<std::string, std::string> profile_inputs;  // the level profile's parameters
    std::vector<Waiver> waivers;
    std::string today;  // YYYY-MM-DD, injected so tests are deterministic
};

// Rules that apply at options.level, in id order.
std::vector<const Rule*> select_rules(const RulePack& pack, int level);

Assessment evaluate_rule(const Rule& rule, const store::QueryHandle& db, const EvaluationOptions& options);

std::vector<Assessment> evaluate(const RulePack& pack, const store::QueryHandle& db, const EvaluationOptions& options);

// The same assessments, in the same order, with the rules shared among
// `workers` threads, each reading the store through its own read-only
// connection (the store is immutable once written, so readers never wait).
core::Result<std::vector<Assessment>> evaluate_parallel(const RulePack& pack, const std::filesystem::path& store,
                                                        const EvaluationOptions& options, unsigned workers);

}  // namespace vca::engine
