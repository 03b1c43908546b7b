#include "reports/export/oscal_export.hpp"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "reports/export/export_ids.hpp"
#include "reports/export/export_text.hpp"
#include "reports/export/status_mapping.hpp"

namespace vca::report {
namespace {

using nlohmann::json;

// OSCAL requires a timezone-qualified time; a model without run times (never
// from a real audit) still yields a valid document.
constexpr const char* kUnknownTime = "1970-01-01T00:00:00Z";

class OscalWriter {
public:
    OscalWriter(const ReportModel& m, const ExportBinding& b) : m_(m), b_(b) {
        for (const auto& in : m_.inputs) inputs_[in.input_id] = &in;
    }

    std::string render() {
        json ar;
        ar["uuid"] = uuid("document", "");
        ar["metadata"] = metadata();
        ar["import-ap"] = {{"href", "#" + uuid("resource", "assessment-plan")},
                           {"remarks", "vcaudit has no separate assessment plan: the plan is the rule pack "
                                       "(rules-sha256) applied at the site's level, described in back-matter."}};
        ar["results"] = json::array({result()});
        ar["back-matter"] = {{"resources", back_matter()}};
        json doc = {{"assessment-results", ar}};
        return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    }

private:
    const ReportModel& m_;
    const ExportBinding& b_;
    std::map<std::int64_t, const InputEntry*> inputs_;

    std::string uuid(std::string_view kind, std::string_view key) const {
        return export_uuid(b_, "oscal", b_.report_json_sha256 + "\n" + std::string(kind) + "\n" + std::string(key));
    }
    std::string tool_uuid() const { return export_uuid(b_, "oscal-tool", m_.run.tool_version); }

    static std::string time_or_unknown(const std::string& iso) {
        return iso_utc_to_epoch_ms(iso) ? iso : kUnknownTime;
    }
    std::string started() const { return time_or_unknown(m_.run.started); }
    std::string finished() const {
        return iso_utc_to_epoch_ms(m_.run.finished) ? m_.run.finished : started();
    }

    // A MarkupLine / String value: one line, never empty.
    static std::string line(std::string_view text, std::string_view fallback) {
        std::string s = one_line(text);
        return s.empty() ? std::string(fallback) : s;
    }

    // OSCAL tokens (NCName): a letter or '_' first, then letters, digits, '.', '-', '_'.
    static std::string token(std::string_view id) {
        std::string out;
        for (unsigned char c : id) out.push_back(std::isalnum(c) || c == '.' || c == '-' || c == '_' ? char(c) : '_');
        if (out.empty() || !(std::isalpha(static_cast<unsigned char>(out[0])) || out[0] == '_')) out.insert(0, "_");
        return out;
    }

    // Empty values are left out: an OSCAL prop value must be a non-empty string.
    static void add_prop(json& props, std::string_view name, std::string_view value) {
        std::string v = one_line(value);
        if (!v.empty()) props.push_back({{"name", std::string(name)}, {"ns", kOscalPropNs}, {"value", v}});
    }
    // OSCAL arrays have minItems 1: an empty list is omitted, not written as [].
    // Taken by value and moved in: the observation and finding lists are
    // as long as the violations, and are not copied a second time.
    static void set_list(json& obj, const char* key, json list) {
        if (!list.empty()) obj[key] = std::move(list);
    }

    std::string resource_ref(std::string_view kind, std::string_view key) const { return "#" + uuid(kind, key); }
    json origins() const {
        return json::array({{{"actors", json::array({{{"type", "tool"}, {"actor-uuid", tool_uuid()}}})}}});
    }

    json metadata() const {
        json md;
        md["title"] = line("vcaudit assessment results: " + m_.site.name, "vcaudit assessment results");
        md["last-modified"] = finished();
        md["version"] = "1";
        md["oscal-version"] = kOscalVersion;
        json props = json::array();
        add_prop(props, "tool-name", "vcaudit");
        add_prop(props, "tool-version", m_.run.tool_version);
        add_prop(props, "facts-schema-version", std::to_string(m_.run.schema_version));
        add_prop(props, "report-json-sha256", b_.report_json_sha256);
        add_prop(props, "rules-sha256", m_.run.rules_sha256);
        add_prop(props, "site-id", b_.site_id);
        set_list(md, "props", props);
        return md;
    }

