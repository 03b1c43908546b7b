#include "reports/export/ocsf_export.hpp"

#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "reports/export/export_ids.hpp"
#include "reports/json/json_writer.hpp"
#include "reports/export/export_text.hpp"
#include "reports/export/status_mapping.hpp"

namespace vca::report {
namespace {

// Strict dotted IPv4 (the ip_t pattern rejects leading zeros); anything else
// stays a resource name only.
bool is_ipv4(std::string_view s) {
    int parts = 0;
    std::size_t i = 0;
    while (i <= s.size()) {
        std::size_t start = i;
        int value = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 3) value = value * 10 + (s[i++] - '0');
        std::size_t len = i - start;
        if (len == 0 || value > 255 || (len > 1 && s[start] == '0')) return false;
        ++parts;
        if (i == s.size()) break;
        if (s[i] != '.' || parts == 4) return false;
        ++i;
    }
    return parts == 4;
}

int severity_rank(std::string_view severity) { return ocsf_severity(severity).id; }

// What differs between the three kinds of event; write_event lays it out.
struct EventParts {
    OcsfEnum severity, status, compliance_status;
    std::string_view raw_status, detail;  // status_code; status_detail and compliance.status_details
    std::string message;
    std::string finding_uid, title, desc;
    const char* type = "";                    // finding_info.types[0]
    const engine::Assessment* rule = nullptr;  // rule and violation events: analytic, check, remediation
    std::string_view control;
    const std::vector<std::string>* requirements = nullptr;
    const std::string* category = nullptr;    // heading events: the heading's group
    const engine::Finding* violation = nullptr;  // its subject is the resource; else the site
};

class OcsfWriter {
public:
    OcsfWriter(const ReportModel& m, const ExportBinding& b, std::ostream& out) : m_(m), b_(b), out_(out) {
        time_ms_ = iso_utc_to_epoch_ms(m_.run.finished).value_or(iso_utc_to_epoch_ms(m_.run.started).value_or(0));
    }

    // One event at a time, written as it is laid out: nothing accumulates.
    void write() {
        for (const auto& a : m_.assessments) {
            rule_event(a);
            // Repeated subjects of one rule stay distinct. Keyed by views into
            // the model, which outlives this loop: no copy of the subjects.
            std::unordered_map<std::string_view, int> seen;
            for (std::size_t i = 0; i < a.findings.size(); ++i) violation_event(a, i, seen[a.findings[i].subject]++);
        }
        for (const auto& h : m_.headings) heading_event(h);
    }

private:
    const ReportModel& m_;
    const ExportBinding& b_;
    std::ostream& out_;
    std::int64_t time_ms_ = 0;
    std::size_t sequence_ = 0;

    // Same site, same rule, same subject → same uid in every run.
    std::string finding_uid(std::string_view key) const {
        return export_uuid(b_, "ocsf-finding", b_.site_id + "\n" + std::string(key));
    }

    void standards(JsonWriter& w) const {
        w.key("standards").begin_array();
        if (m_.site.regime == "current") {
            w.string("TCVN 14423:2026");
            w.string("Decree 331/2026/ND-CP");
        } else {
            w.string("TCVN 11930:2017");
            w.string("Circular 12/2022/TT-BTTTT");
        }
        w.end_array();
    }

    void check(JsonWriter& w, const engine::Assessment& a, OcsfEnum status) const {
        const auto& r = *a.rule;
        const OcsfEnum sev = ocsf_severity(r.severity);
        w.begin_object();
        if (!r.rationale.en.empty()) w.field("desc", r.rationale.en);
        w.field("name", r.title.en);
        w.field("severity", sev.caption);
        w.field("severity_id", sev.id);
        standards(w);
        w.field("status", status.caption);
        w.field("status_id", status.id);
        w.field("uid", r.id);
        w.end_object();
    }

    void compliance(JsonWriter& w, const EventParts& e) const {
        w.key("compliance").begin_object();
        if (e.category) w.field("category", *e.category);
        if (e.rule) {
            w.key("checks").begin_array();
            check(w, *e.rule, e.compliance_status);
            w.end_array();
        }
        if (std::string control = one_line(e.control); !control.empty()) w.field("control", control);
        if (e.requirements && !e.requirements->empty()) {
            w.key("requirements").begin_array();
            for (const auto& req : *e.requirements) w.string(req);
            w.end_array();
        }
        standards(w);
        w.field("status", e.compliance_status.caption);
        w.field("status_code", e.raw_status);
        if (!e.detail.empty()) {
            w.key("status_details").begin_array();
            w.string(e.detail);
            w.end_array();
        }
        w.field("status_id", e.compliance_status.id);
        w.end_object();
    }

