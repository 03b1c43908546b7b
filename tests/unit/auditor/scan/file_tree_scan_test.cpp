// scan_file_tree over a temporary folder: nested folders, links inside and
// outside the tree, a FIFO, the file/depth/size bounds, and the hashes.
#include "auditor/scan/file_tree_scan.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>

#include "auditor/core/temp_dir.hpp"
#include "auditor/scan/match_rows.hpp"
#include "tests/unit/auditor/scan/scan_test_support.hpp"

namespace vca::scan {
namespace {

namespace fs = std::filesystem;
using test::write_text;

// SHA-256 with OpenSSL's EVP interface, fed chunk by chunk as the walk reads
// (what the pipeline's hasher does; scan/ itself links no crypto library).
class Sha256Hasher final : public StreamHasher {
public:
    Sha256Hasher() { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
    ~Sha256Hasher() override { EVP_MD_CTX_free(ctx_); }
    Sha256Hasher(const Sha256Hasher&) = delete;
    Sha256Hasher& operator=(const Sha256Hasher&) = delete;
    void update(core::Bytes chunk) override { EVP_DigestUpdate(ctx_, chunk.data(), chunk.size()); }
    std::string finish() override {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(ctx_, md, &len);
        static const char* kHex = "0123456789abcdef";
        std::string hex;
        for (unsigned int i = 0; i < len; ++i) {
            hex += kHex[md[i] >> 4];
            hex += kHex[md[i] & 0xF];
        }
        return hex;
    }

private:
    EVP_MD_CTX* ctx_ = EVP_MD_CTX_new();
};

// Digest of a whole file read in one piece (the reference for the chunked one).
std::string sha256_of_file(const fs::path& p) {
    Sha256Hasher h;
    const auto data = test::read_bytes(p);
    h.update(data);
    return h.finish();
}

HasherFactory sha256_factory() {
    return [] { return std::make_unique<Sha256Hasher>(); };
}

// FIPS 180-2 appendix B.1: SHA-256("abc").
constexpr const char* kSha256Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

class FileTreeScan : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(tree_.ok());
        ASSERT_TRUE(outside_.ok());
        const fs::path& t = tree_.path();
        fs::create_directories(t / "a" / "b" / "deep");
        write_text(t / "top.txt", "ỦY BAN NHÂN DÂN\nTỐI MẬT\nBáo cáo\n");
        write_text(t / "a" / "abc.txt", "abc");
        write_text(t / "a" / "b" / "deep" / "minutes.txt", "BIÊN BẢN HỌP\n");
        write_text(outside_.path() / "secret.txt", "TUYỆT MẬT\n");
        fs::create_symlink(outside_.path() / "secret.txt", t / "escape.txt");
        fs::create_symlink(outside_.path(), t / "escape_dir");
        fs::create_symlink(t / "top.txt", t / "a" / "alias.txt");
        fs::create_symlink(t / "a" / "b", t / "loop");
        ASSERT_EQ(::mkfifo((t / "a" / "pipe").c_str(), 0600), 0);
        auto set = RuleSet::compile(RuleSetSpec{test::bundled_dir(), {}});
        ASSERT_TRUE(set.ok()) << set.error().line();
        rules_ = *set;
    }

    static std::map<std::string, FileScanResult> by_path(const TreeScanResult& r) {
        std::map<std::string, FileScanResult> m;
        for (const auto& f : r.files) m[f.relative_path] = f;
        return m;
    }
    static std::vector<std::string> notes_named(const TreeScanResult& r, const std::string& name) {
        std::vector<std::string> paths;
        for (const auto& n : r.notes)
            if (n.name == name) paths.push_back(n.relative_path);
        return paths;
    }
    static std::vector<std::string> rules_of(const FileScanResult& f) {
        std::vector<std::string> names;
        for (const auto& m : f.outcome.matches) names.push_back(m.rule);
        return names;
    }

