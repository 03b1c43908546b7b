// Flows idle for the timeout (capture time) are over: their facts are written
// then and their state, RTP streams included, is freed, so memory follows the
// traffic in flight rather than the length of the capture. Frames are raw
// IPv4/UDP built here.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "probes/traffic/traffic_analyzer.hpp"

namespace vca::probes::traffic {
namespace {

using B = std::vector<std::uint8_t>;
constexpr int kRawIpv4 = 228;
constexpr double kTimeout = 60.0;

// 10.0.0.<host>:<sport> -> 10.0.0.200:5000 over UDP.
B udp(std::uint8_t host, std::uint16_t sport, const B& payload) {
    auto total = static_cast<std::uint16_t>(20 + 8 + payload.size());
    B b = {0x45, 0, static_cast<std::uint8_t>(total >> 8), static_cast<std::uint8_t>(total), 0, 1, 0, 0, 64, 17, 0, 0,
           10, 0, 0, host, 10, 0, 0, 200};
    auto ulen = static_cast<std::uint16_t>(8 + payload.size());
    B h = {static_cast<std::uint8_t>(sport >> 8), static_cast<std::uint8_t>(sport), 0x13, 0x88,
           static_cast<std::uint8_t>(ulen >> 8), static_cast<std::uint8_t>(ulen), 0, 0};
    b.insert(b.end(), h.begin(), h.end());
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

// RTP version 2, payload type 0 (PCMU), SSRC 0x01020304, 160 octets of payload.
B rtp(std::uint16_t seq) {
    const std::uint32_t ts = seq * 160u;  // 20 ms at 8 kHz
    B b = {0x80, 0x00, static_cast<std::uint8_t>(seq >> 8), static_cast<std::uint8_t>(seq),
           static_cast<std::uint8_t>(ts >> 24), static_cast<std::uint8_t>(ts >> 16), static_cast<std::uint8_t>(ts >> 8),
           static_cast<std::uint8_t>(ts), 1, 2, 3, 4};
    for (int i = 0; i < 160; ++i) b.push_back(static_cast<std::uint8_t>(0x55 + (i % 7)));
    return b;
}

struct Capture {
    facts::MemorySink sink;
    TrafficAnalyzer analyzer;
    std::int64_t frame = 0;

    Capture() : analyzer(sink, limits()) {}
    static AnalyzerLimits limits() {
        AnalyzerLimits l;
        l.flow_idle_timeout = kTimeout;
        return l;
    }
    void send(const B& packet, double ts) {
        analyzer.on_frame({1, ++frame, ts, kRawIpv4, core::Bytes(packet.data(), packet.size()),
                           static_cast<std::uint32_t>(packet.size())});
    }
    // (flow_id, packets) of every flows row written so far, in writing order.
    [[nodiscard]] std::vector<std::pair<std::int64_t, std::int64_t>> flows() const {
        std::vector<std::pair<std::int64_t, std::int64_t>> out;
        for (const auto& r : sink.rows)
            if (r.table == "flows") out.emplace_back(std::get<std::int64_t>(r.cells[0]), std::get<std::int64_t>(r.cells[9]));
        return out;
    }
};

using Flows = std::vector<std::pair<std::int64_t, std::int64_t>>;

TEST(FlowExpiry, IdleFlowIsWrittenBeforeTheEnd) {
    Capture r;
    r.send(udp(1, 4000, {1}), 1000.0);
    r.send(udp(1, 4000, {2}), 1010.0);
    r.send(udp(2, 4000, {3}), 1010.0 + kTimeout + 1);  // host 1's flow has been idle longer than the timeout
    EXPECT_EQ(r.flows(), (Flows{{1, 2}}));
    r.analyzer.finish();
    EXPECT_EQ(r.flows(), (Flows{{1, 2}, {2, 1}}));
    EXPECT_EQ(r.analyzer.stats().flows, 2);
}

TEST(FlowExpiry, FlowWithinTheTimeoutStaysOne) {
    Capture r;
    r.send(udp(1, 4000, {1}), 1000.0);
    r.send(udp(2, 4000, {1}), 1000.0 + kTimeout - 5);  // a sweep runs: host 1 is not idle long enough
    r.send(udp(1, 4000, {2}), 1000.0 + kTimeout - 1);
    r.analyzer.finish();
    EXPECT_EQ(r.flows(), (Flows{{1, 2}, {2, 1}}));
}

TEST(FlowExpiry, SameTupleAfterTheTimeoutIsANewFlow) {
    Capture r;
    r.send(udp(1, 4000, {1}), 1000.0);
    r.send(udp(1, 4000, {2}), 1000.0 + 2 * kTimeout);
    r.analyzer.finish();
    EXPECT_EQ(r.flows(), (Flows{{1, 1}, {2, 1}}));
}

TEST(FlowExpiry, ClockGoingBackExpiresNothing) {
    Capture r;  // a second input recorded earlier than the first one
    r.send(udp(1, 4000, {1}), 5000.0);
    r.send(udp(2, 4000, {1}), 100.0);
    r.send(udp(2, 4000, {2}), 100.0 + 3 * kTimeout);
    r.send(udp(1, 4000, {2}), 5001.0);
    r.analyzer.finish();
    EXPECT_EQ(r.flows(), (Flows{{1, 2}, {2, 2}}));
}

TEST(FlowExpiry, RtpStreamOfAnIdleFlowIsWrittenOnceAtExpiry) {
    Capture r;
    for (std::uint16_t seq = 1; seq <= 5; ++seq) r.send(udp(1, 4000, rtp(seq)), 1000.0 + 0.02 * seq);
    EXPECT_EQ(r.sink.count("rtp_streams"), 0u);
    r.send(udp(2, 4000, {1}), 1000.0 + kTimeout + 1);
    ASSERT_EQ(r.sink.count("rtp_streams"), 1u);
    r.analyzer.finish();
    ASSERT_EQ(r.sink.count("rtp_streams"), 1u);  // not again at the end
    for (const auto& row : r.sink.rows) {
        if (row.table != "rtp_streams") continue;
        EXPECT_EQ(std::get<std::int64_t>(row.cells[0]), 1);           // flow 1
        EXPECT_EQ(std::get<std::int64_t>(row.cells[1]), 0x01020304);  // SSRC
        EXPECT_EQ(std::get<std::int64_t>(row.cells[3]), 5);           // every packet counted
    }
}

TEST(FlowExpiry, SameSsrcAfterExpiryIsANewStream) {
    Capture r;
    for (std::uint16_t seq = 1; seq <= 3; ++seq) r.send(udp(1, 4000, rtp(seq)), 1000.0 + 0.02 * seq);
    for (std::uint16_t seq = 4; seq <= 6; ++seq) r.send(udp(1, 4000, rtp(seq)), 1000.0 + 2 * kTimeout + 0.02 * seq);
    r.analyzer.finish();
    std::vector<std::int64_t> stream_flows;
    for (const auto& row : r.sink.rows)
        if (row.table == "rtp_streams") stream_flows.push_back(std::get<std::int64_t>(row.cells[0]));
    EXPECT_EQ(stream_flows, (std::vector<std::int64_t>{1, 2}));
}

}  // namespace
}  // namespace vca::probes::traffic
