// STUN/TURN grammar and per-flow session: real messages from the shared
// corpus read at run time (values as tshark shows them), and one test per
// named malformed case on hand-made bytes.
#include <gtest/gtest.h>

#include <vector>

#include "probes/stun/stun_session.hpp"
#include "tests/support/corpus_frames.hpp"

namespace vca::probes::stun {
namespace {

core::Bytes view(const std::vector<std::uint8_t>& b) { return {b.data(), b.size()}; }

TEST(Stun, AllocateSuccessGivesTheRelayedAddress) {
    // arkime/turn.pcap frame 9 (TURN over TCP port 80): Allocate success; tshark
    // (-d tcp.port==80,stun): XOR-RELAYED-ADDRESS 104.30.147.243:51142,
    // XOR-MAPPED-ADDRESS 108.56.17.155:61109, LIFETIME 600.
    auto payload = test::corpus_payload("corpus/public/arkime/turn.pcap", 9);
    StunMessage m;
    auto r = parse_stun(view(payload), m);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(m.method, kAllocate);
    EXPECT_EQ(m.cls, StunClass::Success);
    ASSERT_TRUE(m.xor_relayed);
    EXPECT_EQ(m.xor_relayed->ip, "104.30.147.243");
    EXPECT_EQ(m.xor_relayed->port, 51142);
    ASSERT_TRUE(m.xor_mapped);
    EXPECT_EQ(m.xor_mapped->ip, "108.56.17.155");
    EXPECT_EQ(m.lifetime, 600u);
    EXPECT_TRUE(m.has_integrity);
}

TEST(Stun, IceTcpFramingIsFollowed) {
    // ndpi/stun.pcap frames 3 and 5: ICE-TCP with RFC 4571 length prefixes.
    StunSession s;
    for (std::int64_t frame : {3, 5}) {
        auto payload = test::corpus_payload("corpus/public/ndpi/stun.pcap", frame);
        s.on_stream(frame == 3 ? 0 : 1, view(payload), false, 1.0, frame);
    }
    EXPECT_EQ(s.messages(), 2);
}

TEST(StunMalformed, NotStunWithoutTheCookie) {
    std::vector<std::uint8_t> b(20, 0);
    b[1] = 0x01;
    EXPECT_FALSE(looks_like_stun(view(b)));
    StunMessage m;
    EXPECT_EQ(parse_stun(view(b), m).status, ParseStatus::Invalid);
}

TEST(StunMalformed, TruncatedBodyNeedsMore) {
    std::vector<std::uint8_t> b = {0x00, 0x01, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42};
    b.resize(20, 0);
    StunMessage m;
    EXPECT_EQ(parse_stun(view(b), m).status, ParseStatus::NeedMore);
}

TEST(StunMalformed, AttributeLongerThanTheBodyIsNamed) {
    std::vector<std::uint8_t> b = {0x00, 0x01, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42};
    b.resize(20, 0);
    std::vector<std::uint8_t> attr = {0x80, 0x22, 0x00, 0x40, 'a', 'b', 'c', 'd'};  // SOFTWARE claims 64 bytes
    b.insert(b.end(), attr.begin(), attr.end());
    StunMessage m;
    auto r = parse_stun(view(b), m);
    EXPECT_EQ(r.status, ParseStatus::Ok);  // the header frames it; it still counts
    EXPECT_EQ(r.error, "stun_bad_attribute");
    EXPECT_FALSE(m.software);
}

TEST(Stun, ChannelDataFraming) {
    std::vector<std::uint8_t> b = {0x40, 0x00, 0x00, 0x03, 1, 2, 3};
    EXPECT_EQ(channel_data_length(view(b), false), 7u);
    EXPECT_EQ(channel_data_length(view(b), true), 0u);  // over TCP it is padded to 8
    b.push_back(0);
    EXPECT_EQ(channel_data_length(view(b), true), 8u);
}

}  // namespace
}  // namespace vca::probes::stun
