#include "reports/render/json_report.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

#include "auditor/core/utc_time.hpp"
#include "reports/json/json_stream.hpp"
#include "reports/json/json_writer.hpp"

namespace vca::report {

namespace {

nlohmann::json meetings_json(const MeetingStats& s) {
    nlohmann::json periods = nlohmann::json::array();
    for (const auto& p : s.periods)
        periods.push_back({{"period", p.period}, {"meetings", p.meetings}, {"protected", p.protected_meetings},
                           {"duration_s", p.duration_s}});
    return {{"meetings", s.meetings},
            {"protected", s.protected_meetings},
            {"unprotected", s.unprotected_meetings},
            {"unknown", s.unknown_meetings},
            {"total_duration_s", s.total_duration_s},
            {"median_duration_s", s.median_duration_s},
            {"longest_duration_s", s.longest_duration_s},
            {"local_endpoints", s.local_endpoints},
            {"remote_parties", s.remote_parties},
            {"allowed_networks_known", s.allowed_networks_known},
            {"platforms", s.platforms},
            {"external_platform_tls_sessions", s.external_platforms},
            {"periods", periods}};
}

nlohmann::json diff_json(const AuditDiff& d) {
    if (!d.present) return nullptr;
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : d.entries)
        entries.push_back({{"state", e.state}, {"rule_id", e.rule_id}, {"subject", e.subject}, {"severity", e.severity}});
    return {{"folder", d.previous_dir},
            {"started", d.previous_started},
            {"verdict", d.previous_verdict},
            {"manifest_sha256", d.previous_manifest_sha256},
            {"summary", d.previous_status_counts},
            {"counts", d.counts},
            {"findings", entries}};
}

nlohmann::json coverage_json(const Coverage& c) {
    nlohmann::json j = {{"traffic", c.has_traffic},
                        {"first", c.has_traffic ? nlohmann::json(core::iso_utc(c.first_ts)) : nlohmann::json()},
                        {"last", c.has_traffic ? nlohmann::json(core::iso_utc(c.last_ts)) : nlohmann::json()},
                        {"capture_dropped_packets", c.capture_dropped}};
    if (c.period) {
        const auto& p = *c.period;
        j["period"] = {{"label", p.label},
                       {"from", p.from_date},
                       {"to", p.to_date},
                       {"covered_s", static_cast<std::int64_t>(c.covered_s)},
                       {"covered_percent", static_cast<int>(c.covered_fraction() * 100.0 + 0.5)}};
    } else {
        j["period"] = nullptr;
    }
    return j;
}

// One rule's entry, its findings left to be streamed.
nlohmann::json rule_json(const engine::Assessment& a) {
    const auto& r = *a.rule;
    return {{"rule_id", r.id},
            {"title", {{"vi", r.title.vi}, {"en", r.title.en}}},
            {"severity", r.severity},
            {"kind", r.kind == engine::RuleKind::Manual ? "manual" : "automated"},
            {"clause", a.clause},
            {"catalogue", r.catalogue},
            {"status", a.status},
            {"advisory", a.advisory},
            {"reason", a.reason},
            {"remediation", {{"vi", r.remediation.vi}, {"en", r.remediation.en}}},
            {"findings", streamed_array("findings")}};
}

// Keys in sorted order, as the tree form would have them.
void write_finding(JsonWriter& w, const engine::Finding& f) {
    w.begin_object();
    w.field("detail", f.detail);
    w.field("evidence", f.evidence);
    w.field("status", f.status);
    w.field("subject", f.subject);
    if (!f.waiver.empty()) w.field("waiver", f.waiver);
    w.end_object();
}

}  // namespace

