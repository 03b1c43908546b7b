#include <fstream>
#include <iostream>
#include <sstream>

#include "auditor/cli/options.hpp"
#include "auditor/engine/catalogue.hpp"
#include "auditor/engine/controls.hpp"
#include "auditor/engine/evaluator.hpp"
#include "auditor/engine/rule_cases.hpp"
#include "auditor/engine/rule_loader.hpp"
#include "auditor/pipeline/exit_codes.hpp"

namespace vca::cli {
namespace {

struct RulesArgs {
    std::string action, id, regime, kind;
    int level = 0;
};

int list(const engine::RulePack& pack, const RulesArgs& a) {
    for (const auto& r : pack.rules) {
        if (a.level != 0 && !r.applies_at(a.level)) continue;
        std::string kind = r.kind == engine::RuleKind::Manual ? "manual" : "automated";
        if (!a.kind.empty() && a.kind != kind) continue;
        std::string levels;
        for (int l : r.levels) levels += std::to_string(l);
        std::cout << r.id << "  [" << r.severity << ", " << kind << ", L" << levels << "]  " << r.title.en << "\n    "
                  << r.title.vi << "\n";
        for (int l : r.levels)
            if (a.level == 0 || l == a.level) std::cout << "    L" << l << ": " << r.clause(a.regime, l) << "\n";
    }
    return pipeline::kExitOk;
}

int show(const engine::RulePack& pack, const RulesArgs& a) {
    for (const auto& r : pack.rules) {
        if (r.id != a.id) continue;
        std::cout << r.id << " — " << r.title.vi << " / " << r.title.en << "\n"
                  << "severity: " << r.severity << ", kind: "
                  << (r.kind == engine::RuleKind::Manual ? "manual" : "automated") << "\n";
        for (const char* regime : {"legacy", "current"})
            for (int l : r.levels) std::cout << regime << " L" << l << ": " << r.clause(regime, l) << "\n";
        std::cout << "catalogue:";
        for (const auto& c : r.catalogue) std::cout << " " << c;
        std::cout << "\nfacts:";
        for (const auto& f : r.facts) std::cout << " " << f;
        std::cout << "\n\nrationale (vi): " << r.rationale.vi << "\nrationale (en): " << r.rationale.en
                  << "\nremediation (vi): " << r.remediation.vi << "\nremediation (en): " << r.remediation.en << "\n";
        for (const auto& in : r.inputs)
            std::cout << "input :" << in.name << (in.site_key.empty() ? "" : " (site: " + in.site_key + ")")
                      << (in.profile_key.empty() ? "" : " (profile: " + in.profile_key + ")") << " default '"
                      << in.default_value << "' — " << in.description << "\n";
        std::cout << "\ncheck.sql:\n" << r.sql << "\ncases:\n";
        for (const auto& c : r.cases) std::cout << "  " << c.string() << "\n";
        return pipeline::kExitOk;
    }
    return usage_error("vcaudit rules show", "no rule with id '" + a.id + "' (see vcaudit rules list)");
}

int lint(const engine::RulePack& pack, const engine::Catalogue& catalogue) {
    int problems = 0;
    auto report = [&](const core::Diagnostic& d) {
        std::cout << d.line() << "\n";
        ++problems;
    };
    if (auto st = engine::check_rules_sql(pack); !st) report(st.error());
    for (const auto& r : pack.rules)
        if (auto st = engine::check_case_coverage(r); !st) report(st.error());
    for (const auto& d : engine::check_catalogue(catalogue, pack.rules)) report(d);
    for (int level = 1; level <= 5; ++level)
        if (catalogue.profiles.count(level) == 0)
            report(core::make_diag("E370", "no profile for level " + std::to_string(level), "add policy/levels/level-" +
                                                                                                std::to_string(level) + ".yaml"));
    std::cout << pack.rules.size() << " rules, " << catalogue.entries.size() << " catalogue entries, "
              << catalogue.questions.size() << " questionnaire items: " << problems << " problem(s)\n";
    return problems == 0 ? pipeline::kExitOk : pipeline::kExitFindings;
}

int test(const engine::RulePack& pack) {
    int passed = 0, failed = 0;
    for (const auto& r : pack.rules) {
        if (auto st = engine::check_case_coverage(r); !st) {
            std::cout << "FAIL " << st.error().line() << "\n";
            ++failed;
        }
        for (const auto& c : r.cases) {
            auto outcome = engine::run_case(r, c);
            bool ok = outcome && outcome->passed;
            std::cout << (ok ? "ok   " : "FAIL ") << r.id << " " << c.filename().string() << ": "
                      << (outcome ? outcome->message : outcome.error().line()) << "\n";
            (ok ? passed : failed)++;
        }
    }
    std::cout << "rule cases: " << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? pipeline::kExitOk : pipeline::kExitFindings;
}

int coverage(const engine::Catalogue& catalogue, const RulesArgs& a) {
    if (a.level < 1 || a.level > 5) return usage_error("vcaudit rules coverage", "--level 1..5 is required");
    std::map<std::string, int> counts;
    for (const auto& h : engine::heading_accounting(catalogue, a.level)) {
        ++counts[h.status];
        std::string clause = a.regime == "current" ? h.current : h.clause;
        std::cout << h.entry->id << "\t" << clause << "\t" << h.status << "\t" << h.how << "\t" << h.entry->title.en
                  << "\n";
    }
    std::cout << "level " << a.level << ": ";
    for (const auto& [k, v] : counts) std::cout << v << " " << k << "  ";
    std::cout << "\n";
    return counts.count("unaccounted") == 0 ? pipeline::kExitOk : pipeline::kExitFindings;
}

}  // namespace

int cmd_rules(const Args& args) {
    po::options_description desc("rules options");
    desc.add_options()
        ("help,h", "show this help")
        ("action", po::value<std::string>()->default_value("list"), "list | show ID | lint | test | coverage")
        ("id", po::value<std::string>(), "rule id (show)")
        ("level,l", po::value<int>(), "only this level (list; required for coverage)")
        ("regime,r", po::value<std::string>()->default_value("legacy"), "clause ids of this regime: legacy | current")
        ("kind", po::value<std::string>(), "automated | manual (list)")
        ("rules", po::value<std::string>(), "rules folder (default: the bundled rule packs)");
    po::positional_options_description pos;
    pos.add("action", 1).add("id", 1);
    po::variables_map vm;
    if (auto stop = parse_options("rules", "vcaudit rules list|show ID|lint|test|coverage [--level N] [--regime R] [--kind K]",
                                  args, desc, vm, &pos))
        return *stop;
    RulesArgs a;
    a.action = vm["action"].as<std::string>();
    a.regime = vm["regime"].as<std::string>();
    if (vm.count("id") != 0U) a.id = vm["id"].as<std::string>();
    if (vm.count("level") != 0U) a.level = vm["level"].as<int>();
    if (vm.count("kind") != 0U) a.kind = vm["kind"].as<std::string>();
    if (a.regime != "legacy" && a.regime != "current")
        return usage_error("vcaudit rules", "--regime must be legacy or current");
    auto dir = vm.count("rules") != 0U ? std::filesystem::path(vm["rules"].as<std::string>()) : engine::default_rules_dir();
    auto pack = engine::load_rules(dir);
    if (!pack) {
        std::cerr << pack.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    if (a.action == "lint" || a.action == "coverage") {
        auto catalogue = engine::load_catalogue(engine::default_data_paths());
        if (!catalogue) {
            std::cerr << catalogue.error().line() << "\n";
            return pipeline::kExitUsage;
        }
        return a.action == "lint" ? lint(*pack, *catalogue) : coverage(*catalogue, a);
    }
    if (auto st = engine::check_rules_sql(*pack); !st) {
        std::cerr << st.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    if (a.action == "list") return list(*pack, a);
    if (a.action == "show") return show(*pack, a);
    if (a.action == "test") return test(*pack);
    return usage_error("vcaudit rules", "unknown action '" + a.action + "' (list, show, lint, test, coverage)");
}

}  // namespace vca::cli
