// The requirement catalogue (rules/catalogue/*.yaml), the questionnaire of
// manual controls (policy/questionnaire.yaml) and the level profiles
// (policy/levels/level-N.yaml): data the engine loads once and checks.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/engine/rule.hpp"

namespace vca::engine {

struct CatalogueEntry {
    std::string id, parent, group;
    bool heading = false;
    Bilingual title;
    std::map<int, std::string> legacy_clauses;  // level → clause id
    std::string legacy_basis, current_basis, tcvn14423;
    std::vector<int> levels;
    std::vector<std::string> automated;  // rule ids
    std::string manual;                  // questionnaire item id
    std::string not_applicable;          // reason
    std::filesystem::path file;
    int line = 0;

    [[nodiscard]] bool applies_at(int level) const;
    // Clause of the legacy regime at `level`, else the basis text.
    [[nodiscard]] std::string legacy_reference(int level) const;
    [[nodiscard]] std::string current_reference() const;
};

struct Question {
    std::string id;
    std::vector<std::string> catalogue;
    std::vector<int> levels;
    Bilingual question, evidence;
    std::optional<int> max_age_months;
    [[nodiscard]] bool applies_at(int level) const;
};

struct LevelProfile {
    int level = 0;
    Bilingual description;
    std::map<std::string, std::string> parameters;  // e.g. sip_tls → required
};

struct Catalogue {
    std::vector<CatalogueEntry> entries;  // in file order
    std::vector<Question> questions;
    std::map<int, LevelProfile> profiles;

    [[nodiscard]] const CatalogueEntry* find(const std::string& id) const;
    [[nodiscard]] const Question* question(const std::string& id) const;
    // Headings (heading: true) that apply at `level`, in catalogue order.
    [[nodiscard]] std::vector<const CatalogueEntry*> headings_at(int level) const;
};

struct DataPaths {
    std::filesystem::path catalogue_dir;   // rules/catalogue
    std::filesystem::path questionnaire;   // policy/questionnaire.yaml
    std::filesystem::path levels_dir;      // policy/levels
    std::filesystem::path weak_secrets;    // policy/weak-secrets.yaml
};

// The bundled data next to the rule packs: <root>/rules/catalogue and <root>/policy.
DataPaths default_data_paths();

core::Result<Catalogue> load_catalogue(const DataPaths& paths);

// Consistency of catalogue, questionnaire, profiles and rules: every id
// named exists, every heading is accounted for at every level it applies,
// every rule's clause at a level is a clause of one of its catalogue entries.
// Returns every problem found (empty = consistent), each a Diagnostic line.
std::vector<core::Diagnostic> check_catalogue(const Catalogue& catalogue, const std::vector<Rule>& rules);

}  // namespace vca::engine
