#include "auditor/engine/catalogue.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "auditor/engine/rule_loader.hpp"

namespace vca::engine {
namespace {

std::string text(const YAML::Node& n, const char* key) {
    return n[key] && n[key].IsScalar() ? n[key].as<std::string>() : std::string();
}

Bilingual bilingual(const YAML::Node& n) {
    Bilingual b;
    if (n && n.IsMap()) {
        b.vi = text(n, "vi");
        b.en = text(n, "en");
    }
    return b;
}

std::vector<int> int_list(const YAML::Node& n) {
    std::vector<int> out;
    if (n && n.IsSequence())
        for (const auto& v : n) out.push_back(v.as<int>());
    return out;
}

std::vector<std::string> string_list(const YAML::Node& n) {
    std::vector<std::string> out;
    if (n && n.IsSequence())
        for (const auto& v : n) out.push_back(v.as<std::string>());
    else if (n && n.IsScalar())
        out.push_back(n.as<std::string>());
    return out;
}

core::Diagnostic yaml_error(const std::filesystem::path& file, const YAML::Exception& e) {
    std::string loc = file.string();
    if (e.mark.line >= 0) loc += ":" + std::to_string(e.mark.line + 1);
    return core::make_diag("E350", "invalid YAML: " + e.msg, "fix the syntax at that line", loc);
}

core::Status load_entries(const std::filesystem::path& file, Catalogue& c) {
    YAML::Node root = YAML::LoadFile(file.string());
    if (!root.IsSequence())
        return core::make_diag("E351", "a catalogue file is a YAML list of entries", {}, file.string());
    for (const auto& n : root) {
        CatalogueEntry e;
        e.file = file;
        e.line = n.Mark().line + 1;
        e.id = text(n, "id");
        e.parent = text(n, "parent");
        e.group = text(n, "group");
        e.heading = n["heading"] && n["heading"].as<bool>();
        e.title = bilingual(n["title"]);
        if (auto legacy = n["legacy"]) {
            if (auto clauses = legacy["clauses"])
                for (const auto& kv : clauses) e.legacy_clauses[kv.first.as<int>()] = kv.second.as<std::string>();
            e.legacy_basis = text(legacy, "basis");
        }
        if (auto current = n["current"]) {
            e.current_basis = text(current, "basis");
            e.tcvn14423 = text(current, "tcvn14423");
        }
        e.levels = int_list(n["levels"]);
        if (e.levels.empty())
            for (const auto& [level, _] : e.legacy_clauses) e.levels.push_back(level);
        if (auto acc = n["accounted"]) {
            e.automated = string_list(acc["automated"]);
            e.manual = text(acc, "manual");
            e.not_applicable = text(acc, "not_applicable");
        }
        if (e.id.empty())
            return core::make_diag("E352", "catalogue entry without an id", {}, file.string() + ":" + std::to_string(e.line));
        c.entries.push_back(std::move(e));
    }
    return core::ok_status();
}

}  // namespace

bool CatalogueEntry::applies_at(int level) const {
    return std::find(levels.begin(), levels.end(), level) != levels.end();
}

std::string CatalogueEntry::legacy_reference(int level) const {
    auto it = legacy_clauses.find(level);
    return it != legacy_clauses.end() ? it->second : legacy_basis;
}

std::string CatalogueEntry::current_reference() const {
    std::string s = current_basis;
    if (!tcvn14423.empty() && tcvn14423 != "unverified") s += "; TCVN 14423:2026 " + tcvn14423;
    return s;
}

bool Question::applies_at(int level) const {
    return levels.empty() || std::find(levels.begin(), levels.end(), level) != levels.end();
}

const CatalogueEntry* Catalogue::find(const std::string& id) const {
    for (const auto& e : entries)
        if (e.id == id) return &e;
    return nullptr;
}

const Question* Catalogue::question(const std::string& id) const {
    for (const auto& q : questions)
        if (q.id == id) return &q;
    return nullptr;
}

std::vector<const CatalogueEntry*> Catalogue::headings_at(int level) const {
    std::vector<const CatalogueEntry*> out;
    for (const auto& e : entries) {
        if (!e.heading) continue;
        if (e.applies_at(level)) out.push_back(&e);
    }
    return out;
}

DataPaths default_data_paths() {
    std::filesystem::path rules = default_rules_dir();  // <root>/rules/packs or <prefix>/share/vcaudit/rules
    std::filesystem::path root = rules.parent_path();
    DataPaths p;
    if (rules.filename() == "packs") {  // source tree
        p.catalogue_dir = root / "catalogue";
        p.questionnaire = root.parent_path() / "policy" / "questionnaire.yaml";
        p.levels_dir = root.parent_path() / "policy" / "levels";
        p.weak_secrets = root.parent_path() / "policy" / "weak-secrets.yaml";
    } else {  // installed: share/vcaudit/{rules,catalogue,policy}
        p.catalogue_dir = root / "catalogue";
        p.questionnaire = root / "policy" / "questionnaire.yaml";
        p.levels_dir = root / "policy" / "levels";
        p.weak_secrets = root / "policy" / "weak-secrets.yaml";
    }
    return p;
}

core::Result<Catalogue> load_catalogue(const DataPaths& paths) {
    Catalogue c;
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::is_directory(paths.catalogue_dir))
        return core::make_diag("E353", paths.catalogue_dir.string() + ": no catalogue folder",
                               "the requirement catalogue ships in rules/catalogue");
    for (const auto& e : std::filesystem::directory_iterator(paths.catalogue_dir))
        if (e.path().extension() == ".yaml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    try {
        for (const auto& f : files)
            if (auto st = load_entries(f, c); !st) return st.error();
    } catch (const YAML::Exception& e) {
        return core::make_diag("E350", "invalid catalogue: " + e.msg, {}, paths.catalogue_dir.string());
    }
    try {
        if (std::filesystem::exists(paths.questionnaire)) {
            YAML::Node root = YAML::LoadFile(paths.questionnaire.string());
            for (const auto& n : root) {
                Question q;
                q.id = text(n, "id");
                q.catalogue = string_list(n["catalogue"]);
                q.levels = int_list(n["levels"]);
                q.question = bilingual(n["question"]);
                q.evidence = bilingual(n["evidence"]);
                if (n["max_age_months"]) q.max_age_months = n["max_age_months"].as<int>();
                c.questions.push_back(std::move(q));
            }
        }
    } catch (const YAML::Exception& e) {
        return yaml_error(paths.questionnaire, e);
    }
    for (int level = 1; level <= 5; ++level) {
        auto file = paths.levels_dir / ("level-" + std::to_string(level) + ".yaml");
        if (!std::filesystem::exists(file)) continue;
        try {
            YAML::Node root = YAML::LoadFile(file.string());
            LevelProfile p;
            p.level = level;
            p.description = bilingual(root["description"]);
            if (auto params = root["parameters"])
                for (const auto& kv : params) p.parameters[kv.first.as<std::string>()] = kv.second.as<std::string>();
            c.profiles[level] = std::move(p);
        } catch (const YAML::Exception& e) {
            return yaml_error(file, e);
        }
    }
    return c;
}

