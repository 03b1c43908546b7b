// Tests for probes/tls/cipher_suites: the generated table's order and IANA
// spelling of well-known suites, GREASE, and the DTLS-SRTP profile names.
#include "probes/tls/cipher_suites.hpp"

#include <gtest/gtest.h>

namespace vca::probes::tls {
namespace {

TEST(TlsCipherSuites, TableIsSortedAndUnique) {
    ASSERT_GT(cipher_suite_table_size(), 300U);
    for (std::size_t i = 1; i < cipher_suite_table_size(); ++i) {
        EXPECT_LT(cipher_suite_table_id(i - 1), cipher_suite_table_id(i)) << "index " << i;
    }
}

TEST(TlsCipherSuites, IanaNames) {
    EXPECT_EQ(cipher_suite_name(0x0000), "TLS_NULL_WITH_NULL_NULL");
    EXPECT_EQ(cipher_suite_name(0x0001), "TLS_RSA_WITH_NULL_MD5");
    EXPECT_EQ(cipher_suite_name(0x0003), "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
    EXPECT_EQ(cipher_suite_name(0x0005), "TLS_RSA_WITH_RC4_128_SHA");
    EXPECT_EQ(cipher_suite_name(0x000a), "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    EXPECT_EQ(cipher_suite_name(0x0018), "TLS_DH_anon_WITH_RC4_128_MD5");
    EXPECT_EQ(cipher_suite_name(0x002f), "TLS_RSA_WITH_AES_128_CBC_SHA");
    EXPECT_EQ(cipher_suite_name(0x00ff), "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    EXPECT_EQ(cipher_suite_name(0x1301), "TLS_AES_128_GCM_SHA256");
    EXPECT_EQ(cipher_suite_name(0x1303), "TLS_CHACHA20_POLY1305_SHA256");
    EXPECT_EQ(cipher_suite_name(0x5600), "TLS_FALLBACK_SCSV");
    EXPECT_EQ(cipher_suite_name(0xc011), "TLS_ECDHE_RSA_WITH_RC4_128_SHA");
    EXPECT_EQ(cipher_suite_name(0xc018), "TLS_ECDH_anon_WITH_AES_128_CBC_SHA");
    EXPECT_EQ(cipher_suite_name(0xc02f), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    EXPECT_EQ(cipher_suite_name(0xcca8), "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    EXPECT_EQ(cipher_suite_name(0xc103), "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L");
    EXPECT_EQ(cipher_suite_name(0x00c6), "TLS_SM4_GCM_SM3");
}

TEST(TlsCipherSuites, UnknownAndGreaseHaveNoName) {
    EXPECT_FALSE(cipher_suite_name(0x0047).has_value());  // IANA reserved, unnamed
    EXPECT_FALSE(cipher_suite_name(0x0a0a).has_value());
    EXPECT_FALSE(cipher_suite_name(0xfafa).has_value());
    EXPECT_FALSE(cipher_suite_name(0xffff).has_value());
}

TEST(TlsCipherSuites, GreaseValues) {
    for (unsigned hi = 0; hi < 16; ++hi) {
        const auto v = static_cast<std::uint16_t>(((hi << 4 | 0xaU) << 8) | (hi << 4 | 0xaU));
        EXPECT_TRUE(is_grease(v)) << v;
    }
    EXPECT_FALSE(is_grease(0x0a1a));
    EXPECT_FALSE(is_grease(0x1301));
    EXPECT_FALSE(is_grease(0x0a0b));
}

TEST(TlsSrtpProfiles, Rfc5764AndRfc7714Names) {
    EXPECT_EQ(srtp_profile_name(0x0001), "SRTP_AES128_CM_HMAC_SHA1_80");
    EXPECT_EQ(srtp_profile_name(0x0002), "SRTP_AES128_CM_HMAC_SHA1_32");
    EXPECT_EQ(srtp_profile_name(0x0005), "SRTP_NULL_HMAC_SHA1_80");
    EXPECT_EQ(srtp_profile_name(0x0006), "SRTP_NULL_HMAC_SHA1_32");
    EXPECT_EQ(srtp_profile_name(0x0007), "SRTP_AEAD_AES_128_GCM");
    EXPECT_EQ(srtp_profile_name(0x0008), "SRTP_AEAD_AES_256_GCM");
    EXPECT_FALSE(srtp_profile_name(0x0003).has_value());
    EXPECT_FALSE(srtp_profile_name(0x0000).has_value());
}

}  // namespace
}  // namespace vca::probes::tls
