#include "auditor/engine/controls.hpp"

#include <array>
#include <cstdlib>

namespace vca::engine {
namespace {

// Months between two YYYY-MM-DD dates (whole months, day-of-month considered).
int months_between(const std::string& from, const std::string& to) {
    if (from.size() < 10 || to.size() < 10) return 0;
    int y1 = std::atoi(from.substr(0, 4).c_str()), m1 = std::atoi(from.substr(5, 2).c_str());
    int d1 = std::atoi(from.substr(8, 2).c_str());
    int y2 = std::atoi(to.substr(0, 4).c_str()), m2 = std::atoi(to.substr(5, 2).c_str());
    int d2 = std::atoi(to.substr(8, 2).c_str());
    int months = (y2 - y1) * 12 + (m2 - m1);
    if (d2 < d1) --months;
    return months;
}

std::string cell(const facts::Value& v) { return store::to_text(v); }

int rank(const std::string& status) {
    // Worst first: a failure anywhere fails the heading.
    static const std::array<const char*, 7> order{"fail", "error", "manual", "not_assessed", "advisory", "waived", "pass"};
    for (std::size_t i = 0; i < order.size(); ++i)
        if (status == order[i]) return static_cast<int>(i);
    return static_cast<int>(order.size());
}

}  // namespace

std::vector<ControlAssessment> evaluate_controls(const Catalogue& catalogue, int level, const std::string& today,
                                                 const store::QueryHandle& db) {
    std::vector<ControlAssessment> out;
    for (const auto& q : catalogue.questions) {
        if (!q.applies_at(level)) continue;
        ControlAssessment c;
        c.question = &q;
        auto rows = db.run(
            "SELECT answer, coalesce(date, ''), coalesce(group_concat(evidence_path, ', '), ''), "
            "coalesce(group_concat(evidence_sha256, ', '), ''), coalesce(max(note), '') "
            "FROM attestations WHERE question_id = :q GROUP BY answer, date ORDER BY date DESC LIMIT 1",
            {{"q", q.id}});
        if (!rows || rows->rows.empty()) {
            c.status = "manual";
            c.reason = "not answered in the attestations";
            out.push_back(c);
            continue;
        }
        const auto& r = rows->rows[0];
        c.answer = cell(r[0]);
        c.date = cell(r[1]);
        c.evidence = cell(r[2]);
        c.evidence_sha256 = cell(r[3]);
        c.note = cell(r[4]);
        if (c.answer == "no") {
            c.status = "fail";
            c.reason = "the site answers no";
        } else if (c.answer == "not_applicable") {
            c.status = "not_assessed";
            c.reason = "the site declares it not applicable";
        } else if (c.evidence.empty()) {
            c.status = "manual";
            c.reason = "answered yes without a supporting document";
        } else if (q.max_age_months && (c.date.empty() || months_between(c.date, today) > *q.max_age_months)) {
            c.status = "fail";
            c.reason = c.date.empty() ? "the answer has no date, and the evidence must be at most " +
                                            std::to_string(*q.max_age_months) + " months old"
                                      : "evidence dated " + c.date + " is older than " +
                                            std::to_string(*q.max_age_months) + " months";
        } else {
            c.status = "pass";
            c.reason = "answered yes with evidence";
        }
        out.push_back(c);
    }
    return out;
}

std::vector<HeadingResult> heading_accounting(const Catalogue& catalogue, int level) {
    std::vector<HeadingResult> out;
    for (const CatalogueEntry* e : catalogue.headings_at(level)) {
        HeadingResult h;
        h.entry = e;
        h.clause = e->legacy_reference(level);
        h.current = e->current_reference();
        if (!e->not_applicable.empty()) {
            h.status = "not_applicable";
            h.how = e->not_applicable;
        } else {
            std::string rules;
            for (const auto& r : e->automated) rules += (rules.empty() ? "" : ", ") + r;
            h.how = rules;
            if (!e->manual.empty()) h.how += (h.how.empty() ? "" : "; ") + e->manual;
            h.status = !rules.empty() && !e->manual.empty() ? "automated+manual"
                       : !rules.empty()                     ? "automated"
                       : !e->manual.empty()                 ? "manual"
                                                            : "unaccounted";
        }
        out.push_back(h);
    }
    return out;
}

std::vector<HeadingResult> heading_results(const Catalogue& catalogue, int level,
                                           const std::vector<Assessment>& assessments,
                                           const std::vector<ControlAssessment>& controls) {
    std::vector<HeadingResult> out = heading_accounting(catalogue, level);
    for (auto& h : out) {
        if (h.status == "not_applicable") continue;
        std::string worst;
        auto consider = [&](const std::string& s) {
            if (worst.empty() || rank(s) < rank(worst)) worst = s;
        };
        for (const auto& id : h.entry->automated)
            for (const auto& a : assessments)
                if (a.rule->id == id) consider(a.status == "fail" && a.advisory ? "advisory" : a.status);
        if (!h.entry->manual.empty())
            for (const auto& c : controls)
                if (c.question->id == h.entry->manual) consider(c.status);
        // A heading whose only rules do not apply at this level and whose
        // control is absent has nothing to judge it by.
        h.status = worst.empty() ? "not_assessed" : worst;
    }
    return out;
}

}  // namespace vca::engine
