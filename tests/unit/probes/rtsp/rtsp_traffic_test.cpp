// RTSP wired into the traffic analyser, on raw IPv4 frames built here (no
// corpus capture has RTSP media): RTP in interleaved frames becomes an
// rtp_streams row of the RTSP connection; UDP RTP to the ports a SETUP agreed
// on is known as plain RTP from its first packet; Basic credentials still
// reach the credentials table (probes/creds) and never rtsp_messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auditor/facts/schema.hpp"
#include "probes/traffic/traffic_analyzer.hpp"

namespace vca::probes::rtsp {
namespace {

using B = std::vector<std::uint8_t>;
using Entry = facts::MemorySink::Entry;
constexpr int kRawIpv4 = 228;  // LINKTYPE_IPV4

B ipv4(std::uint8_t proto, std::uint8_t src, std::uint8_t dst, const B& l4) {
    const auto total = static_cast<std::uint16_t>(20 + l4.size());
    B b = {0x45, 0, static_cast<std::uint8_t>(total >> 8), static_cast<std::uint8_t>(total), 0, 1, 0x40, 0, 64, proto,
           0, 0, 192, 0, 2, src, 192, 0, 2, dst};
    b.insert(b.end(), l4.begin(), l4.end());
    return b;
}

B tcp(std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint8_t flags, const std::string& data) {
    B h = {static_cast<std::uint8_t>(sport >> 8), static_cast<std::uint8_t>(sport), static_cast<std::uint8_t>(dport >> 8),
           static_cast<std::uint8_t>(dport), static_cast<std::uint8_t>(seq >> 24), static_cast<std::uint8_t>(seq >> 16),
           static_cast<std::uint8_t>(seq >> 8), static_cast<std::uint8_t>(seq), 0, 0, 0, 0, 0x50, flags, 0xff, 0xff,
           0, 0, 0, 0};
    h.insert(h.end(), data.begin(), data.end());
    return h;
}

B udp(std::uint16_t sport, std::uint16_t dport, const std::string& data) {
    const auto len = static_cast<std::uint16_t>(8 + data.size());
    B h = {static_cast<std::uint8_t>(sport >> 8), static_cast<std::uint8_t>(sport), static_cast<std::uint8_t>(dport >> 8),
           static_cast<std::uint8_t>(dport), static_cast<std::uint8_t>(len >> 8), static_cast<std::uint8_t>(len), 0, 0};
    h.insert(h.end(), data.begin(), data.end());
    return h;
}

// An RTP packet (RFC 3550 §5.1): version 2, payload type 96, H.264-like payload.
std::string rtp(std::uint16_t seq, std::uint32_t ts) {
    std::string p = {'\x80', '\x60', static_cast<char>(seq >> 8), static_cast<char>(seq), static_cast<char>(ts >> 24),
                     static_cast<char>(ts >> 16), static_cast<char>(ts >> 8), static_cast<char>(ts), '\x11', '\x22',
                     '\x33', '\x44'};
    p += '\x41';  // NAL header: non-IDR slice
    p += std::string(200, '\x9a');
    return p;
}

std::string interleaved(std::uint8_t channel, const std::string& data) {
    std::string f = "$";
    f += static_cast<char>(channel);
    f += static_cast<char>(data.size() >> 8);
    f += static_cast<char>(data.size() & 0xff);
    return f + data;
}

std::string cell(const Entry& r, std::string_view column) {
    const facts::TableDef* t = facts::find_table(r.table);
    for (std::size_t i = 0; t != nullptr && i < t->columns.size(); ++i) {
        if (t->columns[i].name != column) continue;
        const facts::Value& v = r.cells[i];
        if (std::holds_alternative<std::monostate>(v)) return "NULL";
        if (auto* s = std::get_if<std::string>(&v)) return *s;
        if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
        if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
    }
    return "<no column " + std::string(column) + ">";
}

std::vector<const Entry*> rows(const facts::MemorySink& sink, std::string_view table) {
    std::vector<const Entry*> out;
    for (const auto& r : sink.rows)
        if (r.table == table) out.push_back(&r);
    return out;
}

// A TCP conversation between 192.0.2.10:50000 (client) and 192.0.2.20:port.
class Conversation {
public:
    Conversation(traffic::TrafficAnalyzer& a, std::uint16_t port) : a_(a), port_(port) {
        send(0, "", 0x02);  // SYN
        send(1, "", 0x12);  // SYN-ACK
    }
    void send(int side, const std::string& data, std::uint8_t flags = 0x18) {
        std::uint32_t& seq = seq_[side];
        B f = side == 0 ? ipv4(6, 10, 20, tcp(50000, port_, seq, flags, data))
                        : ipv4(6, 20, 10, tcp(port_, 50000, seq, flags, data));
        seq += static_cast<std::uint32_t>(data.size()) + ((flags & 0x02) != 0 ? 1 : 0);
        frame(f);
    }
    void frame(const B& f) {
        ++number_;
        a_.on_frame({1, number_, 1000.0 + static_cast<double>(number_) * 0.02, kRawIpv4,
                     core::Bytes(f.data(), f.size()), static_cast<std::uint32_t>(f.size())});
    }

private:
    traffic::TrafficAnalyzer& a_;
    std::uint16_t port_;
    std::uint32_t seq_[2] = {1000, 5000};
    std::int64_t number_ = 0;
};

TEST(RtspTraffic, InterleavedRtpBecomesAStreamOfTheRtspFlow) {
    facts::MemorySink sink;
    traffic::TrafficAnalyzer a(sink);
    Conversation c(a, 554);
    c.send(0, "SETUP rtsp://192.0.2.20/ch1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
    c.send(1, "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 5A1B;timeout=60\r\n"
              "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
    c.send(0, "PLAY rtsp://192.0.2.20/ch1 RTSP/1.0\r\nCSeq: 4\r\nSession: 5A1B\r\n\r\n");
    c.send(1, "RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 5A1B\r\n\r\n");
    std::string media;
    for (std::uint16_t i = 0; i < 6; ++i) media += interleaved(0, rtp(static_cast<std::uint16_t>(100 + i), 3000u * i));
    c.send(1, media.substr(0, 700));  // frames cut across segments
    c.send(1, media.substr(700));
    a.finish();
    ASSERT_EQ(rows(sink, "rtsp_messages").size(), 4u);
    const auto streams = rows(sink, "rtp_streams");
    ASSERT_EQ(streams.size(), 1u);
    EXPECT_EQ(cell(*streams[0], "packets"), "6");
    EXPECT_EQ(cell(*streams[0], "ssrc"), std::to_string(0x11223344));
    EXPECT_EQ(cell(*streams[0], "payload_type"), "96");
    EXPECT_EQ(cell(*streams[0], "signalled"), "sdp_rtp");  // the SETUP said RTP/AVP for channel 0
    EXPECT_EQ(cell(*streams[0], "src_ip"), "192.0.2.20");
    const auto flows = rows(sink, "flows");
    ASSERT_EQ(flows.size(), 1u);
    EXPECT_EQ(cell(*flows[0], "app"), "rtsp");
    EXPECT_EQ(cell(*streams[0], "flow_id"), cell(*flows[0], "flow_id"));
}

TEST(RtspTraffic, SetupPortsMarkTheUdpMediaFlow) {
    facts::MemorySink sink;
    traffic::TrafficAnalyzer a(sink);
    Conversation c(a, 8554);
    c.send(0, "SETUP rtsp://192.0.2.20:8554/trackID=0 RTSP/1.0\r\nCSeq: 4\r\n"
              "Transport: RTP/AVP;unicast;client_port=55664-55665\r\n\r\n");
    c.send(1, "RTSP/1.0 200 OK\r\nCseq: 4\r\nSession: 8c30;timeout=60\r\n"
              "Transport: RTP/AVP/UDP;unicast;client_port=55664-55665;server_port=58547-58548;mode=play\r\n\r\n");
    // One RTP packet from the server's port to the client's: a lone packet
    // counts as a stream only because the SETUP announced the endpoints.
    c.frame(ipv4(17, 20, 10, udp(58547, 55664, rtp(1, 0))));
    a.finish();
    const auto streams = rows(sink, "rtp_streams");
    ASSERT_EQ(streams.size(), 1u);
    EXPECT_EQ(cell(*streams[0], "signalled"), "sdp_rtp");
    EXPECT_EQ(cell(*streams[0], "dst_port"), "55664");
}

TEST(RtspTraffic, BasicCredentialsGoToTheCredentialsTableOnly) {
    // Made-up secret: base64("viewer:Kx4!pw9").
    const std::string basic = "dmlld2VyOkt4NCFwdzk=";
    facts::MemorySink sink;
    creds::SecretGuard guard{{}, "test-key"};
    traffic::TrafficAnalyzer a(sink, {}, &guard);
    Conversation c(a, 554);
    c.send(0, "DESCRIBE rtsp://192.0.2.20/live RTSP/1.0\r\nCSeq: 2\r\nAuthorization: Basic " + basic + "\r\n\r\n");
    c.send(1, "RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n");
    a.finish();
    const auto msgs = rows(sink, "rtsp_messages");
    ASSERT_EQ(msgs.size(), 2u);
    EXPECT_EQ(cell(*msgs[0], "auth_scheme"), "basic");
    const auto creds = rows(sink, "credentials");
    ASSERT_EQ(creds.size(), 1u);
    EXPECT_EQ(cell(*creds[0], "protocol"), "rtsp");
    EXPECT_EQ(cell(*creds[0], "mechanism"), "basic");
    for (const auto& r : sink.rows)
        for (const auto& v : r.cells)
            if (auto* s = std::get_if<std::string>(&v)) {
                EXPECT_EQ(s->find("Kx4!pw9"), std::string::npos) << "a secret reached table " << r.table;
                EXPECT_EQ(s->find(basic), std::string::npos) << "a secret reached table " << r.table;
            }
}

}  // namespace
}  // namespace vca::probes::rtsp
