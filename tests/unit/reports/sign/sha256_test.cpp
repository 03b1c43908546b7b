#include "reports/sign/sha256.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "reports/sign/codes.hpp"
#include "test_support.hpp"

namespace vca::sign {
namespace {

using test::TempDir;

constexpr const char* kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(sha256_hex(std::string_view("abc")), kAbc);
    EXPECT_EQ(sha256_hex(std::string_view()), kEmpty);
    const std::vector<std::uint8_t> bytes{'a', 'b', 'c'};
    EXPECT_EQ(sha256_hex(std::span<const std::uint8_t>(bytes)), kAbc);
}

TEST(Sha256, FileMatchesMemoryAcrossChunkBoundaries) {
    TempDir dir;
    test::write_file(dir / "abc", "abc");
    auto small = sha256_file(dir / "abc");
    ASSERT_TRUE(small.ok()) << small.error().line();
    EXPECT_EQ(small.value(), kAbc);

    test::write_file(dir / "empty", "");
    auto empty = sha256_file(dir / "empty");
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(empty.value(), kEmpty);

    // Larger than several 64 KiB chunks, not a multiple of one.
    std::string big(3 * 65536 + 123, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31U % 251U);
    test::write_file(dir / "big", big);
    auto h = sha256_file(dir / "big");
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(h.value(), sha256_hex(big));
}

TEST(Sha256, MissingFileNamesThePath) {
    TempDir dir;
    const auto missing = dir / "no-such-capture.pcap";
    auto r = sha256_file(missing);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, codes::kUnreadableFile);
    EXPECT_NE(r.error().line().find(missing.string()), std::string::npos) << r.error().line();
    EXPECT_NE(r.error().line().find("No such file"), std::string::npos) << r.error().line();
}

TEST(Sha256, DirectoryIsNotAFile) {
    TempDir dir;
    auto r = sha256_file(dir.path());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, codes::kUnreadableFile);
    EXPECT_NE(r.error().line().find("not a regular file"), std::string::npos);
}

}  // namespace
}  // namespace vca::sign
