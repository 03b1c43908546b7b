// In-order delivery: every SegmentOutcome has a test.
#include <gtest/gtest.h>

#include <string>

#include "probes/decode/packet.hpp"
#include "probes/flow/tcp_stream.hpp"

namespace vca::probes::flow {
namespace {

struct Collector {
    std::string data;
    int gaps = 0;
    Deliver fn() {
        return [this](core::Bytes b, bool after_gap) {
            if (after_gap) ++gaps;
            data.append(reinterpret_cast<const char*>(b.data()), b.size());
        };
    }
};

core::Bytes bytes(const std::string& s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

TEST(TcpStream, InOrder) {
    TcpStream s(1024);
    Collector c;
    EXPECT_EQ(s.add(100, decode::tcp_flags::kSyn, {}, c.fn()), SegmentOutcome::Empty);
    EXPECT_EQ(s.add(101, 0, bytes("hello "), c.fn()), SegmentOutcome::Delivered);
    EXPECT_EQ(s.add(107, 0, bytes("world"), c.fn()), SegmentOutcome::Delivered);
    EXPECT_EQ(c.data, "hello world");
}

TEST(TcpStream, RetransmissionIgnoredAndOverlapTrimmed) {
    TcpStream s(1024);
    Collector c;
    s.add(1, 0, bytes("abcdef"), c.fn());
    EXPECT_EQ(s.add(1, 0, bytes("abc"), c.fn()), SegmentOutcome::Retransmission);
    EXPECT_EQ(s.add(4, 0, bytes("defgh"), c.fn()), SegmentOutcome::Delivered);
    EXPECT_EQ(c.data, "abcdefgh");
}

TEST(TcpStream, OutOfOrderHeldUntilTheHoleFills) {
    TcpStream s(1024);
    Collector c;
    s.add(1, 0, bytes("ab"), c.fn());
    EXPECT_EQ(s.add(5, 0, bytes("ef"), c.fn()), SegmentOutcome::Buffered);
    EXPECT_EQ(c.data, "ab");
    EXPECT_EQ(s.add(3, 0, bytes("cd"), c.fn()), SegmentOutcome::Delivered);
    EXPECT_EQ(c.data, "abcdef");
    EXPECT_EQ(s.gaps(), 0);
}

TEST(TcpStream, BufferLimitSkipsTheHoleAndSaysSo) {
    TcpStream s(4);
    Collector c;
    s.add(1, 0, bytes("ab"), c.fn());
    EXPECT_EQ(s.add(10, 0, bytes("xyz"), c.fn()), SegmentOutcome::Buffered);
    EXPECT_EQ(s.add(20, 0, bytes("12345"), c.fn()), SegmentOutcome::GapSkipped);
    EXPECT_EQ(s.gaps(), 2);  // the hole before "xyz" and the one before "12345"
    EXPECT_EQ(c.data, "abxyz12345");
    EXPECT_GE(c.gaps, 1);
}

TEST(TcpStream, FlushDeliversWhatWaitsBehindAHole) {
    TcpStream s(1024);
    Collector c;
    s.add(1, 0, bytes("ab"), c.fn());
    s.add(9, 0, bytes("zz"), c.fn());
    s.flush(c.fn());
    EXPECT_EQ(c.data, "abzz");
    EXPECT_EQ(s.gaps(), 1);
}

TEST(TcpStream, SequenceWrapAround) {
    TcpStream s(1024);
    Collector c;
    s.add(0xfffffffe, 0, bytes("ab"), c.fn());
    EXPECT_EQ(s.add(0, 0, bytes("cd"), c.fn()), SegmentOutcome::Delivered);
    EXPECT_EQ(c.data, "abcd");
}

}  // namespace
}  // namespace vca::probes::flow
