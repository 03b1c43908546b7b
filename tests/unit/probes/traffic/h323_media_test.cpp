// H.323 through the whole analyser: a Connect announcing its H.245 address,
// the separate H.245 connection to it (found only from that announcement),
// an OpenLogicalChannel and its Ack, then RTP to the acknowledged media
// channel: the stream carries what H.245 declared. Frames are raw IPv4 built
// here around the H.225.0/H.245 PDUs of the h323 fixtures (checked with tshark).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "probes/traffic/traffic_analyzer.hpp"
#include "tests/unit/probes/h323/h225_fixtures.hpp"
#include "tests/unit/probes/h323/h245_fixtures.hpp"
#include "tests/unit/probes/h323/h323_test_util.hpp"

namespace vca::probes::traffic {
namespace {

using B = std::vector<std::uint8_t>;
using Ip = std::array<std::uint8_t, 4>;
constexpr int kRawIpv4 = 228;
namespace tf = decode::tcp_flags;

void put16(B& b, std::uint32_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}

B ipv4(std::uint8_t protocol, const Ip& src, const Ip& dst, const B& transport) {
    B b = {0x45, 0};
    put16(b, static_cast<std::uint32_t>(20 + transport.size()));
    B rest = {0, 1, 0, 0, 64, protocol, 0, 0};
    b.insert(b.end(), rest.begin(), rest.end());
    b.insert(b.end(), src.begin(), src.end());
    b.insert(b.end(), dst.begin(), dst.end());
    b.insert(b.end(), transport.begin(), transport.end());
    return b;
}

B tcp(const Ip& src, std::uint16_t sport, const Ip& dst, std::uint16_t dport, std::uint8_t flags, std::uint32_t seq,
      const B& payload = {}) {
    B t;
    put16(t, sport);
    put16(t, dport);
    put16(t, seq >> 16);
    put16(t, seq);
    put16(t, 0);
    put16(t, 0);
    t.push_back(0x50);
    t.push_back(flags);
    put16(t, 65535);
    put16(t, 0);
    put16(t, 0);
    t.insert(t.end(), payload.begin(), payload.end());
    return ipv4(6, src, dst, t);
}

B udp(const Ip& src, std::uint16_t sport, const Ip& dst, std::uint16_t dport, const B& payload) {
    B u;
    put16(u, sport);
    put16(u, dport);
    put16(u, static_cast<std::uint32_t>(8 + payload.size()));
    put16(u, 0);
    u.insert(u.end(), payload.begin(), payload.end());
    return ipv4(17, src, dst, u);
}

// RTP v2, PCMA (payload type 8), SSRC 0x0a0b0c0d, 160 octets.
B rtp(std::uint16_t seq) {
    B b = {0x80, 0x08};
    put16(b, seq);
    put16(b, 0);
    put16(b, seq * 160u);
    B ssrc = {0x0a, 0x0b, 0x0c, 0x0d};
    b.insert(b.end(), ssrc.begin(), ssrc.end());
    for (int i = 0; i < 160; ++i) b.push_back(static_cast<std::uint8_t>(0xd5 ^ (i % 5)));
    return b;
}

const Ip kCaller = {192, 0, 2, 1}, kCallee = {192, 0, 2, 10};
const Ip kMediaFrom = {10, 1, 3, 143}, kMediaTo = {10, 1, 6, 18};  // the corpus channel's ends

struct Capture {
    facts::MemorySink sink;
    TrafficAnalyzer analyzer{sink};
    std::int64_t frame = 0;
    double ts = 50.0;

    void send(const B& packet) {
        ts += 0.02;
        analyzer.on_frame({1, ++frame, ts, kRawIpv4, core::Bytes(packet.data(), packet.size()),
                           static_cast<std::uint32_t>(packet.size())});
    }
    // One TCP connection, one payload each way.
    void connection(std::uint16_t cport, std::uint16_t sport, const B& from_client, const B& from_server) {
        send(tcp(kCaller, cport, kCallee, sport, tf::kSyn, 100));
        send(tcp(kCallee, sport, kCaller, cport, tf::kSyn | tf::kAck, 900));
        if (!from_client.empty()) send(tcp(kCaller, cport, kCallee, sport, tf::kAck | tf::kPsh, 101, from_client));
        if (!from_server.empty()) send(tcp(kCallee, sport, kCaller, cport, tf::kAck | tf::kPsh, 901, from_server));
    }
    void media(int packets) {
        for (int i = 1; i <= packets; ++i) send(udp(kMediaFrom, 5000, kMediaTo, 2006, rtp(static_cast<std::uint16_t>(i))));
    }
    [[nodiscard]] std::vector<const facts::MemorySink::Entry*> rows(const std::string& table) const {
        std::vector<const facts::MemorySink::Entry*> out;
        for (const auto& r : sink.rows)
            if (r.table == table) out.push_back(&r);
        return out;
    }
};

std::string cell_text(const facts::Value& v) {
    if (std::holds_alternative<std::monostate>(v)) return "NULL";
    if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    return std::get<std::string>(v);
}

// rtp_streams and flows columns (RtpStreamRow and FlowRow cells order).
constexpr std::size_t kEncrypted = 7, kBasis = 8, kSignalled = 26;
constexpr std::size_t kFlowApp = 11;

TEST(H323Media, RtpToAnAcknowledgedPlainChannelIsPlainByH245) {
    Capture c;
    c.connection(40000, 1720, {}, h323::test::hex(h323::test::kConnectTokens));  // h245Address 192.0.2.10:1234
    c.connection(40001, 1234, h323::test::hex(h323::test::kCorpusOpenLogicalChannel),
                 h323::test::hex(h323::test::kCorpusOpenLogicalChannelAck101));  // media to 10.1.6.18:2006
    c.media(5);  // too few packets for the payload to decide
    c.analyzer.finish();

    ASSERT_EQ(c.rows("h245_messages").size(), 2u);
    std::vector<std::string> apps;
    for (const auto* f : c.rows("flows")) apps.push_back(cell_text(f->cells[kFlowApp]));
    EXPECT_EQ(apps, (std::vector<std::string>{"h323", "h245", "rtp"}));
    const auto streams = c.rows("rtp_streams");
    ASSERT_EQ(streams.size(), 1u);
    EXPECT_EQ(cell_text(streams[0]->cells[kSignalled]), "h245_rtp");
    EXPECT_EQ(cell_text(streams[0]->cells[kEncrypted]), "0");
    EXPECT_EQ(cell_text(streams[0]->cells[kBasis]), "h245_datatype");
}

TEST(H323Media, WithoutTheAnnouncementNothingIsDecodedOrHinted) {
    Capture c;  // the Connect was not captured: port 1234 is just a TCP flow
    c.connection(40001, 1234, h323::test::hex(h323::test::kCorpusOpenLogicalChannel),
                 h323::test::hex(h323::test::kCorpusOpenLogicalChannelAck101));
    c.media(40);  // enough for RTP to be found by its headers alone
    c.analyzer.finish();
    EXPECT_EQ(c.rows("h245_messages").size(), 0u);
    const auto streams = c.rows("rtp_streams");
    ASSERT_EQ(streams.size(), 1u);
    EXPECT_EQ(cell_text(streams[0]->cells[kSignalled]), "NULL");
    EXPECT_NE(cell_text(streams[0]->cells[kBasis]), "h245_datatype");
}

}  // namespace
}  // namespace vca::probes::traffic
