#include "auditor/engine/rule_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "auditor/core/temp_dir.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::engine {
namespace {

std::string at(const std::filesystem::path& file, const YAML::Node& n) {
    if (!n.IsDefined() || n.Mark().line < 0) return file.string();
    return file.string() + ":" + std::to_string(n.Mark().line + 1);
}

core::Result<Bilingual> bilingual(const std::filesystem::path& file, const YAML::Node& root, const char* key,
                                  bool required) {
    Bilingual b;
    YAML::Node n = root[key];
    if (!n) {
        if (required)
            return core::make_diag("E310", std::string("missing '") + key + "' (vi and en)", {}, file.string());
        return b;
    }
    if (!n.IsMap() || !n["vi"] || !n["en"])
        return core::make_diag("E311", std::string("'") + key + "' needs both vi and en text", {}, at(file, n));
    b.vi = n["vi"].as<std::string>();
    b.en = n["en"].as<std::string>();
    return b;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

core::Result<Rule> parse_rule(const std::filesystem::path& dir, const YAML::Node& y) {
    std::filesystem::path file = dir / "rule.yaml";
    Rule r;
    r.dir = dir;
    if (!y.IsMap()) return core::make_diag("E312", "rule.yaml must be a mapping", {}, file.string());
    if (!y["id"]) return core::make_diag("E313", "missing 'id'", {}, file.string());
    r.id = y["id"].as<std::string>();
    if (r.id != dir.filename().string())
        return core::make_diag("E314", "rule id '" + r.id + "' differs from its folder name",
                               "name the folder after the id", at(file, y["id"]));
    for (auto [field, key, required] : {std::tuple{&r.title, "title", true}, std::tuple{&r.rationale, "rationale", true},
                                        std::tuple{&r.remediation, "remediation", true}}) {
        auto b = bilingual(file, y, key, required);
        if (!b) return b.error();
        *field = *b;
    }
    r.severity = y["severity"] ? y["severity"].as<std::string>() : "";
    if (std::find(kSeverities.begin(), kSeverities.end(), r.severity) == kSeverities.end())
        return core::make_diag("E315", "severity must be one of critical, high, medium, low, info", {},
                               at(file, y["severity"]));
    std::string kind = y["kind"] ? y["kind"].as<std::string>() : "automated";
    if (kind != "automated" && kind != "manual")
        return core::make_diag("E316", "kind must be automated or manual", {}, at(file, y["kind"]));
    r.kind = kind == "manual" ? RuleKind::Manual : RuleKind::Automated;
    if (!y["levels"] || !y["levels"].IsSequence())
        return core::make_diag("E317", "missing 'levels' (a list of 1-5)", {}, file.string());
    for (const auto& l : y["levels"]) {
        int level = l.as<int>();
        if (level < 1 || level > 5) return core::make_diag("E317", "levels must be 1-5", {}, at(file, l));
        r.levels.push_back(level);
    }
    if (!y["clauses"] || !y["clauses"]["legacy"] || !y["clauses"]["current"])
        return core::make_diag("E318", "'clauses' needs a legacy and a current mapping",
                               "every rule maps to TCVN 11930:2017 and to NĐ 331/2026 / TCVN 14423:2026",
                               file.string());
    for (const char* regime : {"legacy", "current"}) {
        for (const auto& kv : y["clauses"][regime]) {
            std::string key = kv.first.as<std::string>();
            std::string text = kv.second.as<std::string>();
            if (key == "all") {
                for (int l = 1; l <= 5; ++l) r.clauses[regime][l] = text;
            } else {
                int level = std::atoi(key.c_str());
                if (level < 1 || level > 5)
                    return core::make_diag("E318", "clause keys are levels 1-5 or 'all'", {}, at(file, kv.first));
                r.clauses[regime][level] = text;
            }
        }
        for (int level : r.levels)
            if (r.clauses[regime][level].empty())
                return core::make_diag("E319", std::string("no ") + regime + " clause for level " + std::to_string(level),
                                       "map every level the rule applies at", at(file, y["clauses"][regime]));
    }
    if (y["catalogue"])
        for (const auto& c : y["catalogue"]) r.catalogue.push_back(c.as<std::string>());
    if (y["advisory_when_recommended"]) r.advisory_parameter = y["advisory_when_recommended"].as<std::string>();
    if (y["facts"])
        for (const auto& f : y["facts"]) r.facts.push_back(f.as<std::string>());
    if (y["inputs"]) {
        for (const auto& kv : y["inputs"]) {
            RuleInput in;
            in.name = kv.first.as<std::string>();
            const YAML::Node& v = kv.second;
            if (v["site"]) in.site_key = v["site"].as<std::string>();
            if (v["profile"]) in.profile_key = v["profile"].as<std::string>();
            if (v["default"]) in.default_value = v["default"].as<std::string>();
            if (v["description"]) in.description = v["description"].as<std::string>();
            if (v["required"]) in.required = v["required"].as<bool>();
            r.inputs.push_back(in);
        }
    }
    if (r.kind == RuleKind::Automated) {
        std::filesystem::path sql = dir / "check.sql";
        if (!std::filesystem::exists(sql))
            return core::make_diag("E320", "automated rule without check.sql", {}, dir.string());
        r.sql = read_file(sql);
        if (std::filesystem::exists(dir / "evidence.sql")) r.evidence_sql = read_file(dir / "evidence.sql");
        if (r.facts.empty())
            return core::make_diag("E321", "automated rule must list the fact tables it needs under 'facts'",
                                   "without them an empty capture could pass", file.string());
    }
    std::filesystem::path cases = dir / "cases";
    if (std::filesystem::is_directory(cases)) {
        for (const auto& e : std::filesystem::directory_iterator(cases))
            if (e.path().extension() == ".yaml") r.cases.push_back(e.path());
        std::sort(r.cases.begin(), r.cases.end());
    }
    return r;
}

}  // namespace

bool Rule::applies_at(int level) const {
    return std::find(levels.begin(), levels.end(), level) != levels.end();
}

std::string Rule::clause(const std::string& regime, int level) const {
    auto it = clauses.find(regime);
    if (it == clauses.end()) return {};
    auto jt = it->second.find(level);
    return jt == it->second.end() ? std::string() : jt->second;
}

core::Result<Rule> load_rule(const std::filesystem::path& dir) {
    std::filesystem::path file = dir / "rule.yaml";
    try {
        return parse_rule(dir, YAML::LoadFile(file.string()));
    } catch (const YAML::BadFile&) {
        return core::make_diag("E322", file.string() + ": cannot read", "every rule folder needs a rule.yaml");
    } catch (const YAML::Exception& e) {
        std::string loc = file.string();
        if (e.mark.line >= 0) loc += ":" + std::to_string(e.mark.line + 1);
        return core::make_diag("E323", "invalid rule.yaml: " + e.msg, {}, loc);
    }
}

core::Result<RulePack> load_rules(const std::filesystem::path& root) {
    RulePack pack;
    pack.root = root;
    if (!std::filesystem::is_directory(root))
        return core::make_diag("E300", root.string() + ": no rules folder",
                               "pass --rules DIR or set VCAUDIT_RULES to the rules/packs folder");
    std::vector<std::filesystem::path> dirs;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().filename() == "rule.yaml") dirs.push_back(e.path().parent_path());
    std::sort(dirs.begin(), dirs.end());
    std::set<std::string> ids;
    for (const auto& d : dirs) {
        auto r = load_rule(d);
        if (!r) return r.error();
        if (!ids.insert(r->id).second)
            return core::make_diag("E324", "duplicate rule id " + r->id, {}, d.string());
        pack.rules.push_back(std::move(r.value()));
    }
    std::sort(pack.rules.begin(), pack.rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
    if (pack.rules.empty()) return core::make_diag("E300", root.string() + ": no rules found", {});
    return pack;
}

core::Status check_rules_sql(const RulePack& pack) {
    // An empty store built from the schema: unknown tables or columns fail to prepare.
    core::TempDir tmp("vcaudit-schema");
    if (!tmp.ok()) return core::make_diag("E399", "cannot create a temporary folder");
    std::filesystem::path db = tmp.path() / "schema.db";
    core::Status result = core::ok_status();
    {
        auto store = store::EvidenceStore::create(db);
        if (!store) result = store.error();
        else (void)store->close();
    }
    if (result) {
        auto q = store::QueryHandle::open(db);
        if (!q) {
            result = q.error();
        } else {
            for (const auto& r : pack.rules) {
                if (r.kind != RuleKind::Automated) continue;
                std::string file = (r.dir / "check.sql").string();
                auto cols = q->check(r.sql);
                if (!cols) {
                    result = core::make_diag("E330", "check.sql does not prepare: " + cols.error().message,
                                             "see `vcaudit schema` for table and column names", file);
                    break;
                }
                if (*cols != kCheckColumns) {
                    result = core::make_diag("E331", "check.sql must return exactly: subject, detail, evidence", {}, file);
                    break;
                }
                auto params = q->parameters(r.sql);
                if (!params) {
                    result = core::make_diag(params.error().code, params.error().message, {}, file);
                    break;
                }
                for (const auto& p : *params) {
                    if (p == kBuiltinToday) continue;
                    bool declared = std::any_of(r.inputs.begin(), r.inputs.end(),
                                                [&](const RuleInput& in) { return in.name == p; });
                    if (!declared) {
                        result = core::make_diag("E332", "parameter :" + p + " is not declared under inputs", {}, file);
                        break;
                    }
                }
                if (!result) break;
                if (!r.evidence_sql.empty()) {
                    std::string ev_file = (r.dir / "evidence.sql").string();
                    auto ev_cols = q->check(r.evidence_sql);
                    if (!ev_cols) {
                        result = core::make_diag("E334", "evidence.sql does not prepare: " + ev_cols.error().message,
                                                 "see `vcaudit schema` for table and column names", ev_file);
                        break;
                    }
                    if (ev_cols->size() != 1) {
                        result = core::make_diag("E334", "evidence.sql must return one column: the count of facts the rule can judge",
                                                 {}, ev_file);
                        break;
                    }
                    auto ev_params = q->parameters(r.evidence_sql);
                    if (ev_params)
                        for (const auto& p : *ev_params)
                            if (p != kBuiltinToday && std::none_of(r.inputs.begin(), r.inputs.end(),
                                                                   [&](const RuleInput& in) { return in.name == p; })) {
                                result = core::make_diag("E332", "parameter :" + p + " is not declared under inputs", {},
                                                         ev_file);
                                break;
                            }
                    if (!result) break;
                }
                for (const auto& t : r.facts) {
                    if (!q->check("SELECT 1 FROM " + t)) {
                        result = core::make_diag("E333", "facts lists unknown table '" + t + "'", {},
                                                 (r.dir / "rule.yaml").string());
                        break;
                    }
                }
                if (!result) break;
            }
        }
    }
    return result;
}

std::filesystem::path default_rules_dir() {
    if (const char* env = std::getenv("VCAUDIT_RULES")) return env;
    // Installed layout: <prefix>/bin/vcaudit and <prefix>/share/vcaudit/rules;
    // build layout: the source tree's rules/packs (baked in at build time).
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        auto installed = exe.parent_path().parent_path() / "share" / "vcaudit" / "rules";
        if (std::filesystem::is_directory(installed)) return installed;
    }
    return std::filesystem::path(VCA_RULES_DIR);
}

}  // namespace vca::engine
