// OSCAL and OCSF exports from a hand-built report model: determinism, every
// violation in both outputs, the report.json binding, status mapping and
// JSON validity of hostile strings. Schema validation of real exports is the
// python validator's job (export.demo_* tests).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "reports/export/export_ids.hpp"
#include "reports/export/export_text.hpp"
#include "reports/export/ocsf_export.hpp"
#include "reports/export/oscal_export.hpp"
#include "reports/export/status_mapping.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::report {
namespace {

using nlohmann::json;

// The model points at rules, headings and questions; they live here.
struct Fixture {
    engine::Rule sip, tls, ntp, inv;
    engine::CatalogueEntry app05, net03, mgt10, dsn06;
    engine::Question q_backup;
    ReportModel model;
    ExportBinding binding;

    Fixture() {
        sip.id = "VC-SIP-001";
        sip.title = {"Báo hiệu SIP phải được mã hoá", "SIP signalling \"must\" be encrypted\nover TLS"};
        sip.rationale.en = "Clear SIP exposes who calls whom.";
        sip.remediation.en = "Enable SIP over TLS.";
        sip.severity = "high";
        sip.catalogue = {"APP-05", "APP-05a"};
        tls = sip;
        tls.id = "VC-TLS-001";
        tls.title = {"TLS 1.2 trở lên", "TLS 1.2 or later"};
        tls.severity = "critical";
        ntp = sip;
        ntp.id = "VC-NTP-001";
        ntp.title = {"Đồng bộ thời gian", "Time synchronisation"};
        ntp.severity = "low";
        ntp.catalogue = {"NET-03"};
        inv = ntp;
        inv.id = "VC-INV-001";
        inv.title = {"Danh mục thiết bị", "Device inventory"};
        inv.severity = "medium";

        app05 = heading("APP-05", "technical", "7.2.3.4", {"VC-SIP-001", "VC-TLS-001"}, "");
        net03 = heading("NET-03", "technical", "7.2.1.4", {"VC-NTP-001"}, "Q-BACKUP");
        mgt10 = heading("MGT-10", "management", "7.1.4.2", {}, "");
        dsn06 = heading("DSN-06", "design", "TT 12/2022 PL II II.1b.v", {}, "");
        q_backup.id = "Q-BACKUP";
        q_backup.catalogue = {"NET-03"};
        q_backup.question = {"Có sao lưu không?", "Are backups taken?"};

        model.run.started = "2026-11-28T05:27:30Z";
        model.run.finished = "2026-11-28T05:27:37Z";
        model.run.tool_version = "0.1.0";
        model.run.rules_sha256 = std::string(64, 'a');
        model.site.name = "UBND xã Mẫu — \"phòng họp\"";
        model.site.level = 3;
        model.site.regime = "legacy";
        model.verdict = "fail";
        model.inputs.push_back({26, "captures/tls 1.0.pcap", "pcap", std::string(64, 'b'), "pcap", "EN10MB", 100, 10,
                                true});
        model.inputs.push_back({28, "captures/sip.pcap", "pcap", std::string(64, 'c'), "pcap", "EN10MB", 200, 20, true});

        engine::Assessment a_sip{&sip, "fail", "7.2.3.4", "", {}, false};
        a_sip.findings.push_back({"fail", "10.0.0.5 -> 10.0.0.9 (udp)", "6 SIP message(s) in cleartext, e.g. \"ACK\"\n\tCall-ID 1@x",
                                  "flow 3, input 28, frame 1", ""});
        a_sip.findings.push_back({"fail", "10.0.0.5 -> 10.0.0.9 (udp)", "second flow", "flow 4, input 28", ""});
        a_sip.findings.push_back({"waived", "10.0.0.7", "waived one", "input 26", "Ông A, until 2027-01-01: lab"});
        engine::Assessment a_tls{&tls, "pass", "7.2.3.4", "", {}, false};
        engine::Assessment a_ntp{&ntp, "fail", "7.2.1.4", "", {}, true};  // advisory at this level
        a_ntp.findings.push_back({"fail", "10.0.0.5", "no NTP request", "input 26,28", ""});
        engine::Assessment a_inv{&inv, "not_assessed", "7.1.5.4", "no device settings", {}, false};
        model.assessments = {a_sip, a_tls, a_ntp, a_inv};
        model.controls.push_back({&q_backup, "pass", "answered yes", "yes", "2026-02-20", "docs/backup.txt",
                                  std::string(64, 'd'), ""});
        model.headings.push_back({&app05, "7.2.3.4", "NĐ 331/2026 Đ30.4", "fail", "VC-SIP-001, VC-TLS-001"});
        model.headings.push_back({&net03, "7.2.1.4", "NĐ 331/2026 Đ30.4", "pass", "VC-NTP-001; Q-BACKUP"});
        model.headings.push_back({&mgt10, "7.1.4.2", "NĐ 331/2026 Đ30.3", "not_assessed", "Q-CUSTOM-SOFTWARE"});
        model.headings.push_back({&dsn06, "TT 12/2022", "NĐ 331/2026", "not_applicable", "no e-mail system"});
        model.status_counts = {{"fail", 1}, {"pass", 1}, {"advisory", 1}, {"not_assessed", 1}};

        binding.report_json_sha256 = sign::sha256_hex(std::string_view("report.json bytes"));
        binding.site_id = "ubnd-xa-mau";
        binding.sha256_hex = [](std::string_view text) { return sign::sha256_hex(text); };
    }

