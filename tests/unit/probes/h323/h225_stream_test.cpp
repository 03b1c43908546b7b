// H.225.0 over a TCP byte stream: TPKT framing across and within deliveries,
// keep-alives, and the named anomalies for gaps, bad framing and the buffer
// limit.
#include <gtest/gtest.h>

#include <vector>

#include "probes/h323/h225_stream.hpp"
#include "tests/unit/probes/h323/h225_fixtures.hpp"
#include "tests/unit/probes/h323/h323_test_util.hpp"

namespace vca::probes::h323 {
namespace {

using test::anomalies;
using test::hex;
using test::rows_of;
using test::text;

H323Context at(std::int64_t frame) {
    H323Context c;
    c.flow_id = 1;
    c.frame = frame;
    c.ts = static_cast<double>(frame);
    c.src_ip = "192.0.2.1";
    c.dst_ip = "192.0.2.2";
    return c;
}

core::Bytes view(const std::vector<std::uint8_t>& b, std::size_t from = 0, std::size_t n = SIZE_MAX) {
    return core::Bytes(b).subspan(from, std::min(n, b.size() - from));
}

TEST(H225Stream, MessageAcrossManyDeliveriesIsDatedByTheLast) {
    const auto setup = hex(test::kSetupSecure);
    facts::MemorySink sink;
    H225Stream s;
    std::int64_t frame = 0;
    for (std::size_t i = 0; i < setup.size(); i += 10) s.on_data(0, view(setup, i, 10), false, at(++frame), sink);
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(text(rows[0], "frame"), std::to_string(frame));
    EXPECT_EQ(text(rows[0], "h235"), "1");
    EXPECT_EQ(s.messages(), 1);
    EXPECT_EQ(sink.count("anomalies"), 0u);
}

TEST(H225Stream, SeveralMessagesAndAKeepAliveInOneDelivery) {
    std::vector<std::uint8_t> both = hex(test::kConnectTokens);
    const auto keepalive = hex("03 00 00 04");
    const auto facility = hex(test::kFacilityH245);
    both.insert(both.end(), keepalive.begin(), keepalive.end());
    both.insert(both.end(), facility.begin(), facility.end());
    facts::MemorySink sink;
    H225Stream s;
    s.on_data(1, both, false, at(1), sink);
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(text(rows[0], "message"), "connect");
    EXPECT_EQ(text(rows[1], "message"), "facility");
    EXPECT_EQ(s.messages(), 2);
}

TEST(H225Stream, DirectionsAreFramedApart) {
    const auto setup = hex(test::kSetupSecure);
    const auto connect = hex(test::kConnectTokens);
    facts::MemorySink sink;
    H225Stream s;
    s.on_data(0, view(setup, 0, 30), false, at(1), sink);
    s.on_data(1, view(connect, 0, 20), false, at(2), sink);
    s.on_data(0, view(setup, 30), false, at(3), sink);
    s.on_data(1, view(connect, 20), false, at(4), sink);
    EXPECT_EQ(sink.count(facts::H323MessageRow::kTable), 2u);
}

TEST(H225Stream, GapSkipsTheDamagedMessageAndResumes) {
    const auto setup = hex(test::kSetupSecure);
    const auto connect = hex(test::kConnectTokens);
    facts::MemorySink sink;
    H225Stream s;
    s.on_data(0, view(setup, 0, 50), false, at(1), sink);
    // The rest of the Setup is lost; the next delivery starts with a Connect.
    s.on_data(0, connect, true, at(2), sink);
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(text(rows[0], "message"), "connect");
    EXPECT_EQ(anomalies(sink, "h225_stream_gap"), 1u);
}

TEST(H225Stream, GapInsideAMessageResynchronisesOnTheNextTpkt) {
    const auto setup = hex(test::kSetupSecure);
    const auto connect = hex(test::kConnectTokens);
    std::vector<std::uint8_t> tail(setup.begin() + 60, setup.end());
    tail.insert(tail.end(), connect.begin(), connect.end());
    facts::MemorySink sink;
    H225Stream s;
    s.on_data(0, tail, true, at(1), sink);  // capture starts mid-Setup
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(text(rows[0], "message"), "connect");
}

TEST(H225Stream, BadFramingIsNamedAndSkipped) {
    std::vector<std::uint8_t> b = hex("05 00 00 09 ff ff ff ff ff");  // TPKT version 5
    const auto connect = hex(test::kConnectTokens);
    b.insert(b.end(), connect.begin(), connect.end());
    facts::MemorySink sink;
    H225Stream s;
    s.on_data(0, b, false, at(1), sink);
    EXPECT_EQ(anomalies(sink, "h225_tpkt_invalid"), 1u);
    EXPECT_EQ(sink.count(facts::H323MessageRow::kTable), 1u);
}

TEST(H225Stream, TpktOfAnotherProtocolIsNamed) {
    facts::MemorySink sink;
    H225Stream s;
    s.on_data(0, hex("03 00 00 07 02 f0 80"), false, at(1), sink);  // an ISO 8073 DT TPDU, not Q.931
    EXPECT_EQ(anomalies(sink, "q931_malformed"), 1u);
    EXPECT_EQ(sink.count(facts::H323MessageRow::kTable), 0u);
}

TEST(H225Stream, BufferLimitDropsTheOversizedMessage) {
    const auto connect = hex(test::kConnectTokens);
    facts::MemorySink sink;
    H225Stream s(TpktContent::Q931, 100);  // holds the 87-octet Connect, not the 1024-octet TPKT announced first
    s.on_data(0, hex("03 00 04 00 08 02 00 01 05"), false, at(1), sink);
    std::vector<std::uint8_t> filler(100, 0x00);
    s.on_data(0, filler, false, at(2), sink);
    EXPECT_EQ(anomalies(sink, "h225_buffer_limit"), 1u);
    s.on_data(0, view(connect, 0, 40), false, at(3), sink);
    s.on_data(0, view(connect, 40), false, at(4), sink);
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(text(rows[0], "message"), "connect");
}

}  // namespace
}  // namespace vca::probes::h323
