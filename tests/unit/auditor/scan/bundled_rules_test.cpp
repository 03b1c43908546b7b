// The bundled rules (rules/yara) compiled through auditor/scan and run over
// every sample of rules/yara/samples/expectations.yaml: libyara must agree
// with the yara command-line check (tests/yara) on the exact set of rules.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "auditor/scan/scanner.hpp"
#include "auditor/scan/yara_rules.hpp"
#include "tests/unit/auditor/scan/scan_test_support.hpp"

namespace vca::scan {
namespace {

using test::bundled_dir;
using test::read_bytes;
using test::samples_dir;

std::shared_ptr<const RuleSet> bundled() {
    auto set = RuleSet::compile(RuleSetSpec{bundled_dir(), {}});
    EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().line());
    return set.ok() ? set.value() : nullptr;
}

// Rule names declared in the bundled files, read with a plain regex.
std::set<std::string> declared_rule_names() {
    std::set<std::string> names;
    const std::regex head(R"(^rule\s+(\w+))");
    for (const auto& e : std::filesystem::directory_iterator(bundled_dir())) {
        if (e.path().extension() != ".yar") continue;
        std::ifstream in(e.path());
        std::string line;
        while (std::getline(in, line)) {
            std::smatch m;
            if (std::regex_search(line, m, head)) names.insert(m[1]);
        }
    }
    return names;
}

TEST(BundledRules, CompileOnceWithMetaForEveryRule) {
    auto set = bundled();
    ASSERT_TRUE(set);
    std::set<std::string> compiled;
    for (const auto& r : set->rules()) {
        compiled.insert(r.name);
        EXPECT_EQ(r.ns, kBundledNamespace);
        EXPECT_FALSE(r.description.empty()) << r.name;
        EXPECT_FALSE(r.description_vi.empty()) << r.name;
        EXPECT_TRUE(r.severity == "critical" || r.severity == "high" || r.severity == "medium" ||
                    r.severity == "low" || r.severity == "info")
            << r.name << " severity " << r.severity;
    }
    EXPECT_EQ(compiled, declared_rule_names());
    EXPECT_TRUE(set->warnings().empty()) << set->warnings().front();
    // Severity order of the classification stamps.
    EXPECT_EQ(set->find("bundled", "vn_marking_tuyet_mat")->severity, "critical");
    EXPECT_EQ(set->find("bundled", "vn_marking_toi_mat")->severity, "high");
    EXPECT_EQ(set->find("bundled", "vn_marking_mat")->severity, "medium");
}

TEST(BundledRules, EverySampleMatchesExactlyItsExpectedRules) {
    auto set = bundled();
    ASSERT_TRUE(set);
    auto scanner = test::make_scanner(set);
    const YAML::Node doc = YAML::LoadFile((samples_dir() / "expectations.yaml").string());
    const YAML::Node samples = doc["samples"];
    ASSERT_TRUE(samples.IsMap());
    std::size_t checked = 0, must_match = 0;
    for (const auto& entry : samples) {
        const auto rel = entry.first.as<std::string>();
        std::set<std::string> expected;
        for (const auto& r : entry.second) expected.insert(r.as<std::string>());
        const auto path = samples_dir() / rel;
        ASSERT_TRUE(std::filesystem::is_regular_file(path)) << rel;
        const auto data = read_bytes(path);
        const ScanOutcome out = scanner.scan(data);
        EXPECT_EQ(out.status, ScanStatus::ok) << rel;
        std::set<std::string> got;
        for (const auto& m : out.matches) {
            got.insert(m.rule);
            EXPECT_EQ(m.ns, "bundled");
        }
        EXPECT_EQ(got, expected) << rel;
        ++checked;
        must_match += rel.rfind("must-match/", 0) == 0 ? 1 : 0;
    }
    // Every declared rule has a sample, and the manifest is not trivially small.
    EXPECT_GE(must_match, declared_rule_names().size());
    EXPECT_GT(checked, must_match);
}

TEST(BundledRules, OffsetIsTheFirstStringMatchAndTagsAreJoined) {
    auto set = bundled();
    ASSERT_TRUE(set);
    auto scanner = test::make_scanner(set);

    // The stamp's position, found here by searching the file's own bytes.
    const auto stamp = read_bytes(samples_dir() / "must-match/vn_marking_tuyet_mat/stamp_nfc.txt");
    const std::vector<std::uint8_t> needle{'T', 'U', 'Y', 0xE1, 0xBB, 0x86, 'T', ' ', 'M', 0xE1, 0xBA, 0xAC, 'T'};
    const auto at = std::search(stamp.begin(), stamp.end(), needle.begin(), needle.end());
    ASSERT_NE(at, stamp.end());
    auto out = scanner.scan(stamp);
    ASSERT_EQ(out.matches.size(), 1U);
    EXPECT_EQ(out.matches[0].offset, static_cast<std::uint64_t>(at - stamp.begin()));
    EXPECT_GT(out.matches[0].offset, 0U);
    EXPECT_EQ(out.matches[0].tags, "classification,marking");

    // A condition-only rule (magic number at 4): offset 0.
    out = scanner.scan(read_bytes(samples_dir() / "must-match/filetype_media_mp4/header.mp4"));
    ASSERT_EQ(out.matches.size(), 1U);
    EXPECT_EQ(out.matches[0].offset, 0U);
    EXPECT_EQ(out.matches[0].tags, "filetype,media");
}

}  // namespace
}  // namespace vca::scan