    core::TempDir tree_{"vca-tree"};
    core::TempDir outside_{"vca-outside"};
    std::shared_ptr<const RuleSet> rules_;
};

TEST_F(FileTreeScan, WalksNestedFoldersAndStaysInsideTheTree) {
    auto scanner = test::make_scanner(rules_);
    auto result = scan_file_tree(tree_.path(), scanner, sha256_factory());
    ASSERT_TRUE(result.ok()) << result.error().line();
    const auto files = by_path(*result);

    ASSERT_EQ(files.size(), 4U);  // top, abc, alias (link inside), deep/minutes
    EXPECT_EQ(rules_of(files.at("top.txt")), std::vector<std::string>{"vn_marking_toi_mat"});
    EXPECT_EQ(rules_of(files.at("a/alias.txt")), std::vector<std::string>{"vn_marking_toi_mat"});
    EXPECT_EQ(rules_of(files.at("a/b/deep/minutes.txt")), std::vector<std::string>{"vn_meeting_minutes"});
    EXPECT_TRUE(files.at("a/abc.txt").outcome.matches.empty());
    EXPECT_EQ(files.at("a/abc.txt").sha256, std::string(kSha256Abc));
    EXPECT_EQ(files.at("a/abc.txt").size, 3U);
    EXPECT_EQ(files.at("a/abc.txt").scanned_bytes, 3U);
    EXPECT_EQ(files.at("top.txt").sha256, sha256_of_file(tree_.path() / "top.txt"));
    struct stat st {};
    ASSERT_EQ(::stat((tree_.path() / "top.txt").c_str(), &st), 0);
    EXPECT_EQ(static_cast<long>(files.at("top.txt").mtime), static_cast<long>(st.st_mtim.tv_sec));

    // Nothing from outside was read: the TUYỆT MẬT file is only a note.
    for (const auto& [path, f] : files) {
        const auto names = rules_of(f);
        EXPECT_EQ(std::count(names.begin(), names.end(), std::string("vn_marking_tuyet_mat")), 0) << path;
    }
    auto outside = notes_named(*result, "file_tree_symlink_outside");
    std::sort(outside.begin(), outside.end());
    EXPECT_EQ(outside, (std::vector<std::string>{"escape.txt", "escape_dir"}));
    EXPECT_EQ(notes_named(*result, "file_tree_symlink_dir"), std::vector<std::string>{"loop"});
    EXPECT_EQ(notes_named(*result, "file_tree_special_file"), std::vector<std::string>{"a/pipe"});

    // Notes become anomaly rows the caller can store.
    const auto row = tree_note_anomaly(result->notes.front(), 3);
    EXPECT_EQ(row.input_id, 3);
    EXPECT_EQ(row.name, result->notes.front().name);
    EXPECT_EQ(row.detail.rfind(result->notes.front().relative_path + ": ", 0), 0U);

    // And files become content_matches rows of scope "file".
    const auto& top = files.at("top.txt");
    const auto rows = content_match_rows(top.outcome, file_object(top, 3));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].scope, "file");
    EXPECT_EQ(rows[0].object_name, "top.txt");
    EXPECT_EQ(rows[0].object_sha256, top.sha256);
    EXPECT_FALSE(rows[0].direction.has_value());
}

TEST_F(FileTreeScan, BoundsOnFilesAndDepthAreNotes) {
    auto scanner = test::make_scanner(rules_);
    TreeScanOptions opt;
    opt.max_files = 2;
    auto result = scan_file_tree(tree_.path(), scanner, sha256_factory(), opt);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->files.size(), 2U);
    EXPECT_EQ(notes_named(*result, "file_tree_file_limit").size(), 1U);

    opt = TreeScanOptions{};
    opt.max_depth = 1;  // a/ is walked, a/b/ is not
    result = scan_file_tree(tree_.path(), scanner, sha256_factory(), opt);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(by_path(*result).count("a/b/deep/minutes.txt"), 0U);
    EXPECT_EQ(by_path(*result).count("a/abc.txt"), 1U);
    EXPECT_EQ(notes_named(*result, "file_tree_depth_limit"), std::vector<std::string>{"a/b"});

    opt = TreeScanOptions{};
    opt.max_entries = 3;
    result = scan_file_tree(tree_.path(), scanner, sha256_factory(), opt);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(notes_named(*result, "file_tree_entry_limit").size(), 1U);
}

TEST_F(FileTreeScan, LargeFilesAreScannedOnTheirStartAndHashedOnlyWithinTheBound) {
    // Scanner window 8 bytes: top.txt is scanned truncated but hashed whole.
    auto scanner = test::make_scanner(rules_, ScannerOptions{5, 8});
    auto result = scan_file_tree(tree_.path(), scanner, sha256_factory());
    ASSERT_TRUE(result.ok());
    auto files = by_path(*result);
    EXPECT_EQ(files.at("top.txt").scanned_bytes, 8U);
    EXPECT_EQ(files.at("top.txt").outcome.status, ScanStatus::too_large_truncated);
    EXPECT_EQ(files.at("top.txt").sha256, sha256_of_file(tree_.path() / "top.txt"));
    EXPECT_EQ(files.at("a/abc.txt").outcome.status, ScanStatus::ok);

    // Per-file bound 4 bytes: larger files get no hash and a note.
    auto full = test::make_scanner(rules_);
    TreeScanOptions opt;
    opt.max_file_bytes = 4;
    result = scan_file_tree(tree_.path(), full, sha256_factory(), opt);
    ASSERT_TRUE(result.ok());
    files = by_path(*result);
    EXPECT_FALSE(files.at("top.txt").sha256.has_value());
    EXPECT_EQ(files.at("a/abc.txt").sha256, std::string(kSha256Abc));
    EXPECT_EQ(rules_of(files.at("top.txt")), std::vector<std::string>{"vn_marking_toi_mat"});
    const auto large = notes_named(*result, "file_tree_file_too_large");
    EXPECT_EQ(std::count(large.begin(), large.end(), std::string("top.txt")), 1);
    EXPECT_EQ(std::count(large.begin(), large.end(), std::string("a/abc.txt")), 0);

    // No hasher: no hashes, scanning still done.
    result = scan_file_tree(tree_.path(), full, HasherFactory{});
    ASSERT_TRUE(result.ok());
    for (const auto& f : result->files) EXPECT_FALSE(f.sha256.has_value()) << f.relative_path;
}

TEST_F(FileTreeScan, RootThatIsNotAFolderIsE504) {
    auto scanner = test::make_scanner(rules_);
    auto result = scan_file_tree(tree_.path() / "top.txt", scanner, sha256_factory());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "E504");
    result = scan_file_tree(tree_.path() / "missing", scanner, sha256_factory());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "E504");
}

}  // namespace
}  // namespace vca::scan