    void finding_info(JsonWriter& w, const EventParts& e) const {
        w.key("finding_info").begin_object();
        if (e.rule) {
            w.key("analytic").begin_object();
            w.field("name", e.rule->rule->title.en);
            w.field("type", "Rule");
            w.field("type_id", 1);
            w.field("uid", e.rule->rule->id);
            w.end_object();
        }
        w.field("created_time", time_ms_);
        w.field("desc", e.desc);
        w.field("title", e.title);
        w.key("types").begin_array();
        w.string(e.type);
        w.end_array();
        w.field("uid", e.finding_uid);
        w.end_object();
    }

    void metadata(JsonWriter& w) {
        w.key("metadata").begin_object();
        if (!b_.report_json_sha256.empty()) w.field("correlation_uid", b_.report_json_sha256);
        w.field("log_name", "report.ocsf.jsonl");
        w.key("product").begin_object();
        w.field("name", "vcaudit");
        w.field("vendor_name", "vcaudit");
        if (!m_.run.tool_version.empty()) w.field("version", m_.run.tool_version);
        w.end_object();
        if (!b_.site_id.empty()) w.field("tenant_uid", b_.site_id);
        w.field("uid", export_uuid(b_, "ocsf-event", b_.report_json_sha256 + "\n" + std::to_string(sequence_++)));
        w.field("version", kOcsfVersion);
        w.end_object();
    }

    void resources(JsonWriter& w, const EventParts& e) const {
        w.key("resources").begin_array();
        w.begin_object();
        if (e.violation) {
            const std::string& subject = e.violation->subject;
            if (is_ipv4(subject)) w.field("ip", subject);
            w.field("name", subject.empty() ? std::string_view("unknown") : std::string_view(subject));
            w.field("role", "Target");
            w.field("role_id", 1);
            w.field("uid", subject.empty() ? std::string_view("unknown") : std::string_view(subject));
        } else {
            w.field("name", m_.site.name.empty() ? std::string_view("site") : std::string_view(m_.site.name));
            w.field("role", "Target");
            w.field("role_id", 1);
            w.field("type", "video conference system");
            if (!b_.site_id.empty()) w.field("uid", b_.site_id);
        }
        w.end_object();
        w.end_array();
    }

    // The event, keys in the order nlohmann's sorted objects gave them;
    // unmapped.vcaudit's keys come from `vendor`.
    template <typename Vendor>
    void write_event(const EventParts& e, Vendor&& vendor) {
        JsonWriter w(out_, -1);
        w.begin_object();
        w.field("activity_id", kOcsfActivityCreate);
        w.field("activity_name", "Create");
        w.field("category_name", "Findings");
        w.field("category_uid", kOcsfCategoryFindings);
        w.field("class_name", "Compliance Finding");
        w.field("class_uid", kOcsfClassComplianceFinding);
        compliance(w, e);
        finding_info(w, e);
        w.field("message", one_line(e.message));
        metadata(w);
        if (e.rule && !e.rule->rule->remediation.en.empty()) {
            w.key("remediation").begin_object();
            w.field("desc", e.rule->rule->remediation.en);
            w.end_object();
        }
        resources(w, e);
        w.field("severity", e.severity.caption);
        w.field("severity_id", e.severity.id);
        w.field("status", e.status.caption);
        w.field("status_code", e.raw_status);
        if (!e.detail.empty()) w.field("status_detail", e.detail);
        w.field("status_id", e.status.id);
        w.field("time", time_ms_);
        w.field("timezone_offset", 0);
        w.field("type_name", "Compliance Finding: Create");
        w.field("type_uid", kOcsfClassComplianceFinding * 100 + kOcsfActivityCreate);
        w.key("unmapped").begin_object();
        w.key("vcaudit").begin_object();
        vendor(w);
        w.end_object();
        w.end_object();
        w.end_object();
        w.flush();
        out_.put('\n');
    }

    // unmapped.vcaudit keys every event has, each written at its sorted place.
    void vendor_level_regime_report(JsonWriter& w) const {
        w.field("level", m_.site.level);
        w.field("regime", m_.site.regime);
        w.field("report_json_sha256", b_.report_json_sha256);
    }

