#include "reports/model/audit_diff.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace vca::report {
namespace {

int state_order(const std::string& s) {
    if (s == "new") return 0;
    if (s == "persisting") return 1;
    if (s == "not_reassessed") return 2;
    return 3;  // fixed
}

}  // namespace

AuditDiff compare_with_previous(const PreviousAudit& previous, const ReportModel& current) {
    AuditDiff d;
    d.present = true;
    d.previous_dir = previous.dir;
    d.previous_started = previous.started;
    d.previous_verdict = previous.verdict;
    d.previous_manifest_sha256 = previous.manifest_sha256;
    d.previous_status_counts = previous.status_counts;

    std::set<std::pair<std::string, std::string>> before;
    for (const auto& f : previous.open_findings) before.insert({f.rule_id, f.subject});
    std::set<std::pair<std::string, std::string>> now;
    std::map<std::string, std::string> judged_now;  // rule → status this time
    for (const auto& a : current.assessments) {
        judged_now[a.rule->id] = a.status;
        for (const auto& f : a.findings) {
            if (f.status != "fail") continue;
            if (!now.insert({a.rule->id, f.subject}).second) continue;
            d.entries.push_back({a.rule->id, f.subject, a.rule->severity,
                                 before.count({a.rule->id, f.subject}) ? "persisting" : "new"});
        }
    }
    for (const auto& f : previous.open_findings) {
        if (now.count({f.rule_id, f.subject})) continue;
        auto it = judged_now.find(f.rule_id);
        bool judged = it != judged_now.end() && (it->second == "pass" || it->second == "fail");
        bool listed = std::any_of(d.entries.begin(), d.entries.end(), [&](const DiffEntry& e) {
            return e.rule_id == f.rule_id && e.subject == f.subject;
        });
        if (!listed) d.entries.push_back({f.rule_id, f.subject, f.severity, judged ? "fixed" : "not_reassessed"});
    }
    std::sort(d.entries.begin(), d.entries.end(), [](const DiffEntry& a, const DiffEntry& b) {
        return std::make_tuple(state_order(a.state), a.rule_id, a.subject) <
               std::make_tuple(state_order(b.state), b.rule_id, b.subject);
    });
    for (const char* s : {"new", "persisting", "fixed", "not_reassessed"}) d.counts[s] = 0;
    for (const auto& e : d.entries) ++d.counts[e.state];
    return d;
}

}  // namespace vca::report
