#include "auditor/engine/evaluator.hpp"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

namespace vca::engine {
namespace {

const Waiver* find_waiver(const std::vector<Waiver>& waivers, const std::string& rule_id, const std::string& subject) {
    for (const auto& w : waivers)
        if (w.rule == rule_id && (w.subject.empty() || w.subject == subject)) return &w;
    return nullptr;
}

}  // namespace

std::vector<const Rule*> select_rules(const RulePack& pack, int level) {
    std::vector<const Rule*> out;
    for (const auto& r : pack.rules)
        if (r.applies_at(level)) out.push_back(&r);
    return out;
}

Assessment evaluate_rule(const Rule& rule, const store::QueryHandle& db, const EvaluationOptions& options) {
    Assessment a;
    a.rule = &rule;
    a.clause = rule.clause(options.regime, options.level);
    if (rule.kind == RuleKind::Manual) {
        a.status = "manual";
        a.reason = "needs an attestation with evidence";
        return a;
    }
    bool any_facts = false;
    for (const auto& t : rule.facts) any_facts = any_facts || db.count(t) > 0;
    if (!any_facts) {
        a.status = "not_assessed";
        std::string tables;
        for (const auto& t : rule.facts) tables += (tables.empty() ? "" : ", ") + t;
        a.reason = "no evidence in the inputs (" + tables + " empty)";
        return a;
    }
    store::Params params;
    for (const auto& in : rule.inputs) {
        std::string value = in.default_value;
        if (!in.profile_key.empty()) {
            auto it = options.profile_inputs.find(in.profile_key);
            if (it != options.profile_inputs.end()) value = it->second;
        }
        if (!in.site_key.empty()) {
            auto it = options.site_inputs.find(in.site_key);
            if (it != options.site_inputs.end()) value = it->second;
        }
        if (in.required && value.empty()) {
            a.status = "not_assessed";
            a.reason = "the site policy does not declare " + (in.site_key.empty() ? in.name : in.site_key);
            return a;
        }
        params[in.name] = value;
    }
    params[kBuiltinToday] = options.today;
    if (!rule.evidence_sql.empty()) {
        auto evidence = db.run(rule.evidence_sql, params);
        if (!evidence) {
            a.status = "error";
            a.reason = "evidence.sql: " + evidence.error().message;
            return a;
        }
        const auto* count = evidence->rows.empty() ? nullptr : std::get_if<std::int64_t>(&evidence->rows[0][0]);
        if (count == nullptr || *count == 0) {
            a.status = "not_assessed";
            a.reason = "nothing in the inputs this rule can judge (its evidence query found none)";
            return a;
        }
    }
    auto result = db.run(rule.sql, params);
    if (!result) {
        a.status = "error";
        a.reason = result.error().message;
        return a;
    }
    std::size_t open = 0;
    for (const auto& row : result->rows) {
        Finding f;
        f.subject = store::to_text(row[0]);
        f.detail = store::to_text(row[1]);
        f.evidence = store::to_text(row[2]);
        f.status = "fail";
        if (const Waiver* w = find_waiver(options.waivers, rule.id, f.subject)) {
            bool lapsed = !options.today.empty() && w->expires < options.today;
            f.waiver = w->approver + ", until " + w->expires + ": " + w->justification;
            if (lapsed) f.waiver = "expired waiver (" + f.waiver + ")";
            else f.status = "waived";
        }
        if (f.status == "fail") ++open;
        a.findings.push_back(std::move(f));
    }
    if (!rule.advisory_parameter.empty()) {
        auto it = options.profile_inputs.find(rule.advisory_parameter);
        a.advisory = it != options.profile_inputs.end() && it->second == "recommended";
    }
    if (a.findings.empty()) a.status = "pass";
    else a.status = open > 0 ? "fail" : "waived";
    return a;
}

std::vector<Assessment> evaluate(const RulePack& pack, const store::QueryHandle& db, const EvaluationOptions& options) {
    std::vector<Assessment> out;
    for (const Rule* r : select_rules(pack, options.level)) out.push_back(evaluate_rule(*r, db, options));
    return out;
}

core::Result<std::vector<Assessment>> evaluate_parallel(const RulePack& pack, const std::filesystem::path& store,
                                                        const EvaluationOptions& options, unsigned workers) {
    const std::vector<const Rule*> rules = select_rules(pack, options.level);
    workers = std::clamp<unsigned>(workers, 1, static_cast<unsigned>(std::max<std::size_t>(rules.size(), 1)));
    std::vector<store::QueryHandle> handles;
    for (unsigned i = 0; i < workers; ++i) {
        auto db = store::QueryHandle::open(store);
        if (!db) return db.error();
        handles.push_back(std::move(db.value()));
    }
    std::vector<Assessment> out(rules.size());
    std::atomic<std::size_t> next{0};
    auto work = [&](const store::QueryHandle& db) {
        for (std::size_t i = next++; i < rules.size(); i = next++) out[i] = evaluate_rule(*rules[i], db, options);
    };
    {
        std::vector<std::jthread> threads;
        for (unsigned i = 1; i < workers; ++i) threads.emplace_back(work, std::cref(handles[i]));
        work(handles[0]);
    }
    return out;
}

}  // namespace vca::engine
