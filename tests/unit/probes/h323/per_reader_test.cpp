// Aligned PER primitives (ITU-T X.691 ALIGNED variant) on hand-built bits.
#include <gtest/gtest.h>

#include "probes/h323/per_reader.hpp"
#include "tests/unit/probes/h323/h323_test_util.hpp"

namespace vca::probes::h323 {
namespace {

using test::hex;

TEST(PerReader, ConstrainedWholeNumbersFollowTheAlignedCases) {
    // 3-bit field (range 7) = 5, then range 256 (one aligned octet) = 0x7f,
    // then range 65535 (two aligned octets) lb 1 = 0x0102 + 1.
    const auto b = hex("a0 7f 01 02");
    PerReader r(b);
    std::uint64_t v = 0;
    ASSERT_TRUE(r.constrained(0, 6, v));
    EXPECT_EQ(v, 5u);
    ASSERT_TRUE(r.constrained(0, 255, v));
    EXPECT_EQ(v, 0x7fu);
    ASSERT_TRUE(r.constrained(1, 65535, v));
    EXPECT_EQ(v, 0x0103u);
    EXPECT_EQ(r.bits_left(), 0u);
}

TEST(PerReader, LargeRangeHasAnOctetCountFirst) {
    // BandWidth 1280 in INTEGER (0..4294967295): 2-bit count "01" (2 octets), aligned 05 00.
    const auto r_bytes = hex("40 05 00");
    PerReader r(r_bytes);
    std::uint64_t v = 0;
    ASSERT_TRUE(r.constrained(0, 0xffffffffULL, v));
    EXPECT_EQ(v, 1280u);
    // A value above the upper bound is refused: "111" in INTEGER (0..4).
    const auto over_bytes = hex("e0");
    PerReader over(over_bytes);
    EXPECT_FALSE(over.constrained(0, 4, v));
}

TEST(PerReader, LengthDeterminants) {
    const auto r_bytes = hex("7f | 80 80 | c1");
    PerReader r(r_bytes);
    std::size_t n = 0;
    ASSERT_TRUE(r.length(n));
    EXPECT_EQ(n, 127u);
    ASSERT_TRUE(r.length(n));
    EXPECT_EQ(n, 128u);
    EXPECT_FALSE(r.length(n));  // 16K fragment: refused
    EXPECT_TRUE(r.fragmented());
}

TEST(PerReader, ConstrainedLengthIsABitFieldBelow256) {
    // BMPString (SIZE (1..128)) length 32: 7 bits "0011111".
    const auto r_bytes = hex("3e");
    PerReader r(r_bytes);
    std::size_t n = 0;
    ASSERT_TRUE(r.constrained_length(1, 128, n));
    EXPECT_EQ(n, 32u);
    EXPECT_EQ(r.bits_left(), 1u);
}

TEST(PerReader, NormallySmallNumbersAndLengths) {
    // small number 9 ("0 001001"), then small length 12 ("0 001011"), then
    // the large form of a small number: "1", aligned length 1, octet 70.
    const auto r_bytes = hex("12 2c | 80 01 46");
    PerReader r(r_bytes);
    std::size_t n = 0;
    ASSERT_TRUE(r.small_number(n));
    EXPECT_EQ(n, 9u);
    ASSERT_TRUE(r.small_length(n));
    EXPECT_EQ(n, 12u);
    ASSERT_TRUE(r.skip_bits(2));
    ASSERT_TRUE(r.small_number(n));
    EXPECT_EQ(n, 70u);
}

TEST(PerReader, OpenTypeIsLengthThenOctets) {
    const auto r_bytes = hex("80 | 02 aa bb | 05 01");  // one bit used, then aligned open types
    PerReader r(r_bytes);
    bool b = false;
    ASSERT_TRUE(r.bit(b));
    EXPECT_TRUE(b);
    core::Bytes contents;
    ASSERT_TRUE(r.open_type(contents));
    ASSERT_EQ(contents.size(), 2u);
    EXPECT_EQ(contents[1], 0xbb);
    EXPECT_FALSE(r.open_type(contents));  // claims 5, 1 left
}

TEST(PerReader, ObjectIdentifierText) {
    EXPECT_EQ(oid_text(hex("00 08 91 4a 00 04")), "0.0.8.2250.0.4");
    EXPECT_EQ(oid_text(hex("2a 86 48 86 f7 0d")), "1.2.840.113549");
    EXPECT_EQ(oid_text(hex("88 37 03")), "2.999.3");
    EXPECT_FALSE(oid_text(hex("")).has_value());
    EXPECT_FALSE(oid_text(hex("00 91")).has_value());     // ends inside an arc
    EXPECT_FALSE(oid_text(hex("00 80 01")).has_value());  // padded arc (X.690 §8.19.2)
    std::vector<std::uint8_t> many(40, 0x01);
    EXPECT_FALSE(oid_text(many).has_value());             // more arcs than kept
}

}  // namespace
}  // namespace vca::probes::h323
