// Link, IP and transport decoding: one test per named malformed case, each
// asserting the exact status and anomaly name. Frames are built byte by byte
// here (a unit test of one decoder); real captures are covered elsewhere.
#include <gtest/gtest.h>

#include <vector>

#include "probes/decode/packet.hpp"

namespace vca::probes::decode {
namespace {

using B = std::vector<std::uint8_t>;

B ipv4_udp(std::uint16_t sport, std::uint16_t dport, const B& payload, std::uint16_t frag = 0) {
    auto total = static_cast<std::uint16_t>(20 + 8 + payload.size());
    B b = {0x45, 0, static_cast<std::uint8_t>(total >> 8), static_cast<std::uint8_t>(total), 0x12, 0x34,
           static_cast<std::uint8_t>(frag >> 8), static_cast<std::uint8_t>(frag), 64, 17, 0, 0,
           192, 0, 2, 1, 198, 51, 100, 2};
    auto ulen = static_cast<std::uint16_t>(8 + payload.size());
    B udp = {static_cast<std::uint8_t>(sport >> 8), static_cast<std::uint8_t>(sport),
             static_cast<std::uint8_t>(dport >> 8), static_cast<std::uint8_t>(dport),
             static_cast<std::uint8_t>(ulen >> 8), static_cast<std::uint8_t>(ulen), 0, 0};
    b.insert(b.end(), udp.begin(), udp.end());
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

B ethernet(const B& ip, std::uint16_t ethertype = 0x0800) {
    B b(12, 0xaa);
    b.push_back(static_cast<std::uint8_t>(ethertype >> 8));
    b.push_back(static_cast<std::uint8_t>(ethertype));
    b.insert(b.end(), ip.begin(), ip.end());
    return b;
}

DecodeResult decode(int dlt, const B& b) { return decode_frame(dlt, core::Bytes(b.data(), b.size())); }

TEST(Decode, EthernetIpv4Udp) {
    B frame = ethernet(ipv4_udp(5060, 5070, {'S', 'I', 'P'}));  // views point into it
    auto r = decode(1, frame);
    ASSERT_EQ(r.status, DecodeStatus::Ok);
    EXPECT_EQ(r.packet.ip_version, 4);
    EXPECT_EQ(r.packet.protocol, kUdp);
    EXPECT_EQ(r.packet.src_port, 5060);
    EXPECT_EQ(r.packet.dst_port, 5070);
    EXPECT_EQ(r.packet.payload.size(), 3u);
    EXPECT_EQ(r.packet.dst_addr[0], 198);
}

TEST(Decode, EthernetPaddingIsNotPayload) {
    B frame = ethernet(ipv4_udp(1, 2, {1, 2}));
    frame.resize(60, 0);  // minimum Ethernet frame, zero padded
    auto r = decode(1, frame);
    ASSERT_EQ(r.status, DecodeStatus::Ok);
    EXPECT_EQ(r.packet.payload.size(), 2u);
}

TEST(Decode, VlanTagsSkipped) {
    B ip = ipv4_udp(1, 2, {9});
    B b(12, 0);
    B tags = {0x81, 0x00, 0x00, 0x0a, 0x81, 0x00, 0x00, 0x0b, 0x08, 0x00};
    b.insert(b.end(), tags.begin(), tags.end());
    b.insert(b.end(), ip.begin(), ip.end());
    EXPECT_EQ(decode(1, b).status, DecodeStatus::Ok);
}

TEST(Decode, LinuxCookedV1AndV2) {
    B ip = ipv4_udp(1, 2, {9});
    B sll(14, 0);
    sll.push_back(0x08);
    sll.push_back(0x00);
    sll.insert(sll.end(), ip.begin(), ip.end());
    EXPECT_EQ(decode(113, sll).status, DecodeStatus::Ok);
    B sll2 = {0x08, 0x00};
    sll2.resize(20, 0);
    sll2.insert(sll2.end(), ip.begin(), ip.end());
    EXPECT_EQ(decode(276, sll2).status, DecodeStatus::Ok);
}

TEST(Decode, RawAndLoopback) {
    B ip = ipv4_udp(1, 2, {9});
    EXPECT_EQ(decode(12, ip).status, DecodeStatus::Ok);
    EXPECT_EQ(decode(101, ip).status, DecodeStatus::Ok);
    B null_le = {2, 0, 0, 0};  // AF_INET in the writer's (little-endian) order
    null_le.insert(null_le.end(), ip.begin(), ip.end());
    EXPECT_EQ(decode(0, null_le).status, DecodeStatus::Ok);
    B null_be = {0, 0, 0, 2};  // written by a big-endian host
    null_be.insert(null_be.end(), ip.begin(), ip.end());
    EXPECT_EQ(decode(0, null_be).status, DecodeStatus::Ok);
    B loop = {0, 0, 0, 2};
    loop.insert(loop.end(), ip.begin(), ip.end());
    EXPECT_EQ(decode(108, loop).status, DecodeStatus::Ok);
}

TEST(Decode, PppoeSession) {
    B ip = ipv4_udp(1, 2, {9});
    B pppoe = {0x11, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x21};
    pppoe.insert(pppoe.end(), ip.begin(), ip.end());
    EXPECT_EQ(decode(1, ethernet(pppoe, 0x8864)).status, DecodeStatus::Ok);
}

TEST(Decode, Ipv6WithHopByHop) {
    B b = {0x60, 0, 0, 0, 0, 16, 0 /*hop-by-hop*/, 64};
    b.resize(40, 0);
    b[8] = 0x20;
    b[24] = 0x20;
    B hbh = {17, 0, 1, 4, 0, 0, 0, 0};  // next: UDP, length 0 (8 bytes), PadN
    b.insert(b.end(), hbh.begin(), hbh.end());
    B udp = {0x13, 0xc4, 0x13, 0xc4, 0, 8, 0, 0};
    b.insert(b.end(), udp.begin(), udp.end());
    auto r = decode(229, b);
    ASSERT_EQ(r.status, DecodeStatus::Ok);
    EXPECT_EQ(r.packet.ip_version, 6);
    EXPECT_EQ(r.packet.src_port, 5060);
}

// An IPv4 header carrying `inner` as protocol `proto` (4 = IPv4, 41 = IPv6).
B ipv4_carrying(std::uint8_t proto, const B& inner) {
    auto total = static_cast<std::uint16_t>(20 + inner.size());
    B b = {0x45, 0, static_cast<std::uint8_t>(total >> 8), static_cast<std::uint8_t>(total), 0, 0, 0, 0, 64, proto,
           0, 0, 81, 131, 67, 131, 192, 0, 2, 99};
    b.insert(b.end(), inner.begin(), inner.end());
    return b;
}

// 6in4 (RFC 4213) and IP-in-IP (RFC 2003): the conversation is the inner packet's.
TEST(Decode, TunnelledPacketsAreDecodedInside) {
    B v6 = {0x60, 0, 0, 0, 0, 8, 17, 64};
    v6.resize(40, 0);
    v6[8] = 0x20, v6[9] = 0x02;   // 2002::
    v6[24] = 0x20, v6[25] = 0x01;  // 2001::
    B udp = {0x13, 0xc4, 0x13, 0xc5, 0, 8, 0, 0};
    v6.insert(v6.end(), udp.begin(), udp.end());
    const B frame6 = ethernet(ipv4_carrying(41, v6));  // the result's views point into it
    auto r = decode(1 /*Ethernet*/, frame6);
    ASSERT_EQ(r.status, DecodeStatus::Ok);
    EXPECT_EQ(r.packet.ip_version, 6);
    EXPECT_EQ(r.packet.src_addr[0], 0x20);
    EXPECT_EQ(r.packet.dst_port, 5061);

    const B frame4 = ethernet(ipv4_carrying(4, ipv4_udp(5060, 5070, {1, 2, 3})));
    auto r4 = decode(1, frame4);
    ASSERT_EQ(r4.status, DecodeStatus::Ok);
    EXPECT_EQ(r4.packet.ip_version, 4);
    EXPECT_EQ(r4.packet.src_addr[0], 192);  // the inner source, not the tunnel end
    EXPECT_EQ(r4.packet.dst_port, 5070);
}

TEST(DecodeMalformed, TunnelsNestedTooDeep) {
    B p = ipv4_udp(1, 2, {});
    for (int i = 0; i < 5; ++i) p = ipv4_carrying(4, p);
    const B frame = ethernet(p);
    auto r = decode(1, frame);
    EXPECT_EQ(r.status, DecodeStatus::Malformed);
    EXPECT_EQ(r.anomaly, "ip_tunnel_too_deep");
}

TEST(DecodeMalformed, EthernetTruncated) {
    auto r = decode(1, B(10, 0));
    EXPECT_EQ(r.status, DecodeStatus::Truncated);
    EXPECT_EQ(r.anomaly, "ethernet_truncated");
}

TEST(DecodeMalformed, Ipv4BadVersion) {
    B ip = ipv4_udp(1, 2, {});
    ip[0] = 0x55;
    auto r = decode(228, ip);
    EXPECT_EQ(r.status, DecodeStatus::Malformed);
    EXPECT_EQ(r.anomaly, "ipv4_bad_version");
}

TEST(DecodeMalformed, Ipv4HeaderLengthTooSmall) {
    B ip = ipv4_udp(1, 2, {});
    ip[0] = 0x44;
    auto r = decode(228, ip);
    EXPECT_EQ(r.status, DecodeStatus::Malformed);
    EXPECT_EQ(r.anomaly, "ipv4_bad_header");
}

TEST(DecodeMalformed, Ipv4Truncated) {
    B ip = ipv4_udp(1, 2, {});
    ip.resize(12);
    auto r = decode(228, ip);
    EXPECT_EQ(r.status, DecodeStatus::Truncated);
    EXPECT_EQ(r.anomaly, "ipv4_truncated");
}

TEST(DecodeMalformed, UdpLengthBeyondIp) {
    B ip = ipv4_udp(1, 2, {1, 2, 3});
    ip[25] = 0xff;  // UDP length low byte
    auto r = decode(228, ip);
    EXPECT_EQ(r.status, DecodeStatus::Malformed);
    EXPECT_EQ(r.anomaly, "udp_bad_length");
}

TEST(DecodeMalformed, UdpTruncated) {
    B ip = ipv4_udp(1, 2, {});
    ip.resize(24);
    auto r = decode(228, ip);
    EXPECT_EQ(r.status, DecodeStatus::Truncated);
    EXPECT_EQ(r.anomaly, "udp_truncated");
}

TEST(DecodeMalformed, TcpDataOffsetTooSmall) {
    B ip = ipv4_udp(1, 2, B(12, 0));
    ip[9] = 6;       // TCP
    ip[20 + 12] = 0x40;  // data offset 4 words < 5
    auto r = decode(228, ip);
    EXPECT_EQ(r.status, DecodeStatus::Malformed);
    EXPECT_EQ(r.anomaly, "tcp_bad_header");
}

TEST(DecodeMalformed, SnapLengthClipsPayload) {
    B ip = ipv4_udp(1, 2, B(100, 7));
    ip.resize(60);  // captured only 60 of 128 bytes
    auto r = decode(228, ip);
    ASSERT_EQ(r.status, DecodeStatus::Ok);
    EXPECT_TRUE(r.packet.payload_clipped);
    EXPECT_EQ(r.packet.payload.size(), 32u);
}

TEST(DecodeMalformed, FragmentReportsItsPlace) {
    auto r = decode(228, ipv4_udp(1, 2, B(16, 1), 0x2000 | 0x0003));  // MF, offset 3*8
    ASSERT_EQ(r.status, DecodeStatus::Fragment);
    EXPECT_TRUE(r.packet.more_fragments);
    EXPECT_EQ(r.packet.frag_offset, 24u);
    EXPECT_EQ(r.packet.frag_id, 0x1234u);
}

TEST(DecodeMalformed, UnsupportedLinkType) {
    auto r = decode(127, B(40, 0));
    EXPECT_EQ(r.status, DecodeStatus::Unsupported);
    EXPECT_FALSE(linktype_supported(127));
    EXPECT_TRUE(linktype_supported(276));
}

TEST(Decode, NonIpIsNotAnAnomaly) {
    auto r = decode(1, ethernet(B(28, 0), 0x0806));  // ARP
    EXPECT_EQ(r.status, DecodeStatus::NotIp);
    EXPECT_TRUE(r.anomaly.empty());
}

}  // namespace
}  // namespace vca::probes::decode
