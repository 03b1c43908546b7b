#include <iostream>

#include "auditor/cli/options.hpp"
#include "auditor/engine/evaluator.hpp"
#include "auditor/engine/rule_cases.hpp"
#include "auditor/engine/rule_loader.hpp"
#include "auditor/pipeline/exit_codes.hpp"

namespace vca::cli {

int cmd_rules(const Args& args) {
    po::options_description desc("rules options");
    desc.add_options()
        ("help,h", "show this help")
        ("action", po::value<std::string>()->default_value("list"), "list | test")
        ("level,l", po::value<int>(), "only rules of this level (list)")
        ("regime,r", po::value<std::string>()->default_value("legacy"), "clause ids of this regime (list)")
        ("rules", po::value<std::string>(), "rules folder (default: the bundled rule packs)");
    po::positional_options_description pos;
    pos.add("action", 1);
    po::variables_map vm;
    if (auto stop = parse_options("rules", "vcaudit rules [list|test] [--level N] [--regime legacy|current]", args,
                                  desc, vm, &pos))
        return *stop;
    auto dir = vm.count("rules") != 0U ? std::filesystem::path(vm["rules"].as<std::string>()) : engine::default_rules_dir();
    auto pack = engine::load_rules(dir);
    if (!pack) {
        std::cerr << pack.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    if (auto st = engine::check_rules_sql(*pack); !st) {
        std::cerr << st.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    std::string action = vm["action"].as<std::string>();
    std::string regime = vm["regime"].as<std::string>();
    if (action == "list") {
        for (const auto& r : pack->rules) {
            if (vm.count("level") != 0U && !r.applies_at(vm["level"].as<int>())) continue;
            std::string levels;
            for (int l : r.levels) levels += std::to_string(l);
            std::cout << r.id << "  [" << r.severity << ", L" << levels << "]  " << r.title.en << "\n    " << r.title.vi
                      << "\n";
            for (int l : r.levels) std::cout << "    L" << l << ": " << r.clause(regime, l) << "\n";
        }
        return pipeline::kExitOk;
    }
    if (action == "test") {
        int passed = 0, failed = 0;
        for (const auto& r : pack->rules) {
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
        std::cout << passed << " passed, " << failed << " failed\n";
        return failed == 0 ? pipeline::kExitOk : pipeline::kExitFindings;
    }
    return usage_error("vcaudit rules", "unknown action '" + action + "' (list or test)");
}

}  // namespace vca::cli