    json result() const {
        json r;
        r["uuid"] = uuid("result", "");
        r["title"] = line("Security audit of " + m_.site.name + " at level " + std::to_string(m_.site.level) + " (" +
                              m_.site.regime + " regime)",
                          "Security audit");
        std::string desc = "Automated and attested assessment by vcaudit " + m_.run.tool_version + ". Verdict: " +
                           m_.verdict + ". Site: " + m_.site.name + ", level " + std::to_string(m_.site.level) +
                           ", regime " + m_.site.regime + ".";
        r["description"] = desc;
        r["start"] = started();
        r["end"] = finished();
        json props = json::array();
        add_prop(props, "site-name", m_.site.name);
        add_prop(props, "site-id", b_.site_id);
        add_prop(props, "level", std::to_string(m_.site.level));
        add_prop(props, "regime", m_.site.regime);
        add_prop(props, "verdict", m_.verdict);
        add_prop(props, "report-json-sha256", b_.report_json_sha256);
        add_prop(props, "policy-sha256", m_.site.policy_sha256);
        add_prop(props, "signer-cert-sha256", m_.run.signer_cert_sha256);
        if (m_.run.demo_key) add_prop(props, "demo-key", "true");
        for (const auto& [status, count] : m_.status_counts) add_prop(props, "rules-" + token(status), std::to_string(count));
        set_list(r, "props", props);
        json tool = {{"uuid", tool_uuid()},
                     {"type", "software"},
                     {"title", line("vcaudit " + m_.run.tool_version, "vcaudit")},
                     {"description", "vcaudit, the security audit tool that produced these results."},
                     {"status", {{"state", "operational"}}}};
        json tool_props = json::array();
        add_prop(tool_props, "version", m_.run.tool_version);
        set_list(tool, "props", tool_props);
        r["local-definitions"] = {{"components", json::array({tool})}};
        json selection = {{"description", "Every catalogue heading of the level."}};
        json include = json::array();
        for (const auto& h : m_.headings) include.push_back({{"control-id", token(h.entry->id)}});
        if (include.empty()) selection["include-all"] = json::object();
        else selection["include-controls"] = include;
        r["reviewed-controls"] = {{"description", "Catalogue headings of level " + std::to_string(m_.site.level) +
                                                      " (" + m_.site.regime + " regime) and the rules mapped to them."},
                                  {"control-selections", json::array({selection})}};
        json observations = json::array();
        for (const auto& in : m_.inputs) observations.push_back(input_observation(in));
        for (const auto& a : m_.assessments) {
            observations.push_back(rule_observation(a));
            for (std::size_t i = 0; i < a.findings.size(); ++i) observations.push_back(violation_observation(a, i));
        }
        for (const auto& c : m_.controls) observations.push_back(control_observation(c));
        set_list(r, "observations", std::move(observations));
        json findings = json::array();
        for (const auto& a : m_.assessments) findings.push_back(rule_finding(a));
        for (const auto& h : m_.headings) findings.push_back(heading_finding(h));
        set_list(r, "findings", std::move(findings));
        return r;
    }

    static std::string input_key(std::int64_t id) { return std::to_string(id); }

    json input_subject(const InputEntry& in) const {
        return {{"subject-uuid", uuid("resource", "input\n" + input_key(in.input_id))},
                {"type", "resource"},
                {"title", line(in.path, "input " + input_key(in.input_id))}};
    }

    json input_evidence(const InputEntry& in) const {
        json ev = {{"href", resource_ref("resource", "input\n" + input_key(in.input_id))},
                   {"description", "Input " + in.path + " (" + in.kind + "), SHA-256 " + in.sha256}};
        json props = json::array();
        add_prop(props, "sha256", in.sha256);
        set_list(ev, "props", props);
        return ev;
    }

