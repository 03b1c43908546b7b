// Two TCP connections on one 5-tuple (a SIP phone bound to 5060 that
// reconnects): the second SYN ends the first flow, so each connection's
// bytes are reassembled from its own initial sequence number and each gets
// its own flows row, as tshark gives each its own tcp.stream. Frames are raw
// IPv4/TCP built here.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "probes/traffic/traffic_analyzer.hpp"

namespace vca::probes::traffic {
namespace {

using B = std::vector<std::uint8_t>;
constexpr int kRawIpv4 = 228;
namespace tf = decode::tcp_flags;

void put16(B& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}

void put32(B& b, std::uint32_t v) {
    put16(b, static_cast<std::uint16_t>(v >> 16));
    put16(b, static_cast<std::uint16_t>(v));
}

// 10.0.0.1:5060 <-> 10.0.0.2:5060 over TCP.
B tcp(bool from_phone, std::uint8_t flags, std::uint32_t seq, const std::string& payload = "") {
    B b = {0x45, 0};
    put16(b, static_cast<std::uint16_t>(40 + payload.size()));
    B rest = {0, 1, 0, 0, 64, 6, 0, 0};
    b.insert(b.end(), rest.begin(), rest.end());
    B phone = {10, 0, 0, 1}, server = {10, 0, 0, 2};
    const B& src = from_phone ? phone : server;
    const B& dst = from_phone ? server : phone;
    b.insert(b.end(), src.begin(), src.end());
    b.insert(b.end(), dst.begin(), dst.end());
    put16(b, 5060);
    put16(b, 5060);
    put32(b, seq);
    put32(b, 0);
    b.push_back(0x50);  // 20-byte header
    b.push_back(flags);
    put16(b, 65535);
    put32(b, 0);  // checksum, urgent pointer
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

std::string options(const std::string& call_id) {
    return "OPTIONS sip:server@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:5060\r\nFrom: <sip:phone@10.0.0.1>;tag=1\r\n"
           "To: <sip:server@10.0.0.2>\r\nCall-ID: " + call_id + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
}

struct Capture {
    facts::MemorySink sink;
    TrafficAnalyzer analyzer{sink};
    std::int64_t frame = 0;
    double ts = 100.0;

    void send(const B& packet) {
        ts += 0.01;
        analyzer.on_frame({1, ++frame, ts, kRawIpv4, core::Bytes(packet.data(), packet.size()),
                           static_cast<std::uint32_t>(packet.size())});
    }
    // One whole connection: handshake, one OPTIONS from the phone, FIN both ways.
    void connection(std::uint32_t phone_isn, std::uint32_t server_isn, const std::string& call_id) {
        std::string msg = options(call_id);
        send(tcp(true, tf::kSyn, phone_isn));
        send(tcp(false, tf::kSyn | tf::kAck, server_isn));
        send(tcp(true, tf::kAck, phone_isn + 1));
        send(tcp(true, tf::kAck | tf::kPsh, phone_isn + 1, msg));
        send(tcp(true, tf::kFin | tf::kAck, phone_isn + 1 + static_cast<std::uint32_t>(msg.size())));
        send(tcp(false, tf::kFin | tf::kAck, server_isn + 1));
    }
    [[nodiscard]] std::vector<std::int64_t> column(const std::string& table, std::size_t cell) const {
        std::vector<std::int64_t> out;
        for (const auto& r : sink.rows)
            if (r.table == table) out.push_back(std::get<std::int64_t>(r.cells[cell]));
        return out;
    }
};

TEST(TcpPortReuse, EachConnectionIsItsOwnFlowWithItsOwnMessages) {
    Capture c;
    c.connection(1000, 50000, "first-call");
    // The second connection's sequence numbers lie far from the first's: on
    // one flow they would read as a jump and the message would be lost.
    c.connection(3000000000u, 7, "second-call");
    c.analyzer.finish();

    EXPECT_EQ(c.column("flows", 0), (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(c.analyzer.stats().flows, 2);
    std::vector<std::string> call_ids;
    std::vector<std::int64_t> message_flows;
    for (const auto& r : c.sink.rows) {
        if (r.table != "sip_messages") continue;
        for (const auto& cell : r.cells)
            if (const auto* s = std::get_if<std::string>(&cell); s != nullptr && s->ends_with("-call"))
                call_ids.push_back(*s);
    }
    EXPECT_EQ(call_ids, (std::vector<std::string>{"first-call", "second-call"}));
    for (const auto& r : c.sink.rows)
        if (r.table == "anomalies") ADD_FAILURE() << "unexpected anomaly " << std::get<std::string>(r.cells[3]);
}

TEST(TcpPortReuse, RetransmittedSynKeepsOneFlow) {
    Capture c;
    std::string msg = options("only-call");
    c.send(tcp(true, tf::kSyn, 1000));
    c.send(tcp(true, tf::kSyn, 1000));  // the SYN-ACK was lost: the same SYN again
    c.send(tcp(false, tf::kSyn | tf::kAck, 50000));
    c.send(tcp(true, tf::kAck | tf::kPsh, 1001, msg));
    c.analyzer.finish();
    EXPECT_EQ(c.column("flows", 0), (std::vector<std::int64_t>{1}));
    EXPECT_EQ(c.sink.count("sip_messages"), 1u);
}

}  // namespace
}  // namespace vca::probes::traffic
