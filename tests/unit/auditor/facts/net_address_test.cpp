#include <gtest/gtest.h>

#include "auditor/core/net_address.hpp"

namespace vca::core {
namespace {

TEST(NetAddress, FormatsBothFamilies) {
    std::uint8_t v4[] = {192, 0, 2, 7};
    EXPECT_EQ(format_ip(v4), "192.0.2.7");
    std::uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8};
    v6[15] = 1;
    EXPECT_EQ(format_ip(v6), "2001:db8::1");
}

TEST(NetAddress, CidrMembership) {
    EXPECT_TRUE(ip_in_cidr_list("10.1.2.3", "192.168.0.0/16, 10.0.0.0/8"));
    EXPECT_FALSE(ip_in_cidr_list("11.1.2.3", "192.168.0.0/16, 10.0.0.0/8"));
    EXPECT_TRUE(ip_in_cidr_list("172.16.5.1", "172.16.0.0/12"));
    EXPECT_FALSE(ip_in_cidr_list("172.32.0.1", "172.16.0.0/12"));
    EXPECT_TRUE(ip_in_cidr_list("2001:db8::5", "2001:db8::/32"));
    EXPECT_FALSE(ip_in_cidr_list("2001:db9::5", "2001:db8::/32"));
    EXPECT_TRUE(ip_in_cidr_list("127.0.0.1", "127.0.0.1"));
    EXPECT_FALSE(ip_in_cidr_list("10.0.0.1", ""));
    EXPECT_FALSE(ip_in_cidr_list("10.0.0.1", "not-a-cidr"));
    EXPECT_FALSE(ip_in_cidr_list("::ffff:10.0.0.1", "10.0.0.0/8"));  // families never mix
}

TEST(NetAddress, ParsedListSkipsJunkAndMatchesLikeTheText) {
    const auto nets = parse_cidr_list("10.0.0.0/8, junk,2001:db8::/32 10.0.0.0/33");
    ASSERT_EQ(nets.size(), 2U);
    for (const char* ip : {"10.9.9.9", "2001:db8::1", "11.0.0.1", "::1", "bogus"})
        EXPECT_EQ(ip_in_cidrs(ip, nets), ip_in_cidr_list(ip, "10.0.0.0/8, 2001:db8::/32")) << ip;
    EXPECT_FALSE(ip_in_cidrs("10.0.0.1", {}));
}

TEST(NetAddress, RejectsBadPrefixes) {
    EXPECT_FALSE(parse_cidr("10.0.0.0/33"));
    EXPECT_FALSE(parse_cidr("10.0.0.0/-1"));
    EXPECT_FALSE(parse_cidr("10.0.0.0/8x"));
    EXPECT_TRUE(parse_cidr("::/0"));
}

}  // namespace
}  // namespace vca::core
