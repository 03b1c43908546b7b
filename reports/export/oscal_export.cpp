#include "reports/export/oscal_export.hpp"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/export/export_ids.hpp"
#include "reports/json/json_stream.hpp"
#include "reports/json/json_writer.hpp"
#include "reports/export/export_text.hpp"
#include "reports/export/status_mapping.hpp"

namespace vca::report {
namespace {

using nlohmann::json;

// OSCAL requires a timezone-qualified time; a model without run times (never
// from a real audit) still yields a valid document.
constexpr const char* kUnknownTime = "1970-01-01T00:00:00Z";

// Names of the streamed arrays (see json_stream.hpp).
constexpr std::string_view kObservations = "observations";
constexpr std::string_view kFindings = "findings";
constexpr std::string_view kResources = "resources";
constexpr std::string_view kRelated = "related-observations";

class OscalWriter {
public:
    // Identifiers used once per violation are derived here once: each is a SHA-256.
    OscalWriter(const ReportModel& m, const ExportBinding& b)
        : m_(m), b_(b), tool_uuid_(export_uuid(b_, "oscal-tool", m_.run.tool_version)) {
        for (const auto& in : m_.inputs)
            inputs_[in.input_id] = {&in, uuid("resource", "input\n" + input_key(in.input_id)), {}, {}};
        for (auto& [id, known] : inputs_) {
            known.subject = input_subject(*known.entry);
            known.evidence = input_evidence(*known.entry);
        }
        report_uuid_ = uuid("resource", "report.json");
        origins_ = json::array({{{"actors", json::array({{{"type", "tool"}, {"actor-uuid", tool_uuid_}}})}}});
    }

    // The document with its long arrays (observations, findings, back-matter
    // resources, a rule's related observations) written one element at a time.
    void write(std::ostream& out) {
        json ar;
        ar["uuid"] = uuid("document", "");
        ar["metadata"] = metadata();
        ar["import-ap"] = {{"href", "#" + uuid("resource", "assessment-plan")},
                           {"remarks", "vcaudit has no separate assessment plan: the plan is the rule pack "
                                       "(rules-sha256) applied at the site's level, described in back-matter."}};
        ar["results"] = json::array({result()});
        ar["back-matter"] = {{"resources", streamed_array(kResources)}};
        json doc = {{"assessment-results", ar}};
        write_streamed(out, doc, 0, [this](std::string_view name, StreamedArray& array) { fill(name, array); });
        out.put('\n');
    }

private:
    struct KnownInput {
        const InputEntry* entry;
        std::string resource_uuid;
        json subject, evidence;  // as cited by observations
    };

    const ReportModel& m_;
    const ExportBinding& b_;
    std::string tool_uuid_, report_uuid_;
    json origins_;
    std::map<std::int64_t, KnownInput> inputs_;

    std::string uuid(std::string_view kind, std::string_view key) const {
        return export_uuid(b_, "oscal", b_.report_json_sha256 + "\n" + std::string(kind) + "\n" + std::string(key));
    }
    const std::string& tool_uuid() const { return tool_uuid_; }
    std::string input_resource_uuid(const InputEntry& in) const { return inputs_.at(in.input_id).resource_uuid; }

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

    const json& origins() const { return origins_; }

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
        // Written later by fill(); OSCAL arrays have minItems 1, so empty ones are left out.
        if (!m_.inputs.empty() || !m_.assessments.empty() || !m_.controls.empty())
            r[std::string(kObservations)] = streamed_array(kObservations);
        if (!m_.assessments.empty() || !m_.headings.empty()) r[std::string(kFindings)] = streamed_array(kFindings);
        return r;
    }

    void fill(std::string_view name, StreamedArray& array) const {
        if (name == kObservations) {
            for (const auto& in : m_.inputs) array.add(input_observation(in));
            for (const auto& a : m_.assessments) {
                array.add(rule_observation(a));
                for (std::size_t i = 0; i < a.findings.size(); ++i)
                    array.add_written([&](JsonWriter& w) { violation_observation(w, a, i); });
            }
            for (const auto& c : m_.controls) array.add(control_observation(c));
        } else if (name == kFindings) {
            for (const auto& a : m_.assessments)
                array.add_streamed(rule_finding(a), [&](std::string_view, StreamedArray& related) {
                    related.add({{"observation-uuid", uuid("observation", "rule\n" + a.rule->id)}});
                    for (std::size_t i = 0; i < a.findings.size(); ++i)
                        related.add_written([&](JsonWriter& w) {
                            w.begin_object();
                            w.field("observation-uuid", violation_uuid(a, i));
                            w.end_object();
                        });
                });
            for (const auto& h : m_.headings) array.add(heading_finding(h));
        } else if (name == kResources) {
            back_matter(array);
        }
    }