void write_json(const ReportModel& m, std::ostream& out) {
    using nlohmann::json;
    json j;
    j["report_format"] = kReportFormat;
    j["tool"] = {{"name", "vcaudit"},
                 {"version", m.run.tool_version},
                 {"schema_version", m.run.schema_version},
                 {"rules_sha256", m.run.rules_sha256}};
    // The only values that differ between two runs over the same inputs with the
    // same options: everything else in this file is a function of those.
    j["this_run"] = {{"started", m.run.started}, {"finished", m.run.finished}, {"custody_head", m.run.custody_head}};
    j["run"] = {{"signer", {{"subject", m.run.signer_subject},
                            {"cert_sha256", m.run.signer_cert_sha256},
                            {"demo_key", m.run.demo_key}}}};
    j["site"] = {{"name", m.site.name},
                 {"level", m.site.level},
                 {"regime", m.site.regime},
                 {"approval", {{"decision", m.site.approval_decision}, {"date", m.site.approval_date}}},
                 {"allowed_networks", m.site.allowed_networks},
                 {"policy", {{"path", m.site.policy_path}, {"sha256", m.site.policy_sha256}}}};
    json inputs = json::array();
    for (const auto& in : m.inputs)
        inputs.push_back({{"input_id", in.input_id}, {"path", in.path}, {"kind", in.kind},
                          {"sha256", in.sha256}, {"size", in.size}, {"format", in.format},
                          {"linktype", in.linktype}, {"frames", in.frames}, {"complete", in.complete},
                          {"first", in.frames > 0 ? nlohmann::json(core::iso_utc(in.first_ts)) : nlohmann::json()},
                          {"last", in.frames > 0 ? nlohmann::json(core::iso_utc(in.last_ts)) : nlohmann::json()}});
    j["inputs"] = inputs;
    // Every violation is listed: the rules and their findings are streamed,
    // one at a time, so a large audit's report is never a tree in memory.
    j["assessments"] = streamed_array("assessments");
    json controls = json::array();
    for (const auto& c : m.controls) {
        json cj = {{"id", c.question->id},
                   {"question", {{"vi", c.question->question.vi}, {"en", c.question->question.en}}},
                   {"catalogue", c.question->catalogue},
                   {"status", c.status},
                   {"reason", c.reason},
                   {"answer", c.answer},
                   {"date", c.date},
                   {"evidence", c.evidence},
                   {"evidence_sha256", c.evidence_sha256}};
        controls.push_back(cj);
    }
    j["controls"] = controls;
    json headings = json::array();
    for (const auto& h : m.headings)
        headings.push_back({{"id", h.entry->id},
                            {"group", h.entry->group},
                            {"title", {{"vi", h.entry->title.vi}, {"en", h.entry->title.en}}},
                            {"clause", h.clause},
                            {"current", h.current},
                            {"status", h.status},
                            {"assessed_by", h.how}});
    j["headings"] = headings;
    json anomalies = json::array();
    for (const auto& an : m.anomalies)
        anomalies.push_back({{"name", an.name}, {"count", an.count}, {"example", an.example}});
    j["anomalies"] = anomalies;
    j["evidence_counts"] = {{"frames", m.counts.frames},         {"flows", m.counts.flows},
                            {"tls_sessions", m.counts.tls_sessions}, {"sip_messages", m.counts.sip_messages},
                            {"sdp_media", m.counts.sdp_media},   {"anomalies", m.counts.anomalies}};
    j["coverage"] = coverage_json(m.coverage);
    json flags = json::array();
    for (const auto& f : m.content_flags)
        flags.push_back({{"rule", f.rule}, {"namespace", f.rule_namespace}, {"tags", f.tags}, {"scope", f.scope},
                         {"direction", f.direction.empty() ? json() : json(f.direction)},
                         {"time", core::iso_utc(f.ts)}, {"object_name", f.object_name},
                         {"object_sha256", f.object_sha256}, {"object_size", f.object_size},
                         {"flow_id", f.flow_id == 0 ? json() : json(f.flow_id)}});
    j["content_matches"] = {{"total", m.content_flags_total}, {"listed", flags}};
    j["meetings"] = meetings_json(m.meetings);
    j["previous_audit"] = diff_json(m.diff);
    json summary = {{"verdict", m.verdict}, {"rules", m.assessments.size()}};
    for (const char* s : {"pass", "fail", "advisory", "not_assessed", "manual", "waived", "error"}) {
        auto it = m.status_counts.find(s);
        summary[s] = it == m.status_counts.end() ? 0 : it->second;
    }
    json cc = json::object();
    for (const char* s : {"pass", "fail", "manual", "not_assessed"}) {
        auto it = m.control_counts.find(s);
        cc[s] = it == m.control_counts.end() ? 0 : it->second;
    }
    summary["controls"] = cc;
    j["summary"] = summary;
    // Invalid UTF-8 from a capture (a User-Agent, an SNI) is replaced, never fatal.
    write_streamed(out, j, 0, [&m](std::string_view, StreamedArray& rules) {
        for (const auto& a : m.assessments) rules.add_streamed(rule_json(a), [&a](std::string_view, StreamedArray& findings) {
            for (const auto& f : a.findings) findings.add_written([&f](JsonWriter& w) { write_finding(w, f); });
        });
    });
    out.put('\n');
}

std::string render_json(const ReportModel& model) {
    std::ostringstream out;
    write_json(model, out);
    return std::move(out).str();
}

}  // namespace vca::report
