#include "auditor/engine/rule_cases.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "auditor/core/temp_dir.hpp"
#include "auditor/engine/evaluator.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::engine {
namespace {

// YAML scalars become typed cells: integers, reals, null, else text.
facts::Value cell(const YAML::Node& n) {
    if (!n || n.IsNull()) return std::monostate{};
    std::string s = n.as<std::string>();
    if (n.Tag() == "!" ) return s;  // quoted: always text
    try {
        std::size_t used = 0;
        long long i = std::stoll(s, &used);
        if (used == s.size()) return std::int64_t{i};
    } catch (...) {
    }
    try {
        std::size_t used = 0;
        double d = std::stod(s, &used);
        if (used == s.size()) return d;
    } catch (...) {
    }
    if (s == "true") return std::int64_t{1};
    if (s == "false") return std::int64_t{0};
    return s;
}


core::Result<CaseOutcome> run_loaded_case(const Rule& rule, const std::filesystem::path& file, const YAML::Node& y) {
    CaseOutcome out;
    out.file = file;
    if (!y["expect"] || !y["expect"]["status"])
        return core::make_diag("E340", "case without expect.status", {}, file.string());
    out.expected_status = y["expect"]["status"].as<std::string>();
    if (y["expect"]["violations"]) out.expected_violations = y["expect"]["violations"].as<long>();
    core::TempDir tmp("vcaudit-case");
    if (!tmp.ok()) return core::make_diag("E399", "cannot create a temporary folder");
    auto db_path = tmp.path() / "case.db";
    {
        auto store = store::EvidenceStore::create(db_path);
        if (!store) return store.error();
        if (y["facts"]) {
            for (const auto& table : y["facts"]) {
                std::string name = table.first.as<std::string>();
                for (const auto& row : table.second) {
                    std::map<std::string, facts::Value> cells;
                    for (const auto& kv : row) cells[kv.first.as<std::string>()] = cell(kv.second);
                    if (auto st = store->insert_named(name, cells); !st)
                        return core::make_diag(st.error().code, st.error().message, st.error().hint, file.string());
                }
            }
        }
        if (auto st = store->close(); !st) return st.error();
    }
    auto db = store::QueryHandle::open(db_path);
    if (!db) return db.error();
    EvaluationOptions opt;
    opt.level = y["level"] ? y["level"].as<int>() : rule.levels.front();
    opt.today = y["today"] ? y["today"].as<std::string>() : "2026-01-01";
    if (y["site"]) {
        for (const auto& kv : y["site"]) {
            std::string value;
            if (kv.second.IsSequence()) {
                for (const auto& v : kv.second) value += (value.empty() ? "" : ",") + v.as<std::string>();
            } else {
                value = kv.second.as<std::string>();
            }
            opt.site_inputs[kv.first.as<std::string>()] = value;
        }
    }
    if (y["profile"])
        for (const auto& kv : y["profile"]) opt.profile_inputs[kv.first.as<std::string>()] = kv.second.as<std::string>();
    if (y["waivers"]) {
        for (const auto& w : y["waivers"]) {
            Waiver wv;
            wv.rule = w["rule"] ? w["rule"].as<std::string>() : rule.id;
            if (w["subject"]) wv.subject = w["subject"].as<std::string>();
            wv.justification = w["justification"] ? w["justification"].as<std::string>() : "";
            wv.approver = w["approver"] ? w["approver"].as<std::string>() : "";
            wv.expires = w["expires"] ? w["expires"].as<std::string>() : "";
            opt.waivers.push_back(wv);
        }
    }
    Assessment a = evaluate_rule(rule, *db, opt);
    out.actual_status = a.status;
    out.actual_violations = static_cast<long>(a.findings.size());
    bool advisory_ok = !y["expect"]["advisory"] || y["expect"]["advisory"].as<bool>() == a.advisory;
    // expect.detail_contains: texts that some violation's detail must hold,
    // so a case checks what the report says, not only how many.
    std::string missing;
    if (y["expect"]["detail_contains"])
        for (const auto& want : y["expect"]["detail_contains"]) {
            const std::string text = want.as<std::string>();
            const bool found = std::any_of(a.findings.begin(), a.findings.end(),
                                           [&](const Finding& f) { return f.detail.find(text) != std::string::npos; });
            if (!found) missing += (missing.empty() ? "" : ", ") + ("'" + text + "'");
        }
    out.passed = out.actual_status == out.expected_status && advisory_ok && missing.empty() &&
                 (out.expected_violations < 0 || out.expected_violations == out.actual_violations);
    out.message = "expected " + out.expected_status +
                  (out.expected_violations >= 0 ? " with " + std::to_string(out.expected_violations) + " violation(s)" : "") +
                  ", got " + out.actual_status + " with " + std::to_string(out.actual_violations) +
                  (a.reason.empty() ? "" : " (" + a.reason + ")") + (a.advisory ? ", advisory" : "") +
                  (missing.empty() ? "" : "; no violation detail contains " + missing);
    return out;
}

}  // namespace

core::Result<CaseOutcome> run_case(const Rule& rule, const std::filesystem::path& case_file) {
    try {
        return run_loaded_case(rule, case_file, YAML::LoadFile(case_file.string()));
    } catch (const YAML::Exception& e) {
        std::string loc = case_file.string();
        if (e.mark.line >= 0) loc += ":" + std::to_string(e.mark.line + 1);
        return core::make_diag("E341", "invalid case file: " + e.msg, {}, loc);
    }
}

core::Status check_case_coverage(const Rule& rule) {
    if (rule.kind == RuleKind::Manual) return core::ok_status();
    bool has_pass = false, has_fail = false;
    for (const auto& c : rule.cases) {
        try {
            YAML::Node y = YAML::LoadFile(c.string());
            std::string s = y["expect"]["status"].as<std::string>();
            has_pass = has_pass || s == "pass";
            has_fail = has_fail || s == "fail";
        } catch (const YAML::Exception&) {
        }
    }
    if (!has_pass || !has_fail)
        return core::make_diag("E342", "rule " + rule.id + " needs at least one pass case and one fail case",
                               "add cases/<name>.yaml", rule.dir.string());
    return core::ok_status();
}

}  // namespace vca::engine
