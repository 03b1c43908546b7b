// A loaded rule: metadata from rule.yaml plus its check.sql, immutable once
// loaded (compile once, evaluate many).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace vca::engine {

struct Bilingual {
    std::string vi, en;
};

enum class RuleKind { Automated, Manual };

struct RuleInput {
    std::string name;         // SQL parameter name (:name)
    std::string site_key;     // site-policy key that supplies it, if any
    std::string profile_key;  // level-profile parameter that supplies it, if any
    std::string default_value;
    std::string description;
    bool required = false;    // no value → the rule is not_assessed
};

struct Rule {
    std::string id;
    std::filesystem::path dir;
    Bilingual title, rationale, remediation;
    std::string severity;                 // critical, high, medium, low, info
    RuleKind kind = RuleKind::Automated;
    std::vector<int> levels;              // levels 1-5 where the rule applies
    // Clause ids: regime ("legacy", "current") → level → clause text.
    std::map<std::string, std::map<int, std::string>> clauses;
    std::vector<std::string> catalogue;   // requirement catalogue row ids (e.g. APP-05a)
    std::vector<std::string> facts;       // not_assessed when every one is empty
    // Optional evidence.sql: one row, one count of the facts the rule can
    // judge (e.g. non-placeholder settings of its keys); 0 → not_assessed,
    // so "nothing to judge" is never reported as a pass.
    std::string evidence_sql;
    std::vector<RuleInput> inputs;
    std::string sql;                      // check.sql: rows are violations
    std::vector<std::filesystem::path> cases;
    // At levels whose profile sets `advisory_parameter` to "recommended",
    // violations are advice: shown, but they do not fail the verdict.
    std::string advisory_parameter;

    [[nodiscard]] bool applies_at(int level) const;
    // Clause for the regime and level, or "" when none is mapped.
    [[nodiscard]] std::string clause(const std::string& regime, int level) const;
};

// Parameter every check.sql may use without declaring it: the audit's date
// (YYYY-MM-DD, UTC), injected so rule cases are deterministic.
inline constexpr const char* kBuiltinToday = "today";

// Result columns every check.sql must return, in this order.
inline const std::vector<std::string> kCheckColumns = {"subject", "detail", "evidence"};

inline const std::vector<std::string> kSeverities = {"critical", "high", "medium", "low", "info"};

}  // namespace vca::engine
