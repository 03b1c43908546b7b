#include <gtest/gtest.h>

#include "probes/config/ip_range.hpp"

namespace vca::probes::config {
namespace {

using V = std::vector<std::string>;

TEST(Ipv4RangeToCidrs, AlignedRangesAreOneBlock) {
    EXPECT_EQ(ipv4_range_to_cidrs("10.0.0.0-10.255.255.255"), V{"10.0.0.0/8"});
    EXPECT_EQ(ipv4_range_to_cidrs("172.16.0.0-172.31.255.255"), V{"172.16.0.0/12"});
    EXPECT_EQ(ipv4_range_to_cidrs("0.0.0.0-255.255.255.255"), V{"0.0.0.0/0"});
    EXPECT_EQ(ipv4_range_to_cidrs(" 192.168.0.0 - 192.168.255.255 "), V{"192.168.0.0/16"});
}

TEST(Ipv4RangeToCidrs, UnalignedRangesSplitIntoTheFewestBlocks) {
    EXPECT_EQ(ipv4_range_to_cidrs("10.0.0.1-10.0.0.6"), (V{"10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"}));
    EXPECT_EQ(ipv4_range_to_cidrs("100.64.0.0-100.127.255.255"), V{"100.64.0.0/10"});
}

TEST(Ipv4RangeToCidrs, SingleAddressesAndRejects) {
    EXPECT_EQ(ipv4_range_to_cidrs("203.0.113.5"), V{"203.0.113.5/32"});
    EXPECT_TRUE(ipv4_range_to_cidrs("10.0.0.9-10.0.0.1").empty());       // reversed
    EXPECT_TRUE(ipv4_range_to_cidrs("fc00::-fdff::").empty());            // IPv6 stays as written
    EXPECT_TRUE(ipv4_range_to_cidrs("10.0.0.256").empty());
    EXPECT_TRUE(ipv4_range_to_cidrs("10.0.0").empty());
    EXPECT_TRUE(ipv4_range_to_cidrs("0.0.0.1-255.255.255.254", 8).empty());  // too many blocks
}

}  // namespace
}  // namespace vca::probes::config
