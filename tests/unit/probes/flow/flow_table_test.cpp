// FlowTable: a new TCP connection on a 5-tuple already in the table (a
// client port reused after TIME_WAIT, a phone that always binds 5060) is a
// new flow, as tshark gives it a new tcp.stream; a retransmitted SYN is not.
// Packet views are built here: a unit test of one table.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "probes/flow/flow_table.hpp"

namespace vca::probes::flow {
namespace {

namespace tf = decode::tcp_flags;

const std::array<std::uint8_t, 4> kClient = {10, 0, 0, 1};
const std::array<std::uint8_t, 4> kServer = {10, 0, 0, 2};

decode::PacketView tcp(bool from_client, std::uint8_t flags, std::uint32_t seq,
                       std::uint8_t protocol = decode::kTcp) {
    decode::PacketView p;
    p.ip_version = 4;
    p.protocol = protocol;
    p.src_addr = core::Bytes(from_client ? kClient.data() : kServer.data(), 4);
    p.dst_addr = core::Bytes(from_client ? kServer.data() : kClient.data(), 4);
    p.src_port = from_client ? 40000 : 5061;
    p.dst_port = from_client ? 5061 : 40000;
    p.seq = seq;
    p.tcp_flags = protocol == decode::kTcp ? flags : 0;
    p.ip_length = 40;
    return p;
}

TEST(FlowTable, RetransmittedSynStaysInItsFlow) {
    FlowTable t(16);
    Lookup a = t.track(tcp(true, tf::kSyn, 1000), 1.0, 1, 1);
    Lookup b = t.track(tcp(true, tf::kSyn, 1000), 2.0, 1, 2);
    EXPECT_TRUE(a.created);
    EXPECT_FALSE(b.created);
    EXPECT_EQ(b.ended, nullptr);
    EXPECT_EQ(a.flow, b.flow);
    EXPECT_EQ(t.created(), 1);
}

TEST(FlowTable, NewSynAfterCloseStartsAFlowAndHandsBackTheOld) {
    FlowTable t(16);
    Lookup first = t.track(tcp(true, tf::kSyn, 1000), 1.0, 1, 1);
    std::int64_t first_id = first.flow->id;
    t.track(tcp(false, tf::kSyn | tf::kAck, 5000), 1.1, 1, 2);
    t.track(tcp(true, tf::kAck, 1001), 1.2, 1, 3);
    t.track(tcp(true, tf::kFin | tf::kAck, 1001), 1.3, 1, 4);
    t.track(tcp(false, tf::kFin | tf::kAck, 5001), 1.4, 1, 5);

    Lookup again = t.track(tcp(true, tf::kSyn, 900000), 3.0, 1, 6);
    ASSERT_NE(again.ended, nullptr);
    EXPECT_EQ(again.ended->id, first_id);
    EXPECT_EQ(again.ended->packets, 5);
    EXPECT_DOUBLE_EQ(again.ended->last_ts, 1.4);
    EXPECT_TRUE(again.created);
    EXPECT_NE(again.flow->id, first_id);
    EXPECT_EQ(again.flow->packets, 1);
    EXPECT_EQ(again.flow->initiator.port, 40000);
    EXPECT_EQ(again.flow->first_frame, 6);
    EXPECT_EQ(t.size(), 1u);
    EXPECT_EQ(t.created(), 2);
}

TEST(FlowTable, NewIsnWithoutCloseIsANewConnection) {
    // The first connection vanished without FIN or RST (cable pulled, capture
    // filter): a SYN with another sequence number cannot belong to it.
    FlowTable t(16);
    t.track(tcp(true, tf::kSyn, 1000), 1.0, 1, 1);
    t.track(tcp(true, tf::kAck | tf::kPsh, 1001), 1.1, 1, 2);
    Lookup again = t.track(tcp(true, tf::kSyn, 77), 2.0, 1, 3);
    ASSERT_NE(again.ended, nullptr);
    EXPECT_EQ(again.ended->packets, 2);
    EXPECT_EQ(again.flow->packets, 1);
}

TEST(FlowTable, MidStreamFlowRestartsOnlyAfterClose) {
    // Capture started inside the connection: no ISN is known, so only a
    // FIN or RST says that a later SYN opens a new one.
    FlowTable t(16);
    t.track(tcp(true, tf::kAck | tf::kPsh, 1500), 1.0, 1, 1);
    Lookup syn = t.track(tcp(true, tf::kSyn, 42), 1.1, 1, 2);
    EXPECT_EQ(syn.ended, nullptr);
    EXPECT_FALSE(syn.created);

    FlowTable u(16);
    u.track(tcp(true, tf::kAck | tf::kPsh, 1500), 1.0, 1, 1);
    u.track(tcp(false, tf::kRst, 9), 1.1, 1, 2);
    Lookup after_rst = u.track(tcp(true, tf::kSyn, 42), 1.2, 1, 3);
    ASSERT_NE(after_rst.ended, nullptr);
    EXPECT_TRUE(after_rst.created);
}

TEST(FlowTable, SynAckIsNeverANewConnection) {
    FlowTable t(16);
    t.track(tcp(true, tf::kSyn, 1000), 1.0, 1, 1);
    t.track(tcp(true, tf::kRst, 1001), 1.1, 1, 2);
    Lookup synack = t.track(tcp(false, tf::kSyn | tf::kAck, 5000), 1.2, 1, 3);
    EXPECT_EQ(synack.ended, nullptr);
    EXPECT_FALSE(synack.created);
}

TEST(FlowTable, UdpIgnoresTcpFlagBits) {
    FlowTable t(16);
    t.track(tcp(true, 0, 0, decode::kUdp), 1.0, 1, 1);
    Lookup b = t.track(tcp(true, 0, 0, decode::kUdp), 2.0, 1, 2);
    EXPECT_EQ(b.ended, nullptr);
    EXPECT_EQ(t.created(), 1);
}

}  // namespace
}  // namespace vca::probes::flow
