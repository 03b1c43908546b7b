// A hand-built ReportModel for the renderer tests: rules of every severity,
// findings whose text an attacker chose, controls, headings, meetings and a
// previous audit. Owns the rules and catalogue entries the model points to.
#pragma once

#include <deque>
#include <string>

#include "reports/model/report_model.hpp"

namespace vca::report::test {

inline constexpr const char* kEvil = "<script>alert('x')</script>";

struct ModelFixture {
    std::deque<engine::Rule> rules;
    std::deque<engine::CatalogueEntry> entries;
    std::deque<engine::Question> questions;
    ReportModel model;

    engine::Rule& add_rule(const std::string& id, const std::string& severity) {
        engine::Rule r;
        r.id = id;
        r.severity = severity;
        r.title = {"Tiêu đề " + id, "Title " + id};
        r.rationale = {"Lý do " + id, "Rationale " + id};
        r.remediation = {"Khắc phục " + id, "Fix " + id};
        rules.push_back(r);
        return rules.back();
    }

    engine::Assessment& assess(const engine::Rule& r, const std::string& status, int findings) {
        engine::Assessment a;
        a.rule = &r;
        a.status = status;
        a.clause = "7.2.1.1";
        for (int i = 0; i < findings; ++i)
            a.findings.push_back({"fail", r.id + "-subject-" + std::to_string(i), "detail", "flow:" + std::to_string(i), ""});
        model.assessments.push_back(a);
        if (status == "fail" && a.advisory) ++model.status_counts["advisory"];
        else ++model.status_counts[status];
        return model.assessments.back();
    }

    ModelFixture() {
        model.site.name = "UBND xã Mẫu — phòng họp";
        model.site.level = 3;
        model.site.regime = "legacy";
        model.run.started = "2026-11-02T09:00:00Z";
        model.run.finished = "2026-11-02T09:05:00Z";
        model.run.tool_version = "0.1.0";
        model.run.rules_sha256 = std::string(64, 'a');
        model.run.custody_head = std::string(64, 'c');
        model.verdict = "fail";
    }
};

}  // namespace vca::report::test
