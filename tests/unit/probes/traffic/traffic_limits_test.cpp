// Every analyzer limit, when hit, leaves a named anomaly (DESIGN.md
// "Conventions"). Frames are raw IPv4 built here: a unit test of the limits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "probes/traffic/traffic_analyzer.hpp"

namespace vca::probes::traffic {
namespace {

using B = std::vector<std::uint8_t>;
constexpr int kRawIpv4 = 228;

B udp(std::uint8_t last_octet, std::uint16_t sport, const B& payload, std::uint16_t frag = 0, std::uint16_t id = 1) {
    auto total = static_cast<std::uint16_t>(20 + 8 + payload.size());
    B b = {0x45, 0, static_cast<std::uint8_t>(total >> 8), static_cast<std::uint8_t>(total),
           static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id),
           static_cast<std::uint8_t>(frag >> 8), static_cast<std::uint8_t>(frag), 64, 17, 0, 0,
           10, 0, 0, last_octet, 10, 0, 0, 200};
    auto ulen = static_cast<std::uint16_t>(8 + payload.size());
    B h = {static_cast<std::uint8_t>(sport >> 8), static_cast<std::uint8_t>(sport), 0x13, 0xc4,
           static_cast<std::uint8_t>(ulen >> 8), static_cast<std::uint8_t>(ulen), 0, 0};
    b.insert(b.end(), h.begin(), h.end());
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

std::size_t anomalies_named(const facts::MemorySink& sink, const std::string& name) {
    std::size_t n = 0;
    for (const auto& r : sink.rows)
        if (r.table == "anomalies" && std::get<std::string>(r.cells[3]) == name) ++n;
    return n;
}

void feed(TrafficAnalyzer& a, const B& frame, std::int64_t number) {
    a.on_frame({1, number, 1.0 + static_cast<double>(number), kRawIpv4, core::Bytes(frame.data(), frame.size()),
                static_cast<std::uint32_t>(frame.size())});
}

TEST(TrafficLimits, FlowTableFull) {
    facts::MemorySink sink;
    AnalyzerLimits limits;
    limits.max_flows = 1;
    TrafficAnalyzer a(sink, limits);
    feed(a, udp(1, 4000, {1}), 1);
    feed(a, udp(2, 4000, {1}), 2);
    feed(a, udp(3, 4000, {1}), 3);
    a.finish();
    EXPECT_EQ(sink.count("flows"), 1u);
    EXPECT_EQ(anomalies_named(sink, "flow_table_full"), 1u);
}

TEST(TrafficLimits, AnomalyCapSummarises) {
    facts::MemorySink sink;
    AnalyzerLimits limits;
    limits.max_anomalies_per_name = 2;
    TrafficAnalyzer a(sink, limits);
    B bad = udp(1, 4000, {1});
    bad[0] = 0x55;  // IPv4 with version 5
    for (int i = 1; i <= 5; ++i) feed(a, bad, i);
    a.finish();
    EXPECT_EQ(anomalies_named(sink, "ipv4_bad_version"), 3u);  // 2 kept + 1 summary of 3 more
    EXPECT_EQ(a.anomaly_totals().at("ipv4_bad_version"), 5);
}

TEST(TrafficLimits, FragmentLimit) {
    facts::MemorySink sink;
    AnalyzerLimits limits;
    limits.max_fragmented_datagrams = 1;
    TrafficAnalyzer a(sink, limits);
    feed(a, udp(1, 4000, B(16, 1), 0x2000, 7), 1);  // first piece of datagram 7, more to come
    feed(a, udp(1, 4000, B(16, 1), 0x2000, 8), 2);  // a second datagram: over the limit
    a.finish();
    EXPECT_EQ(anomalies_named(sink, "ip_fragment_limit"), 1u);
    EXPECT_EQ(anomalies_named(sink, "ip_fragment_incomplete"), 1u);  // datagram 7 never completed
}

TEST(TrafficLimits, SipOverUdpBecomesFacts) {
    facts::MemorySink sink;
    TrafficAnalyzer a(sink);
    std::string msg =
        "OPTIONS sip:room@10.0.0.200 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1\r\nFrom: <sip:a@10.0.0.1>;tag=1\r\n"
        "To: <sip:room@10.0.0.200>\r\nCall-ID: abc\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    feed(a, udp(1, 5060, B(msg.begin(), msg.end())), 1);
    a.finish();
    ASSERT_EQ(sink.count("sip_messages"), 1u);
    EXPECT_EQ(sink.count("flows"), 1u);
    EXPECT_EQ(sink.count("anomalies"), 0u);
}

}  // namespace
}  // namespace vca::probes::traffic
