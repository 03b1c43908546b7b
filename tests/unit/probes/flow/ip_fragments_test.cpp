#include <gtest/gtest.h>

#include "probes/flow/ip_fragments.hpp"

namespace vca::probes::flow {
namespace {

struct Piece {
    std::vector<std::uint8_t> data;
    decode::PacketView view;
};

Piece piece(std::uint32_t offset, std::vector<std::uint8_t> data, bool more, std::uint32_t id = 7) {
    static const std::uint8_t src[4] = {10, 0, 0, 1}, dst[4] = {10, 0, 0, 2};
    Piece p{std::move(data), {}};
    p.view.ip_version = 4;
    p.view.protocol = decode::kUdp;
    p.view.src_addr = core::Bytes(src, 4);
    p.view.dst_addr = core::Bytes(dst, 4);
    p.view.frag_id = id;
    p.view.frag_offset = offset;
    p.view.more_fragments = more;
    p.view.fragment = core::Bytes(p.data.data(), p.data.size());
    return p;
}

TEST(IpFragments, ReassemblesOutOfOrderPieces) {
    IpFragments f(16, 1 << 20, 30);
    auto last = piece(8, {9, 10, 11}, false);
    auto first = piece(0, {1, 2, 3, 4, 5, 6, 7, 8}, true);
    EXPECT_EQ(f.add(last.view, 1.0).outcome, FragmentOutcome::Held);
    auto r = f.add(first.view, 1.1);
    ASSERT_EQ(r.outcome, FragmentOutcome::Complete);
    EXPECT_EQ(r.datagram, (std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
    EXPECT_EQ(f.pending(), 0u);
}

TEST(IpFragments, ConflictingOverlapReported) {
    IpFragments f(16, 1 << 20, 30);
    auto a = piece(0, {1, 2, 3, 4, 5, 6, 7, 8}, true);
    auto b = piece(0, {1, 2, 3, 4, 9, 9, 9, 9}, true);
    f.add(a.view, 1.0);
    EXPECT_EQ(f.add(b.view, 1.0).outcome, FragmentOutcome::Overlap);
}

TEST(IpFragments, DatagramLimitDropsNewOnes) {
    IpFragments f(1, 1 << 20, 30);
    auto a = piece(0, {1, 2, 3, 4, 5, 6, 7, 8}, true, 1);
    auto b = piece(0, {1, 2, 3, 4, 5, 6, 7, 8}, true, 2);
    EXPECT_EQ(f.add(a.view, 1.0).outcome, FragmentOutcome::Held);
    EXPECT_EQ(f.add(b.view, 1.0).outcome, FragmentOutcome::LimitHit);
}

TEST(IpFragments, ByteLimitDropsPieces) {
    IpFragments f(16, 8, 30);
    auto a = piece(0, std::vector<std::uint8_t>(16, 1), true);
    EXPECT_EQ(f.add(a.view, 1.0).outcome, FragmentOutcome::LimitHit);
}

TEST(IpFragments, PastTheLargestDatagramIsInvalid) {
    IpFragments f(16, 1 << 20, 30);
    auto a = piece(65528, std::vector<std::uint8_t>(16, 1), false);
    EXPECT_EQ(f.add(a.view, 1.0).outcome, FragmentOutcome::Invalid);
}

TEST(IpFragments, IncompleteDatagramsExpire) {
    IpFragments f(16, 1 << 20, 30);
    auto a = piece(0, {1, 2, 3, 4, 5, 6, 7, 8}, true);
    f.add(a.view, 1.0);
    EXPECT_EQ(f.expire(10.0), 0u);
    EXPECT_EQ(f.expire(40.0), 1u);
    EXPECT_EQ(f.pending(), 0u);
}

}  // namespace
}  // namespace vca::probes::flow
