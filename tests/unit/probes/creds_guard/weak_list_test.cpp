// The weak-secret list loader: both forms, duplicates, bounds, and one clear
// Diagnostic (code, file:line, fix) for each way a list can be wrong.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "auditor/core/limits.hpp"
#include "auditor/core/temp_dir.hpp"
#include "probes/creds/weak_list.hpp"

namespace vca::probes::creds {
namespace {

class WeakList : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string& text) {
        auto p = dir_.path() / "list.yaml";
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    core::TempDir dir_{"vca-weak-list"};
};

TEST_F(WeakList, BundledListLoadsWithinBounds) {
    auto list = load_weak_list(std::string(VCA_SOURCE_DIR) + "/policy/weak-secrets.yaml");
    ASSERT_TRUE(list.ok()) << list.error().line();
    EXPECT_GE(list->size(), 300u);
    EXPECT_LE(list->size(), 600u);
    for (const auto& c : *list) {
        EXPECT_FALSE(c.secret.empty());
        EXPECT_LE(c.secret.size(), core::limits::kMaxWeakSecretLength);
        EXPECT_FALSE(c.source.empty());
    }
}

TEST_F(WeakList, ReadsBothFormsAndDropsDuplicates) {
    auto list = load_weak_list(write("groups:\n"
                                     "  - source: \"vendor default: Example phone\"\n"
                                     "    secrets: [\"0000\", \"admin\", \"0000\"]\n"
                                     "candidates:\n"
                                     "  - {secret: \"admin\", source: \"site list\"}\n"
                                     "  - {secret: \"x9\", source: \"site list\"}\n"));
    ASSERT_TRUE(list.ok()) << list.error().line();
    ASSERT_EQ(list->size(), 3u);
    // Candidates come first, then groups, each in file order; the repeat keeps its first source.
    EXPECT_EQ((*list)[0].source, "site list");
    EXPECT_EQ((*list)[1].source, "site list");
    EXPECT_EQ((*list)[2].source, "vendor default: Example phone");
    EXPECT_EQ((*list)[2].secret.size(), 4u);  // "0000" stays text, leading zeros and all
}

TEST_F(WeakList, MissingFileIsE230) {
    auto list = load_weak_list(dir_.path() / "absent.yaml");
    ASSERT_FALSE(list.ok());
    EXPECT_EQ(list.error().code, "E230");
    EXPECT_NE(list.error().message.find("absent.yaml"), std::string::npos);
    EXPECT_FALSE(list.error().hint.empty());
}

TEST_F(WeakList, BrokenYamlIsE231WithItsLine) {
    auto list = load_weak_list(write("groups:\n  - source: \"x\"\n    secrets: [\"a\", \"b\"\n  - oops: ]\n"));
    ASSERT_FALSE(list.ok());
    EXPECT_EQ(list.error().code, "E231");
    EXPECT_NE(list.error().location.find("list.yaml:"), std::string::npos);
    EXPECT_FALSE(list.error().hint.empty());
}

TEST_F(WeakList, WrongShapeIsE232) {
    for (const char* text : {"- just a list\n", "other: 1\n", "candidates: {a: 1}\n",
                             "candidates:\n  - {secret: \"abc\"}\n",
                             "groups:\n  - source: x\n    secrets: abc\n",
                             "candidates:\n  - {secret: [1, 2], source: s}\n",
                             "candidates:\n  - {secret: \"\", source: s}\n"}) {
        auto list = load_weak_list(write(text));
        ASSERT_FALSE(list.ok()) << text;
        EXPECT_EQ(list.error().code, "E232") << text;
        EXPECT_FALSE(list.error().hint.empty()) << text;
    }
}

TEST_F(WeakList, TooLongEntryIsE233NamingTheLineNotTheSecret) {
    std::string secret(core::limits::kMaxWeakSecretLength + 1, 'q');
    auto list = load_weak_list(write("candidates:\n  - {secret: \"ok\", source: s}\n  - {secret: \"" + secret +
                                     "\", source: s}\n"));
    ASSERT_FALSE(list.ok());
    const auto& d = list.error();
    EXPECT_EQ(d.code, "E233");
    EXPECT_NE(d.location.find("list.yaml:3"), std::string::npos) << d.location;
    EXPECT_EQ(d.line().find("qqqq"), std::string::npos);  // never the entry itself
    EXPECT_NE(d.message.find(std::to_string(secret.size())), std::string::npos);
}

TEST_F(WeakList, TooManyEntriesIsE234) {
    std::string text = "groups:\n  - source: s\n    secrets:\n";
    for (std::size_t i = 0; i <= core::limits::kMaxWeakCandidates; ++i)
        text += "      - \"c" + std::to_string(i) + "\"\n";
    auto list = load_weak_list(write(text));
    ASSERT_FALSE(list.ok());
    EXPECT_EQ(list.error().code, "E234");
}

TEST_F(WeakList, OversizedFileIsE235) {
    std::string text = "candidates: []\n# " + std::string(core::limits::kMaxWeakListFileBytes, 'x') + "\n";
    auto list = load_weak_list(write(text));
    ASSERT_FALSE(list.ok());
    EXPECT_EQ(list.error().code, "E235");
}

}  // namespace
}  // namespace vca::probes::creds
