#include "reports/export/ocsf_export.hpp"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "reports/export/export_ids.hpp"
#include "reports/export/export_text.hpp"
#include "reports/export/status_mapping.hpp"

namespace vca::report {
namespace {

using nlohmann::json;

json standards_of(const std::string& regime) {
    if (regime == "current") return json::array({"TCVN 14423:2026", "Decree 331/2026/ND-CP"});
    return json::array({"TCVN 11930:2017", "Circular 12/2022/TT-BTTTT"});
}

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

class OcsfWriter {
public:
    OcsfWriter(const ReportModel& m, const ExportBinding& b) : m_(m), b_(b) {
        time_ms_ = iso_utc_to_epoch_ms(m_.run.finished).value_or(iso_utc_to_epoch_ms(m_.run.started).value_or(0));
    }

    std::string render() {
        for (const auto& a : m_.assessments) {
            emit(rule_event(a));
            std::map<std::string, int> seen;  // repeated subjects of one rule stay distinct
            for (std::size_t i = 0; i < a.findings.size(); ++i)
                emit(violation_event(a, i, seen[a.findings[i].subject]++));
        }
        for (const auto& h : m_.headings) emit(heading_event(h));
        return out_;
    }

private:
    const ReportModel& m_;
    const ExportBinding& b_;
    std::int64_t time_ms_ = 0;
    std::string out_;
    std::size_t sequence_ = 0;

    void emit(const json& event) {
        out_ += event.dump(-1, ' ', false, json::error_handler_t::replace);
        out_ += "\n";
    }

    // Same site, same rule, same subject → same uid in every run.
    std::string finding_uid(std::string_view key) const {
        return export_uuid(b_, "ocsf-finding", b_.site_id + "\n" + std::string(key));
    }

    json envelope(OcsfEnum severity, OcsfEnum status, std::string_view raw_status, std::string_view detail,
                  std::string message) {
        json e;
        e["activity_id"] = kOcsfActivityCreate;
        e["activity_name"] = "Create";
        e["category_uid"] = kOcsfCategoryFindings;
        e["category_name"] = "Findings";
        e["class_uid"] = kOcsfClassComplianceFinding;
        e["class_name"] = "Compliance Finding";
        e["type_uid"] = kOcsfClassComplianceFinding * 100 + kOcsfActivityCreate;
        e["type_name"] = "Compliance Finding: Create";
        e["severity_id"] = severity.id;
        e["severity"] = severity.caption;
        e["status_id"] = status.id;
        e["status"] = status.caption;
        e["status_code"] = std::string(raw_status);
        if (!detail.empty()) e["status_detail"] = std::string(detail);
        e["time"] = time_ms_;
        e["timezone_offset"] = 0;
        e["message"] = one_line(message);
        json product = {{"name", "vcaudit"}, {"vendor_name", "vcaudit"}};
        if (!m_.run.tool_version.empty()) product["version"] = m_.run.tool_version;
        json md = {{"version", kOcsfVersion},
                   {"product", product},
                   {"log_name", "report.ocsf.jsonl"},
                   {"uid", export_uuid(b_, "ocsf-event",
                                       b_.report_json_sha256 + "\n" + std::to_string(sequence_++))}};
        if (!b_.report_json_sha256.empty()) md["correlation_uid"] = b_.report_json_sha256;
        if (!b_.site_id.empty()) md["tenant_uid"] = b_.site_id;
        e["metadata"] = md;
        return e;
    }

    json site_resource() const {
        json r = {{"name", m_.site.name.empty() ? std::string("site") : m_.site.name},
                  {"type", "video conference system"},
                  {"role_id", 1},
                  {"role", "Target"}};
        if (!b_.site_id.empty()) r["uid"] = b_.site_id;
        return r;
    }

    json vendor_data(std::string_view kind) const {
        return {{"event_kind", std::string(kind)},
                {"report_json_sha256", b_.report_json_sha256},
                {"site_id", b_.site_id},
                {"level", m_.site.level},
                {"regime", m_.site.regime}};
    }

    json compliance(std::string_view control, const std::vector<std::string>& requirements, OcsfEnum status,
                    std::string_view raw_status, std::string_view detail) const {
        json c = {{"standards", standards_of(m_.site.regime)},
                  {"status_id", status.id},
                  {"status", status.caption},
                  {"status_code", std::string(raw_status)}};
        if (!one_line(control).empty()) c["control"] = one_line(control);
        if (!requirements.empty()) c["requirements"] = requirements;
        if (!detail.empty()) c["status_details"] = json::array({std::string(detail)});
        return c;
    }

    json check(const engine::Assessment& a, OcsfEnum status) const {
        const auto& r = *a.rule;
        OcsfEnum sev = ocsf_severity(r.severity);
        json c = {{"uid", r.id},
                  {"name", r.title.en},
                  {"severity", sev.caption},
                  {"severity_id", sev.id},
                  {"standards", standards_of(m_.site.regime)},
                  {"status", status.caption},
                  {"status_id", status.id}};
        if (!r.rationale.en.empty()) c["desc"] = r.rationale.en;
        return c;
    }

