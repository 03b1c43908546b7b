// The streamed exports (and report.json) on a model with thousands of violations: the stream
// and the string agree, every element is present once, and the OSCAL text
// is exactly nlohmann's canonical 2-space layout of what it parses to (keys
// sorted, one value per line), which is what the exports have always been.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "reports/json/json_stream.hpp"
#include "reports/json/json_writer.hpp"
#include "reports/export/ocsf_export.hpp"
#include "reports/export/oscal_export.hpp"
#include "reports/render/json_report.hpp"
#include "reports/sign/hashing_ostream.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::report {
namespace {

using nlohmann::json;

// Rules with 0, 1, 300 and 1200 violations (some subjects repeated), inputs
// cited by the evidence, a questionnaire item and headings.
struct ManyViolations {
    std::vector<engine::Rule> rules = std::vector<engine::Rule>(4);
    engine::CatalogueEntry heading_a, heading_b;
    engine::Question question;
    ReportModel model;
    ExportBinding binding;

    ManyViolations() {
        const std::size_t violations[] = {0, 1, 300, 1200};
        for (std::size_t r = 0; r < rules.size(); ++r) {
            rules[r].id = "VC-T-00" + std::to_string(r);
            rules[r].title = {"Quy tắc " + std::to_string(r), "Rule " + std::to_string(r)};
            rules[r].severity = r % 2 ? "high" : "low";
            rules[r].catalogue = {"H-A"};
            engine::Assessment a{&rules[r], violations[r] ? "fail" : "pass", "7.2." + std::to_string(r), "", {}, false};
            for (std::size_t i = 0; i < violations[r]; ++i)
                a.findings.push_back({i % 50 == 7 ? "waived" : "fail", "10.0." + std::to_string(i % 300) + ".1",
                                      "violation " + std::to_string(i) + " \"quoted\"\nsecond line",
                                      "flow " + std::to_string(i) + ", input " + std::to_string(1 + i % 3),
                                      i % 50 == 7 ? "Ông A, until 2027-01-01: lab" : ""});
            model.assessments.push_back(std::move(a));
        }
        for (std::int64_t id = 1; id <= 3; ++id)
            model.inputs.push_back({id, "captures/c" + std::to_string(id) + ".pcap", "pcap", std::string(64, 'a'),
                                    "pcap", "EN10MB", 1000 * id, 10 * id, true});
        question.id = "Q-ONE";
        question.question = {"Có không?", "Is it so?"};
        model.controls.push_back({&question, "pass", "", "yes", "2026-02-20", "", "", ""});
        heading_a.id = "H-A";
        heading_a.automated = {"VC-T-000", "VC-T-003"};
        heading_a.manual = "Q-ONE";
        heading_b.id = "H-B";
        model.headings.push_back({&heading_a, "7.2", "Đ30", "fail", "VC-T-000, VC-T-003; Q-ONE"});
        model.headings.push_back({&heading_b, "7.3", "Đ31", "not_applicable", "no such system"});
        model.run.started = "2026-11-28T05:27:30Z";
        model.run.finished = "2026-11-28T05:27:37Z";
        model.run.tool_version = "0.1.0";
        model.site = {"Xã Thử", 3, "legacy", "", "", {}, "", ""};
        model.verdict = "fail";
        binding.report_json_sha256 = sign::sha256_hex(std::string_view("report"));
        binding.site_id = "xa-thu";
        binding.sha256_hex = [](std::string_view text) { return sign::sha256_hex(text); };
    }