    json report_evidence(std::string_view why) const {
        return {{"href", resource_ref("resource", "report.json")}, {"description", std::string(why)}};
    }

    json input_observation(const InputEntry& in) const {
        json o;
        o["uuid"] = uuid("observation", "input\n" + input_key(in.input_id));
        o["title"] = line("Input " + in.path, "Input");
        o["description"] = "Input hashed and recorded before analysis: " + in.path + " (" + in.kind + ", " +
                           std::to_string(in.size) + " bytes" + (in.complete ? "" : ", incomplete") + ").";
        json props = json::array();
        add_prop(props, "input-id", input_key(in.input_id));
        add_prop(props, "kind", in.kind);
        add_prop(props, "format", in.format);
        add_prop(props, "linktype", in.linktype);
        add_prop(props, "frames", std::to_string(in.frames));
        add_prop(props, "complete", in.complete ? "true" : "false");
        set_list(o, "props", props);
        o["methods"] = json::array({"EXAMINE"});
        o["types"] = json::array({"discovery"});
        o["origins"] = origins();
        o["subjects"] = json::array({input_subject(in)});
        o["relevant-evidence"] = json::array({input_evidence(in)});
        o["collected"] = started();
        return o;
    }

    // Inputs a finding's evidence names ("input 26,27"), when they are known.
    std::vector<const InputEntry*> cited_inputs(const engine::Finding& f) const {
        std::vector<const InputEntry*> out;
        for (std::int64_t id : evidence_input_ids(f.evidence))
            if (auto it = inputs_.find(id); it != inputs_.end()) out.push_back(it->second);
        return out;
    }

    json rule_observation(const engine::Assessment& a) const {
        const auto& r = *a.rule;
        json o;
        o["uuid"] = uuid("observation", "rule\n" + r.id);
        o["title"] = line(r.id + ": " + r.title.en, r.id);
        std::string desc = r.title.en + "\n\nStatus: " + a.status + (a.advisory ? " (advisory at this level)" : "");
        if (!a.reason.empty()) desc += "\n\nReason: " + a.reason;
        desc += "\n\nViolations: " + std::to_string(a.findings.size()) + ".";
        o["description"] = desc;
        json props = json::array();
        add_prop(props, "rule-id", r.id);
        add_prop(props, "status", a.status);
        add_prop(props, "severity", r.severity);
        add_prop(props, "clause", a.clause);
        add_prop(props, "advisory", a.advisory ? "true" : "false");
        add_prop(props, "title-vi", r.title.vi);
        for (const auto& heading : r.catalogue) add_prop(props, "catalogue-heading", heading);
        set_list(o, "props", props);
        o["methods"] = json::array({r.kind == engine::RuleKind::Manual ? "EXAMINE" : "TEST"});
        o["types"] = json::array({"control-objective"});
        o["origins"] = origins();
        json subjects = json::array();
        std::map<std::int64_t, bool> seen;
        for (const auto& f : a.findings)
            for (const InputEntry* in : cited_inputs(f))
                if (!seen[in->input_id]) {
                    seen[in->input_id] = true;
                    subjects.push_back(input_subject(*in));
                }
        set_list(o, "subjects", subjects);
        o["relevant-evidence"] = json::array({report_evidence("Rule result in report.json (assessments[]).")});
        o["collected"] = finished();
        return o;
    }

