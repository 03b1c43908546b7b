// Fragmented tunnels: an IPv4 packet of protocol 41 (6in4, RFC 4213) or 4
// (IP-in-IP, RFC 2003) too large for the path MTU is fragmented by the
// tunnel's entry point (RFC 4213 §3.2 allows it; RFC 791 §3.2); once
// reassembled, the inner IPv6/IPv4 packet and its UDP are the conversation.
// Frames are raw IPv4 (LINKTYPE_IPV4), generated here.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auditor/facts/schema.hpp"
#include "probes/decode/ip_layer.hpp"
#include "probes/decode/packet.hpp"
#include "probes/flow/ip_fragments.hpp"
#include "probes/traffic/traffic_analyzer.hpp"

namespace vca::probes {
namespace {

using B = std::vector<std::uint8_t>;
constexpr int kRawIpv4 = 228;

void put16(B& b, std::size_t at, std::size_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v);
}

B udp(std::uint16_t sport, std::uint16_t dport, std::size_t payload_size) {
    B u(8 + payload_size);
    put16(u, 0, sport);
    put16(u, 2, dport);
    put16(u, 4, u.size());
    for (std::size_t i = 8; i < u.size(); ++i) u[i] = static_cast<std::uint8_t>('a' + i % 26);
    return u;
}

// IPv6 2001:db8::1 -> 2001:db8::2, next header UDP.
B ipv6_udp(const B& l4) {
    B h(40, 0);
    h[0] = 0x60;
    put16(h, 4, l4.size());
    h[6] = 17;
    h[7] = 64;
    h[8] = 0x20, h[9] = 0x01, h[10] = 0x0d, h[11] = 0xb8, h[23] = 1;
    h[24] = 0x20, h[25] = 0x01, h[26] = 0x0d, h[27] = 0xb8, h[39] = 2;
    h.insert(h.end(), l4.begin(), l4.end());
    return h;
}

// IPv4 header (20 bytes) from 198.51.100.s to 198.51.100.d; `frag` is flags+offset.
B ipv4(std::uint8_t proto, std::uint8_t s, std::uint8_t d, const B& payload, std::uint16_t id = 7,
       std::uint16_t frag = 0) {
    B h(20, 0);
    h[0] = 0x45;
    put16(h, 2, 20 + payload.size());
    put16(h, 4, id);
    put16(h, 6, frag);
    h[8] = 64;
    h[9] = proto;
    h[12] = 198, h[13] = 51, h[14] = 100, h[15] = s;
    h[16] = 198, h[17] = 51, h[18] = 100, h[19] = d;
    h.insert(h.end(), payload.begin(), payload.end());
    return h;
}

// The outer packet cut in two fragments at `cut` bytes of its payload (a multiple of 8).
std::vector<B> fragment(std::uint8_t proto, const B& inner, std::size_t cut) {
    const B first(inner.begin(), inner.begin() + static_cast<std::ptrdiff_t>(cut));
    const B second(inner.begin() + static_cast<std::ptrdiff_t>(cut), inner.end());
    return {ipv4(proto, 1, 2, first, 7, 0x2000), ipv4(proto, 1, 2, second, 7, static_cast<std::uint16_t>(cut / 8))};
}

TEST(TunnelFragments, ReassembledSixInFourIsDecodedInside) {
    const B inner = ipv6_udp(udp(5060, 5062, 1400));
    flow::IpFragments table(16, 1 << 20, 30.0);
    decode::DecodeResult d;
    flow::FragmentResult done;
    for (const B& f : fragment(41, inner, 1024)) {
        d = decode::decode_frame(kRawIpv4, core::Bytes(f.data(), f.size()));
        ASSERT_EQ(d.status, decode::DecodeStatus::Fragment);
        EXPECT_EQ(d.packet.protocol, 41);
        done = table.add(d.packet, 1.0);
    }
    ASSERT_EQ(done.outcome, flow::FragmentOutcome::Complete);
    ASSERT_EQ(done.datagram.size(), inner.size());
    decode::decode_reassembled(d.packet.protocol, core::Bytes(done.datagram.data(), done.datagram.size()), d);
    ASSERT_EQ(d.status, decode::DecodeStatus::Ok);
    EXPECT_EQ(d.packet.ip_version, 6);
    EXPECT_EQ(d.packet.protocol, decode::kUdp);
    EXPECT_EQ(d.packet.src_port, 5060);
    EXPECT_EQ(d.packet.dst_port, 5062);
    EXPECT_EQ(d.packet.payload.size(), 1400u);
    ASSERT_EQ(d.packet.src_addr.size(), 16u);
    EXPECT_EQ(d.packet.src_addr[15], 1);
    EXPECT_EQ(d.packet.dst_addr[15], 2);
}

TEST(TunnelFragments, PlainReassembledUdpKeepsItsOuterHeader) {
    const B u = udp(4000, 4002, 1500);
    flow::IpFragments table(16, 1 << 20, 30.0);
    decode::DecodeResult d;
    flow::FragmentResult done;
    for (const B& f : fragment(17, u, 800)) {
        d = decode::decode_frame(kRawIpv4, core::Bytes(f.data(), f.size()));
        done = table.add(d.packet, 1.0);
    }
    ASSERT_EQ(done.outcome, flow::FragmentOutcome::Complete);
    decode::decode_reassembled(d.packet.protocol, core::Bytes(done.datagram.data(), done.datagram.size()), d);
    ASSERT_EQ(d.status, decode::DecodeStatus::Ok);
    EXPECT_EQ(d.packet.ip_version, 4);
    EXPECT_EQ(d.packet.src_port, 4000);
    EXPECT_EQ(d.packet.payload.size(), 1500u);
    EXPECT_EQ(d.packet.ip_length, 20u + 8u + 1500u);
}

std::string cell(const facts::MemorySink::Entry& r, std::string_view column) {
    const facts::TableDef* t = facts::find_table(r.table);
    for (std::size_t i = 0; t != nullptr && i < t->columns.size(); ++i) {
        if (t->columns[i].name != column) continue;
        const facts::Value& v = r.cells[i];
        if (auto* s = std::get_if<std::string>(&v)) return *s;
        if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
        return "NULL";
    }
    return "<no column>";
}

void feed(traffic::TrafficAnalyzer& a, const B& f, std::int64_t n) {
    a.on_frame({1, n, 10.0 + static_cast<double>(n), kRawIpv4, core::Bytes(f.data(), f.size()),
                static_cast<std::uint32_t>(f.size())});
}

TEST(TunnelFragments, AnalyserSeesTheInnerConversation) {
    facts::MemorySink sink;
    traffic::TrafficAnalyzer a(sink);
    std::int64_t n = 0;
    for (const B& f : fragment(41, ipv6_udp(udp(40000, 3478, 1300)), 1000)) feed(a, f, ++n);
    // IP-in-IP: an IPv4/UDP packet inside, fragmented likewise.
    for (const B& f : fragment(4, ipv4(17, 9, 10, udp(41000, 5004, 1300)), 1000)) feed(a, f, ++n);
    a.finish();
    std::vector<std::string> flows;
    for (const auto& r : sink.rows)
        if (r.table == "flows")
            flows.push_back(cell(r, "transport") + " " + cell(r, "src_ip") + ":" + cell(r, "src_port") + " " +
                            cell(r, "dst_ip") + ":" + cell(r, "dst_port"));
    EXPECT_EQ(flows, (std::vector<std::string>{"udp 2001:db8::1:40000 2001:db8::2:3478",
                                               "udp 198.51.100.9:41000 198.51.100.10:5004"}));
    for (const auto& r : sink.rows)
        if (r.table == "anomalies") ADD_FAILURE() << "anomaly " << cell(r, "name");
}

TEST(TunnelFragments, FragmentInsideAReassembledTunnelIsNamed) {
    facts::MemorySink sink;
    traffic::TrafficAnalyzer a(sink);
    // The inner IPv4 packet is itself the first fragment of another datagram.
    const B inner = ipv4(17, 9, 10, udp(41000, 5004, 1200), 99, 0x2000);
    std::int64_t n = 0;
    for (const B& f : fragment(4, inner, 800)) feed(a, f, ++n);
    a.finish();
    std::size_t nested = 0;
    for (const auto& r : sink.rows) nested += r.table == "anomalies" && cell(r, "name") == "ip_fragment_nested";
    EXPECT_EQ(nested, 1u);
}

}  // namespace
}  // namespace vca::probes