    [[nodiscard]] std::size_t violation_count() const {
        std::size_t n = 0;
        for (const auto& a : model.assessments) n += a.findings.size();
        return n;
    }
};

TEST(ExportStream, OscalStreamMatchesStringAndHasEveryElement) {
    ManyViolations fx;
    std::ostringstream streamed;
    write_oscal(fx.model, fx.binding, streamed);
    const std::string text = render_oscal(fx.model, fx.binding);
    ASSERT_EQ(streamed.str(), text);

    json doc = json::parse(text);
    EXPECT_EQ(doc.dump(2) + "\n", text);  // canonical layout, nothing spliced out of place
    const json& result = doc["assessment-results"]["results"].at(0);
    EXPECT_EQ(result["observations"].size(),
              fx.model.inputs.size() + fx.model.assessments.size() + fx.violation_count() + fx.model.controls.size());
    EXPECT_EQ(result["findings"].size(), fx.model.assessments.size() + fx.model.headings.size());
    EXPECT_EQ(doc["assessment-results"]["back-matter"]["resources"].size(), 2 + fx.model.inputs.size());

    // Each rule's finding relates its own observation and one per violation,
    // and every related uuid is an observation of the document.
    std::set<std::string> observation_uuids;
    for (const auto& o : result["observations"]) observation_uuids.insert(o["uuid"].get<std::string>());
    EXPECT_EQ(observation_uuids.size(), result["observations"].size());
    for (std::size_t r = 0; r < fx.model.assessments.size(); ++r) {
        const json& related = result["findings"][r]["related-observations"];
        EXPECT_EQ(related.size(), 1 + fx.model.assessments[r].findings.size());
        for (const auto& rel : related) EXPECT_TRUE(observation_uuids.count(rel["observation-uuid"].get<std::string>()));
    }
}

// report.json is streamed the same way: canonical layout, every finding of
// every rule in order, waivers only where there is one, and the digest taken
// on the way to the file equals the digest of the finished text.
TEST(ExportStream, ReportJsonStreamIsCanonicalAndListsEveryFinding) {
    ManyViolations fx;
    std::ostringstream file;
    sign::HashingOstream hashed(file);
    write_json(fx.model, hashed);
    const std::string digest = hashed.finish();
    const std::string text = file.str();
    EXPECT_EQ(digest, sign::sha256_hex(std::string_view(text)));
    EXPECT_EQ(render_json(fx.model), text);

    json doc = json::parse(text);
    EXPECT_EQ(doc.dump(2) + "\n", text);
    ASSERT_EQ(doc["assessments"].size(), fx.model.assessments.size());
    for (std::size_t r = 0; r < fx.model.assessments.size(); ++r) {
        const auto& want = fx.model.assessments[r];
        const json& got = doc["assessments"][r];
        EXPECT_EQ(got["rule_id"], want.rule->id);
        ASSERT_EQ(got["findings"].size(), want.findings.size());
        for (std::size_t i = 0; i < want.findings.size(); ++i) {
            const json& f = got["findings"][i];
            EXPECT_EQ(f["subject"], want.findings[i].subject);
            EXPECT_EQ(f["detail"], want.findings[i].detail);
            EXPECT_EQ(f.contains("waiver"), !want.findings[i].waiver.empty());
        }
    }
    EXPECT_EQ(doc["summary"]["rules"], fx.model.assessments.size());
}

TEST(ExportStream, OcsfOneLinePerAssessmentViolationAndHeading) {
    ManyViolations fx;
    std::ostringstream streamed;
    write_ocsf(fx.model, fx.binding, streamed);
    const std::string text = render_ocsf(fx.model, fx.binding);
    ASSERT_EQ(streamed.str(), text);

    std::istringstream in(text);
    std::size_t lines = 0, violations = 0;
    std::set<std::string> finding_uids;
    for (std::string line; std::getline(in, line); ++lines) {
        json event = json::parse(line);
        EXPECT_EQ(event.dump(), line);
        if (event["unmapped"]["vcaudit"]["event_kind"] == "violation") ++violations;
        EXPECT_TRUE(finding_uids.insert(event["finding_info"]["uid"].get<std::string>()).second);  // repeats stay distinct
    }
    EXPECT_EQ(lines, fx.model.assessments.size() + fx.violation_count() + fx.model.headings.size());
    EXPECT_EQ(violations, fx.violation_count());
    EXPECT_EQ(text.back(), '\n');
}

// The splicer alone: nested, empty and deeply indented streamed arrays, and a
// value that only looks like a placeholder, against nlohmann's own dump(2).
TEST(ExportStream, SplicedArraysLayOutLikeOneDump) {
    json inner_skeleton = {{"id", 1}, {"items", streamed_array("inner")}};
    json deep = json::array();
    json* at = &deep;
    for (int i = 0; i < 40; ++i) {  // 80+ spaces of indentation
        at->push_back(json::array());
        at = &at->back();
    }
    at->push_back({{"list", streamed_array("deep")}});
    json skeleton = {{"a", streamed_array("outer")},
                     {"b", {{"empty", streamed_array("empty")}, {"deep", deep}}},
                     {"c", "\x01vcaudit-stream:outer\x01"},
                     {"d", json::object()}};
    std::ostringstream out;
    write_streamed(out, skeleton, 0, [&](std::string_view name, StreamedArray& array) {
        if (name == "outer") {
            array.add({{"x", "line\nbreak"}, {"y", json::array({1, 2})}});
            array.add_streamed(inner_skeleton, [](std::string_view inner, StreamedArray& items) {
                EXPECT_EQ(inner, "inner");
                for (int i = 0; i < 3; ++i) items.add({{"n", i}});
            });
            array.add(json::object());
        } else if (name == "deep") {
            array.add("leaf");
        } else {
            EXPECT_EQ(name, "empty");
        }
    });
    const std::string text = out.str();
    json parsed = json::parse(text);
    EXPECT_EQ(parsed.dump(2), text);
    EXPECT_EQ(parsed["a"].size(), 3U);
    EXPECT_EQ(parsed["a"][1]["items"].size(), 3U);
    EXPECT_EQ(parsed["b"]["empty"], json::array());
    EXPECT_EQ(parsed["c"], "\x01vcaudit-stream:outer\x01");
    EXPECT_NE(text.find("\"leaf\""), std::string::npos);
}

// The direct writer escapes strings as nlohmann does: control characters,
// quotes, valid multi-byte UTF-8 kept, invalid bytes replaced.
TEST(ExportStream, StringEscapingMatchesNlohmann) {
    const std::string cases[] = {"plain", "", "q\"b\\s/", std::string("nul\0x", 5), "\b\f\n\r\t\x01\x1f\x7f",
                                 "Mẫu — xã", "\xe2\x80\xa8 \xf0\x9f\x98\x80", "bad \xff\xfe end", "cut \xe1\xba",
                                 "overlong \xc0\xaf", "surrogate \xed\xa0\x80", "\xf4\x90\x80\x80 big"};
    for (const std::string& text : cases) {
        std::string mine;
        append_json_string(mine, text);
        EXPECT_EQ(mine, json(text).dump(-1, ' ', false, json::error_handler_t::replace)) << text;
    }
}

}  // namespace
}  // namespace vca::report