    json violation_observation(const engine::Assessment& a, std::size_t index) const {
        const auto& r = *a.rule;
        const auto& f = a.findings[index];
        json o;
        o["uuid"] = uuid("observation", "violation\n" + r.id + "\n" + std::to_string(index));
        o["title"] = line(r.id + ": " + f.subject, r.id);
        std::string desc = f.detail.empty() ? r.title.en : f.detail;
        if (!f.evidence.empty()) desc += "\n\nEvidence: " + f.evidence;
        if (!f.waiver.empty()) desc += "\n\nWaiver: " + f.waiver;
        o["description"] = desc;
        json props = json::array();
        add_prop(props, "rule-id", r.id);
        add_prop(props, "status", f.status);
        add_prop(props, "severity", r.severity);
        add_prop(props, "subject", f.subject);
        add_prop(props, "evidence", f.evidence);
        set_list(o, "props", props);
        o["methods"] = json::array({"TEST"});
        o["types"] = json::array({"finding"});
        o["origins"] = origins();
        json subjects = json::array(), evidence = json::array();
        for (const InputEntry* in : cited_inputs(f)) {
            subjects.push_back(input_subject(*in));
            evidence.push_back(input_evidence(*in));
        }
        if (evidence.empty()) evidence.push_back(report_evidence("Violation recorded in report.json (assessments[].findings[])."));
        set_list(o, "subjects", subjects);
        o["relevant-evidence"] = evidence;
        o["collected"] = finished();
        return o;
    }

    json control_observation(const engine::ControlAssessment& c) const {
        const auto& q = *c.question;
        json o;
        o["uuid"] = uuid("observation", "control\n" + q.id);
        o["title"] = line(q.id + ": " + q.question.en, q.id);
        std::string desc = q.question.en + "\n\nStatus: " + c.status;
        if (!c.answer.empty()) desc += "\n\nAnswer: " + c.answer + (c.date.empty() ? "" : " (" + c.date + ")");
        if (!c.reason.empty()) desc += "\n\nReason: " + c.reason;
        o["description"] = desc;
        json props = json::array();
        add_prop(props, "control-id", q.id);
        add_prop(props, "status", c.status);
        add_prop(props, "answer", c.answer);
        add_prop(props, "date", c.date);
        for (const auto& heading : q.catalogue) add_prop(props, "catalogue-heading", heading);
        set_list(o, "props", props);
        o["methods"] = json::array({"INTERVIEW"});
        o["types"] = json::array({"control-objective"});
        o["origins"] = origins();
        if (!c.evidence.empty()) {
            json ev = {{"href", uri_reference(c.evidence)},
                       {"description", "Evidence document " + c.evidence +
                                           (c.evidence_sha256.empty() ? "" : ", SHA-256 " + c.evidence_sha256)}};
            json ev_props = json::array();
            add_prop(ev_props, "sha256", c.evidence_sha256);
            set_list(ev, "props", ev_props);
            o["relevant-evidence"] = json::array({ev});
        }
        o["collected"] = finished();
        return o;
    }

    static json target(std::string_view id, std::string_view status, const json& props) {
        OscalStatus s = oscal_status(status);
        json t = {{"type", "objective-id"},
                  {"target-id", token(id)},
                  {"status", {{"state", s.state}, {"reason", s.reason}}}};
        set_list(t, "props", props);
        return t;
    }

    json rule_finding(const engine::Assessment& a) const {
        const auto& r = *a.rule;
        json f;
        f["uuid"] = uuid("finding", "rule\n" + r.id);
        f["title"] = line(r.id + ": " + r.title.en, r.id);
        std::string desc = r.rationale.en.empty() ? r.title.en : r.rationale.en;
        if (a.status == "fail" || a.status == "waived")
            desc += "\n\nRemediation: " + r.remediation.en;
        f["description"] = desc;
        json props = json::array();
        add_prop(props, "rule-id", r.id);
        add_prop(props, "status", a.status);
        add_prop(props, "severity", r.severity);
        add_prop(props, "advisory", a.advisory ? "true" : "false");
        set_list(f, "props", props);
        json target_props = json::array();
        add_prop(target_props, "clause", a.clause);
        for (const auto& heading : r.catalogue) add_prop(target_props, "catalogue-heading", heading);
        f["target"] = target(r.id, a.status, target_props);
        json related = json::array({{{"observation-uuid", uuid("observation", "rule\n" + r.id)}}});
        for (std::size_t i = 0; i < a.findings.size(); ++i)
            related.push_back({{"observation-uuid", uuid("observation", "violation\n" + r.id + "\n" + std::to_string(i))}});
        f["related-observations"] = related;
        return f;
    }

