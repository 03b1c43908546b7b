// RuleSet::compile: user files and folders, namespaces, and the diagnostics
// a user can cause (E501 unreadable, E502 syntax error at file:line, E503 no rules).
#include "auditor/scan/yara_rules.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "auditor/core/temp_dir.hpp"
#include "tests/unit/auditor/scan/scan_test_support.hpp"

namespace vca::scan {
namespace {

using test::write_text;

TEST(RuleSetCompile, SyntaxErrorNamesFileAndLine) {
    core::TempDir dir;
    ASSERT_TRUE(dir.ok());
    const auto path = dir.path() / "broken.yar";
    // Line 4 holds a hex string with a byte that is not hex ("4G").
    write_text(path,
               "rule fine { strings: $a = \"abc\" condition: $a }\n"
               "rule broken {\n"
               "  strings:\n"
               "    $h = { 4G 41 }\n"
               "  condition:\n"
               "    $h\n"
               "}\n");
    auto set = RuleSet::compile(RuleSetSpec{test::bundled_dir(), {path}});
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code, "E502");
    EXPECT_EQ(set.error().location, path.string() + ":4");
    const std::string line = set.error().line();
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_EQ(line.rfind("error E502: " + path.string() + ":4: ", 0), 0U) << line;
    EXPECT_NE(line.find("--yara"), std::string::npos) << line;  // names the fix
}

TEST(RuleSetCompile, SemanticErrorCarriesTheCompilerMessage) {
    core::TempDir dir;
    const auto path = dir.path() / "undefined.yar";
    write_text(path, "rule broken {\n  condition:\n    $missing\n}\n");
    auto set = RuleSet::compile(RuleSetSpec{{}, {path}});
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code, "E502");
    EXPECT_EQ(set.error().location.rfind(path.string() + ":", 0), 0U) << set.error().location;
    EXPECT_NE(set.error().message.find("$missing"), std::string::npos) << set.error().message;
}

TEST(RuleSetCompile, UnterminatedRuleIsASyntaxError) {
    core::TempDir dir;
    const auto path = dir.path() / "cut.yara";
    write_text(path, "rule cut {\n  strings:\n    $a = \"x\"\n");
    auto set = RuleSet::compile(RuleSetSpec{{}, {path}});
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code, "E502");
    EXPECT_EQ(set.error().location.rfind(path.string(), 0), 0U) << set.error().location;
    EXPECT_NE(set.error().message.find("end of the file"), std::string::npos) << set.error().message;
}

TEST(RuleSetCompile, MissingPathIsUnreadable) {
    core::TempDir dir;
    auto set = RuleSet::compile(RuleSetSpec{{}, {dir.path() / "nope.yar"}});
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code, "E501");
    EXPECT_EQ(set.error().location, (dir.path() / "nope.yar").string());
}

TEST(RuleSetCompile, FolderWithoutRuleFilesAndEmptyFilesAreNoRules) {
    core::TempDir dir;
    write_text(dir.path() / "readme.txt", "not rules");
    auto set = RuleSet::compile(RuleSetSpec{{}, {dir.path()}});
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code, "E503");

    write_text(dir.path() / "empty.yar", "// nothing yet\n");
    set = RuleSet::compile(RuleSetSpec{{}, {dir.path() / "empty.yar"}});
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code, "E503");

    set = RuleSet::compile(RuleSetSpec{});
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code, "E503");
}

TEST(RuleSetCompile, UserFolderFilesGetTheirStemAsNamespaceBesideBundled) {
    core::TempDir dir;
    write_text(dir.path() / "site_a.yar", "rule same_name : t1 t2 { condition: true }\n");
    write_text(dir.path() / "site_b.yara", "rule same_name { meta: severity = \"low\" condition: true }\n");
    write_text(dir.path() / "ignored.txt", "rule not_loaded { condition: true }\n");
    auto set = RuleSet::compile(RuleSetSpec{test::bundled_dir(), {dir.path()}});
    ASSERT_TRUE(set.ok()) << set.error().line();
    const RuleInfo* a = (*set)->find("site_a", "same_name");
    const RuleInfo* b = (*set)->find("site_b", "same_name");
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(a->tags, "t1,t2");
    EXPECT_EQ(b->severity, "low");
    EXPECT_NE((*set)->find("bundled", "vn_marking_toi_mat"), nullptr);
    EXPECT_EQ((*set)->find("ignored", "not_loaded"), nullptr);
    // Sources: the bundled files, then the two user files in name order.
    ASSERT_GE((*set)->sources().size(), 2U);
    EXPECT_EQ((*set)->sources()[(*set)->sources().size() - 2].ns, "site_a");
    EXPECT_EQ((*set)->sources().back().ns, "site_b");
}

TEST(RuleSetCompile, RuleSetOutlivesItsCompileCallAndRecompiles) {
    // yr_initialize/yr_finalize are counted: sets made one after another work.
    for (int i = 0; i < 3; ++i) {
        auto set = RuleSet::compile(RuleSetSpec{test::bundled_dir(), {}});
        ASSERT_TRUE(set.ok());
        auto scanner = Scanner::create(*set);
        ASSERT_TRUE(scanner.ok());
        const auto out = scanner->scan(test::bytes("%PDF-1.7\n"));
        ASSERT_EQ(out.matches.size(), 1U);
        EXPECT_EQ(out.matches[0].rule, "filetype_pdf");
    }
}

}  // namespace
}  // namespace vca::scan
