// TPKT framing (RFC 1006 §6) and Q.931 (ITU-T Q.931 §4) on hand-built bytes.
#include <gtest/gtest.h>

#include <vector>

#include "probes/h323/q931_parser.hpp"
#include "probes/h323/tpkt.hpp"
#include "tests/unit/probes/h323/h323_test_util.hpp"

namespace vca::probes::h323 {
namespace {

using test::hex;

TEST(Tpkt, FramesOnePacketAndSaysHowMuchItTook) {
    const auto b = hex("03 00 00 07 08 02 00 | 03 00");  // a 7-octet TPKT, then the start of the next
    const TpktResult r = parse_tpkt(b);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.consumed, 7u);
    EXPECT_EQ(r.payload.size(), 3u);
    EXPECT_EQ(r.payload[0], 0x08);
}

TEST(Tpkt, NeedsMoreUntilTheWholePacketIsThere) {
    const auto b = hex("03 00 00 0a 08 02 00 2a 05 7d");
    for (std::size_t n = 0; n < b.size(); ++n) {
        SCOPED_TRACE(n);
        EXPECT_EQ(parse_tpkt(core::Bytes(b.data(), n)).status, ParseStatus::NeedMore);
    }
    EXPECT_EQ(parse_tpkt(b).status, ParseStatus::Ok);
}

TEST(Tpkt, EmptyPacketIsAKeepAlive) {
    const TpktResult r = parse_tpkt(hex("03 00 00 04"));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.consumed, 4u);
    EXPECT_TRUE(r.payload.empty());
}

TEST(Tpkt, WrongVersionOrShortLengthIsInvalid) {
    EXPECT_EQ(parse_tpkt(hex("02 00 00 08")).status, ParseStatus::Invalid);
    EXPECT_EQ(parse_tpkt(hex("03 00 00 03")).status, ParseStatus::Invalid);
    EXPECT_EQ(parse_tpkt(hex("03 00 00 00")).status, ParseStatus::Invalid);
}

TEST(Tpkt, ResyncNeedsAQ931StartBehindTheHeader) {
    EXPECT_TRUE(looks_like_h225_tpkt(hex("03 00 00 0a 08")));
    EXPECT_FALSE(looks_like_h225_tpkt(hex("03 00 00 0a 09")));  // not Q.931
    EXPECT_FALSE(looks_like_h225_tpkt(hex("03 01 00 0a 08")));  // reserved octet set
    EXPECT_FALSE(looks_like_h225_tpkt(hex("03 00 00 04 08")));  // empty packet
    EXPECT_FALSE(looks_like_h225_tpkt(hex("03 00 00 0a")));     // too short to tell
}

TEST(Q931, HeaderAndPartyElements) {
    // SETUP, call reference 0x1234 from the originating side, Bearer
    // capability, Display with a terminating NUL, Calling party number with
    // octet 3a (presentation allowed), Called party number, Sending complete.
    const auto b = hex(
        "08 02 12 34 05 | 04 03 88 90 a5 | 28 06 4d 2e 4a 00 00 00 | 6c 06 01 80 31 30 30 31 | 70 05 81 32 30 30 32"
        "| a1");
    Q931Message m;
    ASSERT_EQ(parse_q931(b, m).status, ParseStatus::Ok);
    EXPECT_EQ(m.message_type, q931_type::kSetup);
    EXPECT_EQ(q931_message_name(m.message_type), "setup");
    EXPECT_EQ(m.call_reference_length, 2u);
    EXPECT_EQ(m.call_reference, 0x1234u);
    EXPECT_FALSE(m.call_reference_flag);
    EXPECT_EQ(m.display, "M.J");
    EXPECT_EQ(m.calling_number, "1001");
    EXPECT_EQ(m.called_number, "2002");
    EXPECT_FALSE(m.cause.has_value());
    EXPECT_FALSE(m.user_user.has_value());
    EXPECT_EQ(m.information_elements, 5u);
    EXPECT_TRUE(m.ie_problem.empty());
}