std::vector<core::Diagnostic> check_catalogue(const Catalogue& c, const std::vector<Rule>& rules) {
    std::vector<core::Diagnostic> out;
    auto at = [](const CatalogueEntry& e) { return e.file.string() + ":" + std::to_string(e.line); };
    std::set<std::string> ids, rule_ids;
    for (const auto& r : rules) rule_ids.insert(r.id);
    for (const auto& e : c.entries) {
        if (!ids.insert(e.id).second) out.push_back(core::make_diag("E360", "duplicate catalogue id " + e.id, {}, at(e)));
        if (!e.parent.empty() && c.find(e.parent) == nullptr)
            out.push_back(core::make_diag("E361", e.id + ": parent " + e.parent + " is not in the catalogue", {}, at(e)));
        for (const auto& [level, clause] : e.legacy_clauses) {
            if (level < 1 || level > 5 || clause.empty() || clause[0] != static_cast<char>('4' + level))
                out.push_back(core::make_diag("E362", e.id + ": clause " + clause + " does not belong to level " +
                                                          std::to_string(level),
                                              "a level-N heading of TCVN 11930:2017 is numbered (N+4).x", at(e)));
        }
        for (const auto& r : e.automated)
            if (rule_ids.count(r) == 0)
                out.push_back(core::make_diag("E363", e.id + ": names rule " + r + ", which does not exist", {}, at(e)));
        if (!e.manual.empty() && c.question(e.manual) == nullptr)
            out.push_back(core::make_diag("E364", e.id + ": names questionnaire item " + e.manual + ", which does not exist",
                                          {}, at(e)));
        bool accounted = !e.automated.empty() || !e.manual.empty() || !e.not_applicable.empty();
        if (e.heading && !accounted)
            out.push_back(core::make_diag("E365", "heading " + e.id + " is not accounted for",
                                          "map it to rules, a manual control, or not_applicable with a reason", at(e)));
        if (e.current_basis.empty())
            out.push_back(core::make_diag("E366", e.id + ": no mapping to the current regime", {}, at(e)));
    }
    for (const auto& q : c.questions)
        for (const auto& id : q.catalogue)
            if (c.find(id) == nullptr)
                out.push_back(core::make_diag("E367", "questionnaire item " + q.id + " names " + id + ", not in the catalogue"));
    for (const auto& r : rules) {
        std::string file = (r.dir / "rule.yaml").string();
        for (const auto& id : r.catalogue)
            if (c.find(id) == nullptr)
                out.push_back(core::make_diag("E368", r.id + " names " + id + ", which is not in the catalogue", {}, file));
        for (int level : r.levels) {
            std::string clause = r.clause("legacy", level);
            bool matches = false;
            for (const auto& id : r.catalogue) {
                for (const CatalogueEntry* e = c.find(id); e != nullptr; e = e->parent.empty() ? nullptr : c.find(e->parent))
                    matches = matches || e->legacy_reference(level) == clause ||
                              clause.find(e->legacy_reference(level)) != std::string::npos;
            }
            if (!matches && !r.catalogue.empty())
                out.push_back(core::make_diag("E369", r.id + ": legacy clause '" + clause + "' at level " +
                                                          std::to_string(level) + " is not a clause of its catalogue entries",
                                              {}, file));
        }
    }
    return out;
}

}  // namespace vca::engine