    static engine::CatalogueEntry heading(std::string id, std::string group, std::string clause,
                                          std::vector<std::string> automated, std::string manual) {
        engine::CatalogueEntry e;
        e.id = std::move(id);
        e.group = std::move(group);
        e.heading = true;
        e.title = {"Tiêu đề " + e.id, "Heading " + e.id};
        e.legacy_clauses[3] = std::move(clause);
        e.automated = std::move(automated);
        e.manual = std::move(manual);
        return e;
    }
};

std::vector<json> ocsf_lines(const std::string& text) {
    std::vector<json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
}

const json& results0(const json& oscal) { return oscal.at("assessment-results").at("results").at(0); }

std::string prop(const json& object, const std::string& name) {
    if (!object.contains("props")) return "";
    for (const auto& p : object["props"])
        if (p["name"] == name) return p["value"];
    return "";
}

const json* find_by_target(const json& oscal, const std::string& target_id) {
    for (const auto& f : results0(oscal)["findings"])
        if (f["target"]["target-id"] == target_id) return &f;
    return nullptr;
}

const json* ocsf_event(const std::vector<json>& events, const std::string& kind, const std::string& id) {
    for (const auto& e : events) {
        const auto& v = e["unmapped"]["vcaudit"];
        if (v["event_kind"] == kind && (v.value("rule_id", "") == id || v.value("heading_id", "") == id)) return &e;
    }
    return nullptr;
}

TEST(Export, SameModelGivesSameBytes) {
    Fixture a, b;
    EXPECT_EQ(render_oscal(a.model, a.binding), render_oscal(b.model, b.binding));
    EXPECT_EQ(render_ocsf(a.model, a.binding), render_ocsf(b.model, b.binding));
    EXPECT_EQ(render_oscal(a.model, a.binding), render_oscal(a.model, a.binding));
}

TEST(Export, ReportHashChangesIdentifiersNotContent) {
    Fixture a, b;
    b.binding.report_json_sha256 = sign::sha256_hex(std::string_view("other report"));
    json oa = json::parse(render_oscal(a.model, a.binding)), ob = json::parse(render_oscal(b.model, b.binding));
    EXPECT_NE(oa["assessment-results"]["uuid"], ob["assessment-results"]["uuid"]);
    // A SIEM follows one finding across runs of the same site: finding_info.uid is stable.
    auto ea = ocsf_lines(render_ocsf(a.model, a.binding)), eb = ocsf_lines(render_ocsf(b.model, b.binding));
    ASSERT_EQ(ea.size(), eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i) {
        EXPECT_EQ(ea[i]["finding_info"]["uid"], eb[i]["finding_info"]["uid"]);
        EXPECT_NE(ea[i]["metadata"]["uid"], eb[i]["metadata"]["uid"]);
    }
}

TEST(Export, EveryViolationAppearsInBoth) {
    Fixture fx;
    json oscal = json::parse(render_oscal(fx.model, fx.binding));
    auto events = ocsf_lines(render_ocsf(fx.model, fx.binding));
    // 4 rules + 4 violations + 4 headings.
    EXPECT_EQ(events.size(), 12U);
    for (const auto& a : fx.model.assessments) {
        for (const auto& f : a.findings) {
            int in_oscal = 0, in_ocsf = 0;
            for (const auto& o : results0(oscal)["observations"])
                if (prop(o, "rule-id") == a.rule->id && prop(o, "subject") == f.subject &&
                    o["description"].get<std::string>().find(f.detail) == 0)
                    ++in_oscal;
            for (const auto& e : events) {
                const auto& v = e["unmapped"]["vcaudit"];
                if (v["event_kind"] == "violation" && v["rule_id"] == a.rule->id && v["subject"] == f.subject &&
                    e["finding_info"]["desc"] == f.detail)
                    ++in_ocsf;
            }
            EXPECT_EQ(in_oscal, 1) << a.rule->id << " " << f.subject;
            EXPECT_EQ(in_ocsf, 1) << a.rule->id << " " << f.subject;
        }
    }
}

TEST(Export, ReportHashBindsBothExports) {
    Fixture fx;
    const std::string& sha = fx.binding.report_json_sha256;
    json oscal = json::parse(render_oscal(fx.model, fx.binding));
    bool bound = false;
    for (const auto& r : oscal["assessment-results"]["back-matter"]["resources"])
        for (const auto& link : r.value("rlinks", json::array()))
            if (link["href"] == "report.json" && link["hashes"][0]["algorithm"] == "SHA-256" &&
                link["hashes"][0]["value"] == sha)
                bound = true;
    EXPECT_TRUE(bound);
    EXPECT_EQ(prop(results0(oscal), "report-json-sha256"), sha);
    for (const auto& e : ocsf_lines(render_ocsf(fx.model, fx.binding))) {
        EXPECT_EQ(e["metadata"]["correlation_uid"], sha);
        EXPECT_EQ(e["unmapped"]["vcaudit"]["report_json_sha256"], sha);
    }
}

TEST(Export, InputsAreHashedSubjectsOfTheViolationsCitingThem) {
    Fixture fx;
    json oscal = json::parse(render_oscal(fx.model, fx.binding));
    std::map<std::string, std::string> resource_hash;  // uuid -> sha256
    for (const auto& r : oscal["assessment-results"]["back-matter"]["resources"])
        for (const auto& link : r.value("rlinks", json::array()))
            if (link.contains("hashes")) resource_hash[r["uuid"]] = link["hashes"][0]["value"];
    int checked = 0;
    for (const auto& o : results0(oscal)["observations"]) {
        if (prop(o, "rule-id") != "VC-NTP-001" || prop(o, "subject").empty()) continue;
        ASSERT_EQ(o["subjects"].size(), 2U);  // "input 26,28"
        EXPECT_EQ(resource_hash[o["subjects"][0]["subject-uuid"]], std::string(64, 'b'));
        EXPECT_EQ(resource_hash[o["subjects"][1]["subject-uuid"]], std::string(64, 'c'));
        EXPECT_EQ(o["relevant-evidence"][0]["href"], "#" + o["subjects"][0]["subject-uuid"].get<std::string>());
        ++checked;
    }
    EXPECT_EQ(checked, 1);
}

TEST(Export, StatusesMapToOscalTargets) {
    Fixture fx;
    json oscal = json::parse(render_oscal(fx.model, fx.binding));
    auto state = [&](const std::string& id) {
        const json* f = find_by_target(oscal, id);
        return f ? (*f)["target"]["status"]["state"].get<std::string>() + "/" +
                       (*f)["target"]["status"]["reason"].get<std::string>()
                 : std::string("missing");
    };
    EXPECT_EQ(state("VC-SIP-001"), "not-satisfied/fail");
    EXPECT_EQ(state("VC-TLS-001"), "satisfied/pass");
    EXPECT_EQ(state("VC-NTP-001"), "not-satisfied/fail");  // advisory is still a failed check
    EXPECT_EQ(state("VC-INV-001"), "not-satisfied/other");  // no evidence is not compliance
    EXPECT_EQ(state("APP-05"), "not-satisfied/fail");
    EXPECT_EQ(state("NET-03"), "satisfied/pass");
    EXPECT_EQ(state("MGT-10"), "not-satisfied/other");
    EXPECT_EQ(state("DSN-06"), "satisfied/other");
    // The heading links its rules' and its questionnaire item's observations.
    EXPECT_EQ(find_by_target(oscal, "NET-03")->at("related-observations").size(), 2U);
    EXPECT_EQ(prop(find_by_target(oscal, "VC-SIP-001")->at("target"), "clause"), "7.2.3.4");
}

TEST(Export, StatusesMapToOcsfCompliance) {
    Fixture fx;
    auto events = ocsf_lines(render_ocsf(fx.model, fx.binding));
    auto compliance = [&](const std::string& kind, const std::string& id) {
        const json* e = ocsf_event(events, kind, id);
        if (!e) return std::string("missing");
        return std::to_string((*e)["compliance"]["status_id"].get<int>()) + " " +
               (*e)["compliance"]["status"].get<std::string>() + " / " + std::to_string((*e)["status_id"].get<int>()) +
               " " + (*e)["status"].get<std::string>() + " / sev " + std::to_string((*e)["severity_id"].get<int>());
    };
    EXPECT_EQ(compliance("rule", "VC-SIP-001"), "3 Fail / 1 New / sev 4");
    EXPECT_EQ(compliance("rule", "VC-TLS-001"), "1 Pass / 4 Resolved / sev 1");
    EXPECT_EQ(compliance("rule", "VC-NTP-001"), "2 Warning / 1 New / sev 2");
    EXPECT_EQ(compliance("rule", "VC-INV-001"), "2 Warning / 1 New / sev 3");
    EXPECT_EQ(compliance("heading", "APP-05"), "3 Fail / 1 New / sev 4");  // worst non-passing rule: VC-SIP-001
    EXPECT_EQ(compliance("heading", "DSN-06"), "99 Not Applicable / 4 Resolved / sev 1");
    EXPECT_EQ(compliance("heading", "MGT-10"), "2 Warning / 1 New / sev 0");
    int waived = 0;
    for (const auto& e : events)
        if (e["unmapped"]["vcaudit"]["status"] == "waived") {
            EXPECT_EQ(e["status"], "Suppressed");
            EXPECT_EQ(e["compliance"]["status"], "Fail");
            ++waived;
        }
    EXPECT_EQ(waived, 1);
    for (const auto& e : events) {
        EXPECT_EQ(e["class_uid"], 2003);
        EXPECT_EQ(e["category_uid"], 2);
        EXPECT_EQ(e["type_uid"], 200301);
        EXPECT_EQ(e["time"], 1795843657000LL);  // 2026-11-28T05:27:37Z
        EXPECT_EQ(e["metadata"]["version"], kOcsfVersion);
        EXPECT_EQ(e["compliance"]["standards"], json::array({"TCVN 11930:2017", "Circular 12/2022/TT-BTTTT"}));
    }
}

TEST(Export, MappingTables) {
    EXPECT_STREQ(oscal_status("waived").state, "not-satisfied");
    EXPECT_STREQ(oscal_status("error").reason, "other");
    EXPECT_EQ(ocsf_compliance_status("fail", false).id, 3);
    EXPECT_EQ(ocsf_compliance_status("fail", true).id, 2);
    EXPECT_EQ(ocsf_compliance_status("manual", false).id, 2);
    EXPECT_EQ(ocsf_finding_status("waived").id, 3);
    EXPECT_EQ(ocsf_severity("critical").id, 5);
    EXPECT_EQ(ocsf_severity("info").id, 1);
    EXPECT_EQ(ocsf_severity("bogus").id, 0);
}

TEST(Export, HostileStringsStayValidJson) {
    Fixture fx;
    fx.model.site.name = "a\"b\\c\nd\te\x01 f — Mẫu";
    fx.model.assessments[0].findings[0].subject = "  \"quoted\"\r\n  subject\xc2\xa0";
    fx.model.assessments[0].findings[0].detail = "line1\nline2 \"q\" \\ \xe2\x80\xa8 end";
    fx.model.assessments[0].findings[1].detail = std::string("bad utf8 \xff\xfe here");
    std::string oscal_text = render_oscal(fx.model, fx.binding);
    std::string ocsf_text = render_ocsf(fx.model, fx.binding);
    json oscal;
    ASSERT_NO_THROW(oscal = json::parse(oscal_text));
    std::vector<json> events;
    ASSERT_NO_THROW(events = ocsf_lines(ocsf_text));
    // One event per line: no raw newline inside an event.
    EXPECT_EQ(events.size(), 12U);
    // OSCAL single-line fields: no line break, no edge whitespace.
    std::regex string_datatype(R"(^\S(.*\S)?$)");
    std::function<void(const json&)> check_props = [&](const json& node) {
        if (node.is_object()) {
            if (node.contains("props"))
                for (const auto& p : node["props"]) {
                    std::string v = p["value"];
                    EXPECT_TRUE(std::regex_match(v, string_datatype)) << v;
                    EXPECT_EQ(v.find("\xc2\xa0"), std::string::npos) << v;
                }
            if (node.contains("title")) {
                EXPECT_EQ(node["title"].get<std::string>().find('\n'), std::string::npos);
            }
            for (const auto& [k, v] : node.items()) check_props(v);
        } else if (node.is_array()) {
            for (const auto& v : node) check_props(v);
        }
    };
    check_props(oscal);
    // Multi-line descriptions keep the text exactly.
    const json* e = nullptr;
    for (const auto& ev : events)
        if (ev["unmapped"]["vcaudit"]["event_kind"] == "violation") { e = &ev; break; }
    ASSERT_NE(e, nullptr);
    EXPECT_EQ((*e)["finding_info"]["desc"], "line1\nline2 \"q\" \\ \xe2\x80\xa8 end");
    EXPECT_EQ((*e)["unmapped"]["vcaudit"]["subject"], fx.model.assessments[0].findings[0].subject);
    EXPECT_EQ((*e)["message"].get<std::string>().find('\n'), std::string::npos);
    EXPECT_NE(ocsf_text.find("bad utf8 \xef\xbf\xbd\xef\xbf\xbd here"), std::string::npos);  // U+FFFD each
}

TEST(Export, UuidsAreVersion5AndUnique) {
    Fixture fx;
    json oscal = json::parse(render_oscal(fx.model, fx.binding));
    std::regex v5("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    std::set<std::string> seen;
    std::function<void(const json&)> walk = [&](const json& node) {
        if (node.is_object()) {
            for (const auto& [k, v] : node.items()) {
                if (k == "uuid") {
                    EXPECT_TRUE(std::regex_match(v.get<std::string>(), v5)) << v;
                    EXPECT_TRUE(seen.insert(v.get<std::string>()).second) << "repeated " << v;
                }
                walk(v);
            }
        } else if (node.is_array()) {
            for (const auto& v : node) walk(v);
        }
    };
    walk(oscal);
    EXPECT_GT(seen.size(), 20U);
    std::set<std::string> finding_uids;
    for (const auto& e : ocsf_lines(render_ocsf(fx.model, fx.binding))) {
        EXPECT_TRUE(std::regex_match(e["metadata"]["uid"].get<std::string>(), v5));
        EXPECT_TRUE(finding_uids.insert(e["finding_info"]["uid"].get<std::string>()).second);
    }
}

TEST(ExportIds, UuidFromSha256AndFallback) {
    ExportBinding b;
    b.sha256_hex = [](std::string_view text) { return sign::sha256_hex(text); };
    // First 16 bytes of SHA-256("vcaudit-export/1\nscope\nkey") with version/variant bits set.
    std::string hex = sign::sha256_hex(std::string_view("vcaudit-export/1\nscope\nkey")).substr(0, 32);
    std::string u = export_uuid(b, "scope", "key");
    EXPECT_EQ(u.substr(0, 8), hex.substr(0, 8));
    EXPECT_EQ(u.substr(9, 4), hex.substr(8, 4));
    EXPECT_EQ(u[14], '5');
    EXPECT_EQ(u.substr(15, 3), hex.substr(13, 3));
    EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos);
    EXPECT_EQ(u.substr(24), hex.substr(20));
    ExportBinding none;  // no hash function: still a stable, well-formed UUID
    EXPECT_EQ(export_uuid(none, "s", "k"), export_uuid(none, "s", "k"));
    EXPECT_NE(export_uuid(none, "s", "k"), export_uuid(none, "s", "k2"));
    EXPECT_TRUE(std::regex_match(export_uuid(none, "s", "k"),
                                 std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")));
}

TEST(ExportIds, IsoToEpochMs) {
    EXPECT_EQ(iso_utc_to_epoch_ms("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(iso_utc_to_epoch_ms("2026-11-28T05:27:37Z"), 1795843657000LL);
    EXPECT_EQ(iso_utc_to_epoch_ms("2000-03-01T00:00:00.5Z"), 951868800500LL);
    EXPECT_EQ(iso_utc_to_epoch_ms("2024-02-29T23:59:59.123456Z"), 1709251199123LL);
    EXPECT_FALSE(iso_utc_to_epoch_ms(""));
    EXPECT_FALSE(iso_utc_to_epoch_ms("2026-11-28 05:27:37"));
    EXPECT_FALSE(iso_utc_to_epoch_ms("2026-13-28T05:27:37Z"));
    EXPECT_FALSE(iso_utc_to_epoch_ms("2026-11-28T05:27:37+07:00"));
}

TEST(ExportText, OneLineAndUriAndEvidenceIds) {
    EXPECT_EQ(one_line("  a\n\tb\xc2\xa0 c \xe2\x80\xa8"), "a b c");
    EXPECT_EQ(one_line(" \n "), "");
    EXPECT_EQ(uri_reference("docs/qđ a.txt"), "docs/q%C4%91%20a.txt");
    EXPECT_EQ(evidence_input_ids("flow 3, input 26,27, frame 1"), (std::vector<std::int64_t>{26, 27}));
    EXPECT_EQ(evidence_input_ids("input 26,27,28,29, first flow 1"), (std::vector<std::int64_t>{26, 27, 28, 29}));
    EXPECT_EQ(evidence_input_ids("inputs 3,4; input 3"), (std::vector<std::int64_t>{3, 4}));
    EXPECT_TRUE(evidence_input_ids("no inputs named, flow 7").empty());
    EXPECT_TRUE(evidence_input_ids("output 5").empty());
}

TEST(ExportIds, OcsfVersionMatchesSharedSchemas) {
    std::ifstream in(std::string(VCA_SHARED_DIR) + "/schemas/ocsf/version.json");
    if (!in && std::getenv("CI") == nullptr) GTEST_SKIP() << "shared/schemas not present outside CI";
    ASSERT_TRUE(in) << "shared/schemas/ocsf/version.json missing";
    EXPECT_EQ(json::parse(in)["version"], kOcsfVersion);
}

}  // namespace
}  // namespace vca::report