    void rule_event(const engine::Assessment& a) {
        const auto& r = *a.rule;
        EventParts e;
        e.compliance_status = ocsf_compliance_status(a.status, a.advisory);
        e.severity = a.status == "pass" ? OcsfEnum{1, "Informational"} : ocsf_severity(r.severity);
        e.status = ocsf_finding_status(a.status);
        e.raw_status = a.status;
        e.detail = a.reason;
        e.message = r.id + " " + a.status + ": " + r.title.en;
        if (!a.findings.empty()) e.message += " (" + std::to_string(a.findings.size()) + " violation(s))";
        e.finding_uid = finding_uid("rule\n" + r.id);
        e.title = r.id + ": " + r.title.en;
        e.desc = r.title.en;
        if (!a.reason.empty()) e.desc += " " + a.reason;
        e.type = "vcaudit rule";
        e.rule = &a;
        e.control = a.clause;
        e.requirements = &r.catalogue;
        write_event(e, [&](JsonWriter& w) {
            w.field("advisory", a.advisory);
            w.field("event_kind", "rule");
            vendor_level_regime_report(w);
            w.field("rule_id", r.id);
            w.field("severity", r.severity);
            w.field("site_id", b_.site_id);
            w.field("status", a.status);
            w.field("title_vi", r.title.vi);
            w.field("violations", static_cast<std::int64_t>(a.findings.size()));
        });
    }

    void violation_event(const engine::Assessment& a, std::size_t index, int repeat) {
        const auto& r = *a.rule;
        const auto& f = a.findings[index];
        EventParts e;
        e.compliance_status = ocsf_compliance_status(f.status, a.advisory);
        e.severity = ocsf_severity(r.severity);
        e.status = ocsf_finding_status(f.status);
        e.raw_status = f.status;
        e.detail = f.waiver;
        e.message = r.id + " " + f.status + " on " + f.subject + ": " + f.detail;
        std::string key = "violation\n" + r.id + "\n" + f.subject;
        if (repeat > 0) key += "\n" + std::to_string(repeat);
        e.finding_uid = finding_uid(key);
        e.title = r.id + ": " + r.title.en;
        e.desc = f.detail.empty() ? r.title.en : f.detail;
        e.type = "vcaudit violation";
        e.rule = &a;
        e.control = a.clause;
        e.requirements = &r.catalogue;
        e.violation = &f;
        write_event(e, [&](JsonWriter& w) {
            w.field("advisory", a.advisory);
            w.field("event_kind", "violation");
            w.field("evidence", f.evidence);
            vendor_level_regime_report(w);
            w.field("rule_id", r.id);
            w.field("severity", r.severity);
            w.field("site_id", b_.site_id);
            w.field("status", f.status);
            w.field("subject", f.subject);
            w.field("title_vi", r.title.vi);
            if (!f.waiver.empty()) w.field("waiver", f.waiver);
        });
    }

    // A heading has no severity of its own: the worst of its rules that did not pass.
    OcsfEnum heading_severity(const engine::HeadingResult& h) const {
        if (h.status == "pass" || h.status == "not_applicable") return {1, "Informational"};
        OcsfEnum worst{0, "Unknown"};
        for (const auto& rule_id : h.entry->automated)
            for (const auto& a : m_.assessments)
                if (a.rule->id == rule_id && a.status != "pass" && severity_rank(a.rule->severity) > worst.id)
                    worst = ocsf_severity(a.rule->severity);
        return worst;
    }

    void heading_event(const engine::HeadingResult& h) {
        const auto& entry = *h.entry;
        const std::vector<std::string> requirements{entry.id};
        EventParts e;
        e.compliance_status = ocsf_compliance_status(h.status, false);
        e.severity = heading_severity(h);
        e.status = ocsf_finding_status(h.status);
        e.raw_status = h.status;
        e.detail = h.how;
        e.message = "Heading " + entry.id + " " + h.status + ": " + entry.title.en;
        e.finding_uid = finding_uid("heading\n" + entry.id);
        e.title = entry.id + ": " + entry.title.en;
        e.desc = "Assessed by: " + (h.how.empty() ? std::string("-") : h.how);
        e.type = "vcaudit heading";
        e.control = m_.site.regime == "current" ? h.current : h.clause;
        e.requirements = &requirements;
        e.category = &entry.group;
        write_event(e, [&](JsonWriter& w) {
            w.field("clause", h.clause);
            w.field("current_reference", h.current);
            w.field("event_kind", "heading");
            w.field("heading_id", entry.id);
            vendor_level_regime_report(w);
            w.field("site_id", b_.site_id);
            w.field("status", h.status);
            w.field("title_vi", entry.title.vi);
        });
    }
};

}  // namespace

void write_ocsf(const ReportModel& model, const ExportBinding& binding, std::ostream& out) {
    OcsfWriter(model, binding, out).write();
}

std::string render_ocsf(const ReportModel& model, const ExportBinding& binding) {
    std::ostringstream out;
    write_ocsf(model, binding, out);
    return std::move(out).str();
}

}  // namespace vca::report