TEST(Q931, FlagCauseAndUserUserWithTwoOctetLength) {
    // RELEASE COMPLETE towards the originator (flag set); Cause with octet 3a
    // (octet 3's extension bit 0), value 31; a User-user element of 300 octets.
    std::vector<std::uint8_t> b = hex("08 02 80 05 5a | 08 03 00 80 9f | 7e 01 2c 05");
    b.insert(b.end(), 299, 0x00);
    Q931Message m;
    ASSERT_EQ(parse_q931(b, m).status, ParseStatus::Ok);
    EXPECT_EQ(q931_message_name(m.message_type), "release_complete");
    EXPECT_TRUE(m.call_reference_flag);
    EXPECT_EQ(m.call_reference, 5u);
    EXPECT_EQ(m.cause, 31);
    ASSERT_TRUE(m.user_user.has_value());
    EXPECT_EQ(m.user_user_protocol, kUserUserX208);
    EXPECT_EQ(m.user_user->size(), 299u);
    EXPECT_TRUE(m.ie_problem.empty());
}

TEST(Q931, CodesetShiftsHideOtherCodesetsElements) {
    // Non-locking shift to codeset 6 before a 0x28 (not Display there), then a
    // codeset-0 Display; a locking shift to 5 hides the last Calling number.
    const auto b = hex("08 01 07 7d | 9e 28 01 41 | 28 01 42 | 95 | 6c 02 81 39");
    Q931Message m;
    ASSERT_EQ(parse_q931(b, m).status, ParseStatus::Ok);
    EXPECT_EQ(m.call_reference, 7u);
    EXPECT_EQ(q931_message_name(m.message_type), "status");
    EXPECT_EQ(m.display, "B");
    EXPECT_FALSE(m.calling_number.has_value());
}

TEST(Q931, DamagedElementStopsTheListButKeepsTheMessage) {
    Q931Message m;
    ASSERT_EQ(parse_q931(hex("08 02 00 01 05 | 28 02 41 42 | 70 09 81 31"), m).status, ParseStatus::Ok);
    EXPECT_EQ(m.display, "AB");
    EXPECT_FALSE(m.called_number.has_value());
    EXPECT_FALSE(m.ie_problem.empty());
    ASSERT_EQ(parse_q931(hex("08 02 00 01 05 | 7e 00"), m).status, ParseStatus::Ok);
    EXPECT_FALSE(m.ie_problem.empty());
}

TEST(Q931, ElementsBeyondTheLimitAreNotRead) {
    // 64 Sending complete octets (limits::kMaxQ931InformationElements), then a Display.
    std::vector<std::uint8_t> b = hex("08 02 00 01 05");
    b.insert(b.end(), 64, 0xa1);
    const auto display = hex("28 01 41");
    b.insert(b.end(), display.begin(), display.end());
    Q931Message m;
    ASSERT_EQ(parse_q931(b, m).status, ParseStatus::Ok);
    EXPECT_EQ(m.information_elements, 64u);
    EXPECT_FALSE(m.display.has_value());
    EXPECT_EQ(m.ie_problem, "more information elements than vcaudit reads");
}

TEST(Q931, NonPrintableDisplayCharactersAreMasked) {
    Q931Message m;
    ASSERT_EQ(parse_q931(hex("08 02 00 01 05 | 28 04 41 07 ff 42"), m).status, ParseStatus::Ok);
    EXPECT_EQ(m.display, "A??B");
}

TEST(Q931, NationalMessageTypeEscape) {
    Q931Message m;
    ASSERT_EQ(parse_q931(hex("08 02 00 01 00 05"), m).status, ParseStatus::Ok);
    EXPECT_TRUE(m.national_type);
}

TEST(Q931, NotQ931) {
    Q931Message m;
    EXPECT_EQ(parse_q931(hex(""), m).status, ParseStatus::Invalid);
    EXPECT_EQ(parse_q931(hex("09 02 00 01 05"), m).status, ParseStatus::Invalid);  // discriminator
    EXPECT_EQ(parse_q931(hex("08 12 00 01 05"), m).status, ParseStatus::Invalid);  // length octet's upper bits
    EXPECT_EQ(parse_q931(hex("08 05 00 00 00 00 01 05"), m).status, ParseStatus::Invalid);  // too long a reference
    EXPECT_EQ(parse_q931(hex("08 02 00"), m).status, ParseStatus::Invalid);        // ends in the reference
    EXPECT_EQ(parse_q931(hex("08 02 00 01"), m).status, ParseStatus::Invalid);     // no message type
    EXPECT_EQ(parse_q931(hex("08 02 00 01 85"), m).status, ParseStatus::Invalid);  // bit 8 of the type
    // The dummy call reference (length 0) is valid.
    EXPECT_EQ(parse_q931(hex("08 00 7d"), m).status, ParseStatus::Ok);
    EXPECT_EQ(m.call_reference_length, 0u);
}

}  // namespace
}  // namespace vca::probes::h323