    void add_rule_context(json& e, const engine::Assessment& a, OcsfEnum compliance_status) const {
        const auto& r = *a.rule;
        e["finding_info"]["analytic"] = {{"uid", r.id}, {"name", r.title.en}, {"type_id", 1}, {"type", "Rule"}};
        e["compliance"]["checks"] = json::array({check(a, compliance_status)});
        if (!r.remediation.en.empty()) e["remediation"] = {{"desc", r.remediation.en}};
    }

    json rule_event(const engine::Assessment& a) {
        const auto& r = *a.rule;
        OcsfEnum cstatus = ocsf_compliance_status(a.status, a.advisory);
        OcsfEnum severity = a.status == "pass" ? OcsfEnum{1, "Informational"} : ocsf_severity(r.severity);
        std::string message = r.id + " " + a.status + ": " + r.title.en;
        if (!a.findings.empty()) message += " (" + std::to_string(a.findings.size()) + " violation(s))";
        json e = envelope(severity, ocsf_finding_status(a.status), a.status, a.reason, message);
        std::string desc = r.title.en;
        if (!a.reason.empty()) desc += " " + a.reason;
        e["finding_info"] = {{"uid", finding_uid("rule\n" + r.id)},
                             {"title", r.id + ": " + r.title.en},
                             {"desc", desc},
                             {"types", json::array({"vcaudit rule"})},
                             {"created_time", time_ms_}};
        e["compliance"] = compliance(a.clause, r.catalogue, cstatus, a.status, a.reason);
        add_rule_context(e, a, cstatus);
        e["resources"] = json::array({site_resource()});
        json v = vendor_data("rule");
        v["rule_id"] = r.id;
        v["severity"] = r.severity;
        v["status"] = a.status;
        v["advisory"] = a.advisory;
        v["violations"] = a.findings.size();
        v["title_vi"] = r.title.vi;
        e["unmapped"] = {{"vcaudit", v}};
        return e;
    }

    json violation_event(const engine::Assessment& a, std::size_t index, int repeat) {
        const auto& r = *a.rule;
        const auto& f = a.findings[index];
        OcsfEnum cstatus = ocsf_compliance_status(f.status, a.advisory);
        json e = envelope(ocsf_severity(r.severity), ocsf_finding_status(f.status), f.status, f.waiver,
                          r.id + " " + f.status + " on " + f.subject + ": " + f.detail);
        std::string key = "violation\n" + r.id + "\n" + f.subject;
        if (repeat > 0) key += "\n" + std::to_string(repeat);
        e["finding_info"] = {{"uid", finding_uid(key)},
                             {"title", r.id + ": " + r.title.en},
                             {"desc", f.detail.empty() ? r.title.en : f.detail},
                             {"types", json::array({"vcaudit violation"})},
                             {"created_time", time_ms_}};
        e["compliance"] = compliance(a.clause, r.catalogue, cstatus, f.status, f.waiver);
        add_rule_context(e, a, cstatus);
        json resource = {{"name", f.subject.empty() ? std::string("unknown") : f.subject},
                         {"uid", f.subject.empty() ? std::string("unknown") : f.subject},
                         {"role_id", 1},
                         {"role", "Target"}};
        if (is_ipv4(f.subject)) resource["ip"] = f.subject;
        e["resources"] = json::array({resource});
        json v = vendor_data("violation");
        v["rule_id"] = r.id;
        v["severity"] = r.severity;
        v["status"] = f.status;
        v["advisory"] = a.advisory;
        v["subject"] = f.subject;
        v["evidence"] = f.evidence;
        if (!f.waiver.empty()) v["waiver"] = f.waiver;
        v["title_vi"] = r.title.vi;
        e["unmapped"] = {{"vcaudit", v}};
        return e;
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

    json heading_event(const engine::HeadingResult& h) {
        const auto& entry = *h.entry;
        OcsfEnum cstatus = ocsf_compliance_status(h.status, false);
        json e = envelope(heading_severity(h), ocsf_finding_status(h.status), h.status, h.how,
                          "Heading " + entry.id + " " + h.status + ": " + entry.title.en);
        e["finding_info"] = {{"uid", finding_uid("heading\n" + entry.id)},
                             {"title", entry.id + ": " + entry.title.en},
                             {"desc", "Assessed by: " + (h.how.empty() ? std::string("-") : h.how)},
                             {"types", json::array({"vcaudit heading"})},
                             {"created_time", time_ms_}};
        const std::string& control = m_.site.regime == "current" ? h.current : h.clause;
        e["compliance"] = compliance(control, {entry.id}, cstatus, h.status, h.how);
        e["compliance"]["category"] = entry.group;
        e["resources"] = json::array({site_resource()});
        json v = vendor_data("heading");
        v["heading_id"] = entry.id;
        v["status"] = h.status;
        v["clause"] = h.clause;
        v["current_reference"] = h.current;
        v["title_vi"] = entry.title.vi;
        e["unmapped"] = {{"vcaudit", v}};
        return e;
    }
};

}  // namespace

std::string render_ocsf(const ReportModel& model, const ExportBinding& binding) {
    return OcsfWriter(model, binding).render();
}

}  // namespace vca::report