    std::string violation_uuid(const engine::Assessment& a, std::size_t index) const {
        return uuid("observation", "violation\n" + a.rule->id + "\n" + std::to_string(index));
    }

    static std::string input_key(std::int64_t id) { return std::to_string(id); }

    json input_subject(const InputEntry& in) const {
        return {{"subject-uuid", input_resource_uuid(in)},
                {"type", "resource"},
                {"title", line(in.path, "input " + input_key(in.input_id))}};
    }

    json input_evidence(const InputEntry& in) const {
        json ev = {{"href", "#" + input_resource_uuid(in)},
                   {"description", "Input " + in.path + " (" + in.kind + "), SHA-256 " + in.sha256}};
        json props = json::array();
        add_prop(props, "sha256", in.sha256);
        set_list(ev, "props", props);
        return ev;
    }

    json report_evidence(std::string_view why) const {
        return {{"href", "#" + report_uuid_}, {"description", std::string(why)}};
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
            if (auto it = inputs_.find(id); it != inputs_.end()) out.push_back(it->second.entry);
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

    // The hot path (one per violation, tens of thousands): written directly,
    // with the inputs' subject and evidence trees made once per input.
    void violation_observation(JsonWriter& w, const engine::Assessment& a, std::size_t index) const {
        const auto& r = *a.rule;
        const auto& f = a.findings[index];
        std::vector<const KnownInput*> cited;
        for (std::int64_t id : evidence_input_ids(f.evidence))
            if (auto it = inputs_.find(id); it != inputs_.end()) cited.push_back(&it->second);
        std::string desc = f.detail.empty() ? r.title.en : f.detail;
        if (!f.evidence.empty()) desc += "\n\nEvidence: " + f.evidence;
        if (!f.waiver.empty()) desc += "\n\nWaiver: " + f.waiver;
        w.begin_object();
        w.field("collected", finished());
        w.field("description", desc);
        w.key("methods").begin_array();
        w.string("TEST");
        w.end_array();
        w.key("origins").value(origins_);
        write_props(w, {{"rule-id", r.id}, {"status", f.status}, {"severity", r.severity}, {"subject", f.subject},
                        {"evidence", f.evidence}});
        w.key("relevant-evidence").begin_array();
        for (const KnownInput* in : cited) w.value(in->evidence);
        if (cited.empty()) w.value(report_evidence("Violation recorded in report.json (assessments[].findings[])."));
        w.end_array();
        if (!cited.empty()) {
            w.key("subjects").begin_array();
            for (const KnownInput* in : cited) w.value(in->subject);
            w.end_array();
        }
        w.field("title", line(r.id + ": " + f.subject, r.id));
        w.key("types").begin_array();
        w.string("finding");
        w.end_array();
        w.field("uuid", violation_uuid(a, index));
        w.end_object();
    }

    // add_prop's rule for the direct writer: empty values are left out, and
    // so is an empty list.
    static void write_props(JsonWriter& w, std::initializer_list<std::pair<std::string_view, std::string_view>> props) {
        bool open = false;
        for (const auto& [name, value] : props) {
            std::string v = one_line(value);
            if (v.empty()) continue;
            if (!open) w.key("props").begin_array();
            open = true;
            w.begin_object();
            w.field("name", name);
            w.field("ns", kOscalPropNs);
            w.field("value", v);
            w.end_object();
        }
        if (open) w.end_array();
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
        f[std::string(kRelated)] = streamed_array(kRelated);  // one per violation: written by fill()
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

    // One resource per input, so streamed like the observations.
    void back_matter(StreamedArray& resources) const {
        json report = {{"uuid", report_uuid_},
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
        resources.add(report);

        json plan = {{"uuid", uuid("resource", "assessment-plan")},
                     {"title", line("vcaudit rule pack at level " + std::to_string(m_.site.level), "vcaudit rule pack")},
                     {"description", "The rules evaluated (their files' digest is rules-sha256), applied at level " +
                                         std::to_string(m_.site.level) + " of the " + m_.site.regime + " regime."}};
        json plan_props = json::array();
        add_prop(plan_props, "rules-sha256", m_.run.rules_sha256);
        add_prop(plan_props, "level", std::to_string(m_.site.level));
        add_prop(plan_props, "regime", m_.site.regime);
        set_list(plan, "props", plan_props);
        resources.add(plan);

        for (const auto& in : m_.inputs) {
            json res = {{"uuid", input_resource_uuid(in)},
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
            resources.add(res);
        }
    }
};

}  // namespace

void write_oscal(const ReportModel& model, const ExportBinding& binding, std::ostream& out) {
    OscalWriter(model, binding).write(out);
}

std::string render_oscal(const ReportModel& model, const ExportBinding& binding) {
    std::ostringstream out;
    write_oscal(model, binding, out);
    return std::move(out).str();
}

}  // namespace vca::report