    json heading_finding(const engine::HeadingResult& h) const {
        const auto& e = *h.entry;
        json f;
        f["uuid"] = uuid("finding", "heading\n" + e.id);
        f["title"] = line(e.id + ": " + e.title.en, e.id);
        f["description"] = "Catalogue heading " + e.id + " (" + e.title.en + "). Status: " + h.status +
                           ". Assessed by: " + (h.how.empty() ? "-" : h.how) + ".";
        json props = json::array();
        add_prop(props, "heading-id", e.id);
        add_prop(props, "group", e.group);
        add_prop(props, "status", h.status);
        add_prop(props, "title-vi", e.title.vi);
        set_list(f, "props", props);
        json target_props = json::array();
        add_prop(target_props, "clause", h.clause);
        add_prop(target_props, "current-reference", h.current);
        add_prop(target_props, "assessed-by", h.how);
        f["target"] = target(e.id, h.status, target_props);
        json related = json::array();
        for (const auto& rule_id : e.automated)
            for (const auto& a : m_.assessments)
                if (a.rule->id == rule_id) related.push_back({{"observation-uuid", uuid("observation", "rule\n" + rule_id)}});
        if (!e.manual.empty())
            for (const auto& c : m_.controls)
                if (c.question->id == e.manual)
                    related.push_back({{"observation-uuid", uuid("observation", "control\n" + e.manual)}});
        set_list(f, "related-observations", related);
        return f;
    }

    json back_matter() const {
        json resources = json::array();
        json report = {{"uuid", uuid("resource", "report.json")},
                       {"title", "report.json"},
                       {"description", "The canonical vcaudit report these results were exported from; its "
                                       "SHA-256 binds this document to the signed report."}};
        json rlink = {{"href", "report.json"}, {"media-type", "application/json"}};
        if (!one_line(b_.report_json_sha256).empty())
            rlink["hashes"] = json::array({{{"algorithm", "SHA-256"}, {"value", one_line(b_.report_json_sha256)}}});
        report["rlinks"] = json::array({rlink});
        json report_props = json::array();
        add_prop(report_props, "report-json-sha256", b_.report_json_sha256);
        set_list(report, "props", report_props);
        resources.push_back(report);

        json plan = {{"uuid", uuid("resource", "assessment-plan")},
                     {"title", line("vcaudit rule pack at level " + std::to_string(m_.site.level), "vcaudit rule pack")},
                     {"description", "The rules evaluated (their files' digest is rules-sha256), applied at level " +
                                         std::to_string(m_.site.level) + " of the " + m_.site.regime + " regime."}};
        json plan_props = json::array();
        add_prop(plan_props, "rules-sha256", m_.run.rules_sha256);
        add_prop(plan_props, "level", std::to_string(m_.site.level));
        add_prop(plan_props, "regime", m_.site.regime);
        set_list(plan, "props", plan_props);
        resources.push_back(plan);

        for (const auto& in : m_.inputs) {
            json res = {{"uuid", uuid("resource", "input\n" + input_key(in.input_id))},
                        {"title", line(in.path, "input " + input_key(in.input_id))},
                        {"description", "Audit input (" + in.kind + "), " + std::to_string(in.size) + " bytes."}};
            json link = {{"href", in.path.empty() ? "input-" + input_key(in.input_id) : uri_reference(in.path)}};
            if (!one_line(in.sha256).empty())
                link["hashes"] = json::array({{{"algorithm", "SHA-256"}, {"value", one_line(in.sha256)}}});
            res["rlinks"] = json::array({link});
            json props = json::array();
            add_prop(props, "input-id", input_key(in.input_id));
            add_prop(props, "kind", in.kind);
            set_list(res, "props", props);
            resources.push_back(res);
        }
        return resources;
    }
};

}  // namespace

std::string render_oscal(const ReportModel& model, const ExportBinding& binding) {
    return OscalWriter(model, binding).render();
}

}  // namespace vca::report
