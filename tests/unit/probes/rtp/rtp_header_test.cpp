// RTP/RTCP header parsing and the RTP sniff on hand-built packets: one test
// per edge case of RFC 3550 §5.1 / §6, RFC 5761 §4 and RFC 7983 §7.
#include <gtest/gtest.h>

#include <vector>

#include "probes/rtp/rtp_header.hpp"
#include "tests/unit/probes/rtp/rtp_packets.hpp"

namespace vca::probes::rtp {
namespace {

using test::PacketSpec;
using test::rtp_packet;
using test::view;

TEST(RtpHeader, FixedFieldsAndPayload) {
    PacketSpec s;
    s.payload_type = 8;
    s.seq = 0xFFFE;
    s.timestamp = 0xA1B2C3D4;
    s.ssrc = 0xDEE0EE8F;
    s.marker = true;
    const auto b = rtp_packet(s, {1, 2, 3});
    RtpHeader h;
    const RtpResult r = parse_rtp(view(b), h);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_TRUE(r.error.empty());
    EXPECT_EQ(h.payload_type, 8);
    EXPECT_TRUE(h.marker);
    EXPECT_EQ(h.sequence, 0xFFFE);
    EXPECT_EQ(h.timestamp, 0xA1B2C3D4u);
    EXPECT_EQ(h.ssrc, 0xDEE0EE8Fu);
    EXPECT_EQ(h.header_length, 12u);
    ASSERT_EQ(h.payload.size(), 3u);
    EXPECT_EQ(h.payload[0], 1);
    EXPECT_EQ(h.payload.data(), b.data() + 12);  // a view into the datagram, not a copy
}

TEST(RtpHeader, CsrcsAndExtensionAreSkipped) {
    PacketSpec s;
    s.csrcs = {0x01020304, 0x05060708};
    s.extension = true;
    s.extension_words = 2;
    const auto b = rtp_packet(s, {0xAA});
    RtpHeader h;
    ASSERT_EQ(parse_rtp(view(b), h).status, ParseStatus::Ok);
    EXPECT_EQ(h.csrc_count, 2);
    ASSERT_EQ(h.csrcs.size(), 8u);
    EXPECT_EQ(h.csrcs[4], 0x05);
    EXPECT_EQ(h.extension_profile, 0xBEDE);
    EXPECT_EQ(h.extension_data.size(), 8u);
    EXPECT_EQ(h.header_length, 12u + 8 + 4 + 8);
    ASSERT_EQ(h.payload.size(), 1u);
    EXPECT_EQ(h.payload[0], 0xAA);
}

TEST(RtpHeader, EmptyPayloadIsValid) {
    const auto b = rtp_packet(PacketSpec{}, {});
    RtpHeader h;
    ASSERT_EQ(parse_rtp(view(b), h).status, ParseStatus::Ok);
    EXPECT_TRUE(h.payload.empty());
}

TEST(RtpHeader, ValidPaddingIsRemoved) {
    PacketSpec s;
    s.padding = 4;
    const auto b = rtp_packet(s, {9, 9, 9, 9, 9});
    RtpHeader h;
    const RtpResult r = parse_rtp(view(b), h);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_TRUE(h.padding_valid);
    EXPECT_EQ(h.padding_length, 4);
    EXPECT_EQ(h.payload.size(), 5u);
}

TEST(RtpHeader, PaddingCountOfZeroIsNamed) {
    PacketSpec s;
    s.padding = 1;
    auto b = rtp_packet(s, {7, 7});
    b.back() = 0;  // RFC 3550 §5.1: the count includes itself, so never 0
    RtpHeader h;
    const RtpResult r = parse_rtp(view(b), h);
    EXPECT_EQ(r.status, ParseStatus::Ok);  // the header is fine; the packet still counts
    EXPECT_EQ(r.error, "rtp_bad_padding");
    EXPECT_FALSE(h.padding_valid);
    EXPECT_EQ(h.payload.size(), 3u);  // nothing removed
}

TEST(RtpHeader, PaddingLongerThanPayloadIsNamed) {
    PacketSpec s;
    s.padding = 2;
    auto b = rtp_packet(s, {7});
    b.back() = 4;  // more than the 3 octets after the header
    RtpHeader h;
    EXPECT_EQ(parse_rtp(view(b), h).error, "rtp_bad_padding");
    EXPECT_FALSE(h.padding_valid);
}

TEST(RtpHeader, ShortDatagramIsInvalid) {
    auto b = rtp_packet(PacketSpec{}, {});
    b.pop_back();
    RtpHeader h;
    const RtpResult r = parse_rtp(view(b), h);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "rtp_too_short");
}

TEST(RtpHeader, VersionOtherThanTwoIsInvalid) {
    auto b = rtp_packet(PacketSpec{}, {1});
    b[0] = static_cast<std::uint8_t>((b[0] & 0x3F) | 0x40);  // version 1
    RtpHeader h;
    EXPECT_EQ(parse_rtp(view(b), h).error, "rtp_bad_version");
}

TEST(RtpHeader, CsrcCountBeyondTheDatagramIsInvalid) {
    auto b = rtp_packet(PacketSpec{}, {1, 2, 3, 4});
    b[0] = static_cast<std::uint8_t>(b[0] | 0x02);  // claims 2 CSRCs = 8 octets, only 4 follow
    RtpHeader h;
    EXPECT_EQ(parse_rtp(view(b), h).error, "rtp_header_overrun");
}

TEST(RtpHeader, ExtensionLongerThanTheDatagramIsInvalid) {
    PacketSpec s;
    s.extension = true;
    s.extension_words = 1;
    auto b = rtp_packet(s, {});
    b[15] = 3;  // the extension now claims 3 words; 1 is present
    RtpHeader h;
    EXPECT_EQ(parse_rtp(view(b), h).error, "rtp_header_overrun");
}

TEST(RtpSniff, AcceptsPlainRtp) {
    PacketSpec s;
    s.payload_type = 96;
    EXPECT_TRUE(looks_like_rtp(view(rtp_packet(s, {1, 2, 3, 4}))));
}

TEST(RtpSniff, RejectsOtherProtocolsSharingThePort) {
    std::vector<std::uint8_t> stun = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8};
    std::vector<std::uint8_t> dtls = {0x16, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
    std::vector<std::uint8_t> channel_data = {0x40, 0x00, 0x00, 0x0C, 0x80, 0x08, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
    std::vector<std::uint8_t> quic_long = {0xC3, 0x00, 0x00, 0x00, 0x01, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0};
    EXPECT_FALSE(looks_like_rtp(view(stun)));
    EXPECT_FALSE(looks_like_rtp(view(dtls)));
    EXPECT_FALSE(looks_like_rtp(view(channel_data)));
    EXPECT_FALSE(looks_like_rtp(view(quic_long)));
}

TEST(RtpSniff, RejectsPayloadTypesThatCollideWithRtcp) {
    for (std::uint8_t pt = 72; pt <= 76; ++pt) {
        PacketSpec s;
        s.payload_type = pt;
        EXPECT_FALSE(looks_like_rtp(view(rtp_packet(s, {1}))));
    }
    PacketSpec fb;  // PT 77 with the marker: second octet 205, RTCP transport feedback
    fb.payload_type = 77;
    fb.marker = true;
    EXPECT_FALSE(looks_like_rtp(view(rtp_packet(fb, {1}))));
    fb.marker = false;
    EXPECT_TRUE(looks_like_rtp(view(rtp_packet(fb, {1}))));
}

TEST(RtpSniff, RejectsImpossiblePadding) {
    PacketSpec s;
    s.padding = 1;
    auto b = rtp_packet(s, {});
    b.back() = 0;
    EXPECT_FALSE(looks_like_rtp(view(b)));
}

// RTCP receiver report (RFC 3550 §6.4.2) with no report blocks, then SDES.
std::vector<std::uint8_t> rr_and_sdes(std::uint32_t ssrc) {
    std::vector<std::uint8_t> b = {0x80, 201, 0x00, 0x01};
    test::put32(b, ssrc);
    const std::vector<std::uint8_t> sdes = {0x81, 202, 0x00, 0x03};
    b.insert(b.end(), sdes.begin(), sdes.end());
    test::put32(b, ssrc);
    const std::vector<std::uint8_t> cname = {1, 2, 'a', 'b', 0, 0, 0, 0};  // CNAME "ab", END, pad
    b.insert(b.end(), cname.begin(), cname.end());
    return b;
}

TEST(RtpRtcp, CompoundIsWalkedToItsEnd) {
    const auto b = rr_and_sdes(0x58F33DEA);
    RtcpCompound c;
    ASSERT_EQ(parse_rtcp(view(b), c).status, ParseStatus::Ok);
    EXPECT_EQ(c.packets, 2u);
    EXPECT_EQ(c.first_type, kRtcpReceiverReport);
    EXPECT_EQ(c.sender_ssrc, 0x58F33DEAu);
    EXPECT_EQ(c.trailing, 0u);
    EXPECT_TRUE(rtcp_by_second_octet(view(b)));
    EXPECT_FALSE(looks_like_rtp(view(b)));
}

TEST(RtpRtcp, SrtcpTrailerIsLeftOver) {
    auto b = rr_and_sdes(1);
    // RFC 3711 §3.4: E flag + 31-bit index, then a 10-octet tag.
    const std::vector<std::uint8_t> trailer = {0x80, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    b.insert(b.end(), trailer.begin(), trailer.end());
    RtcpCompound c;
    ASSERT_EQ(parse_rtcp(view(b), c).status, ParseStatus::Ok);
    EXPECT_EQ(c.packets, 2u);
    EXPECT_EQ(c.trailing, 14u);
}

TEST(RtpRtcp, FirstLengthBeyondTheDatagramIsInvalid) {
    auto b = rr_and_sdes(1);
    b[3] = 40;
    RtcpCompound c;
    EXPECT_EQ(parse_rtcp(view(b), c).error, "rtcp_too_short");
}

TEST(RtpRtcp, FirstTypeOutsideRtcpIsInvalid) {
    auto b = rr_and_sdes(1);
    b[1] = 199;
    RtcpCompound c;
    EXPECT_EQ(parse_rtcp(view(b), c).error, "rtcp_bad_type");
}

TEST(RtpRtcp, EmptyBodyHasNoSenderAndIsInvalid) {
    const std::vector<std::uint8_t> b = {0x80, 201, 0x00, 0x00};
    RtcpCompound c;
    EXPECT_EQ(parse_rtcp(view(b), c).status, ParseStatus::Invalid);
}

}  // namespace
}  // namespace vca::probes::rtp
