// Digest responses against the RFC examples, and the variants the RFCs do
// not illustrate against values computed independently (Python hashlib, RFC
// 7616 §3.4.1–3.4.3 formulas) from the same parameters.
#include <gtest/gtest.h>

#include "probes/creds/digest_compute.hpp"

namespace vca::probes::creds {
namespace {

// RFC 2617 §3.5: Mufasa / "Circle Of Life", GET /dir/index.html.
DigestParams rfc2617() {
    DigestParams d;
    d.realm = "testrealm@host.com";
    d.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    d.uri = "/dir/index.html";
    d.method = "GET";
    d.qop = "auth";
    d.nc = "00000001";
    d.cnonce = "0a4f113b";
    d.opaque = "5ccc069c403ebaf9f0171e9517f40e41";
    return d;
}

// RFC 7616 §3.9.1: Mufasa / "Circle of Life", GET /dir/index.html.
DigestParams rfc7616(std::string algorithm) {
    DigestParams d;
    d.realm = "http-auth@example.org";
    d.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    d.uri = "/dir/index.html";
    d.method = "GET";
    d.algorithm = std::move(algorithm);
    d.qop = "auth";
    d.nc = "00000001";
    d.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    d.opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    return d;
}

TEST(DigestCompute, Rfc2617Example) {
    EXPECT_EQ(digest_response(rfc2617(), "Mufasa", "Circle Of Life"), "6629fae49393a05397450978507c4ef1");
}

TEST(DigestCompute, Rfc7616Md5Example) {
    EXPECT_EQ(digest_response(rfc7616("MD5"), "Mufasa", "Circle of Life"), "8ca523f5e9506fed4657c9700eebdbec");
}

TEST(DigestCompute, Rfc7616Sha256Example) {
    EXPECT_EQ(digest_response(rfc7616("SHA-256"), "Mufasa", "Circle of Life"),
              "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST(DigestCompute, Rfc2069FormWithoutQop) {
    auto d = rfc2617();
    d.qop.clear();
    d.nc.clear();
    d.cnonce.clear();
    EXPECT_EQ(digest_response(d, "Mufasa", "Circle Of Life"), "670fd8c2df070c60b045671b8b24ff02");
}

TEST(DigestCompute, SessVariantsAndSha512_256) {
    auto d = rfc2617();
    d.algorithm = "MD5-sess";
    EXPECT_EQ(digest_response(d, "Mufasa", "Circle Of Life"), "8e3825c57e897f5a0dec6c2d4e5059d0");
    EXPECT_EQ(digest_response(rfc7616("SHA-256-sess"), "Mufasa", "Circle of Life"),
              "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7");
    EXPECT_EQ(digest_response(rfc7616("SHA-512-256"), "Mufasa", "Circle of Life"),
              "430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0");
}

TEST(DigestCompute, AlgorithmAndQopTokensIgnoreCase) {
    auto d = rfc7616("sha-256");
    d.qop = "AUTH";
    EXPECT_EQ(digest_response(d, "Mufasa", "Circle of Life"),
              "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST(DigestCompute, NotComputableGivesEmpty) {
    auto d = rfc2617();
    d.qop = "auth-int";
    EXPECT_EQ(digest_response(d, "Mufasa", "Circle Of Life"), "");
    d = rfc7616("SHA-512-256");
    d.userhash = true;
    EXPECT_EQ(digest_response(d, "Mufasa", "Circle of Life"), "");
    d = rfc7616("SHA-1");
    EXPECT_EQ(digest_response(d, "Mufasa", "Circle of Life"), "");
}

TEST(DigestCompute, CalculatorMatchesItsOwnResponseOnly) {
    auto d = rfc2617();
    d.response = "6629FAE49393A05397450978507C4EF1";
    DigestCalculator calc(d, "Mufasa");
    ASSERT_TRUE(calc.testable());
    EXPECT_TRUE(calc.matches("Circle Of Life"));
    EXPECT_FALSE(calc.matches("Circle of Life"));
    EXPECT_FALSE(calc.matches(""));
    // Reusing the calculator gives the same answers (the hash context is reset each time).
    EXPECT_TRUE(calc.matches("Circle Of Life"));
}

// HA1 computed once and reused for another exchange of the same account
// gives that exchange's response; the -sess variants mix in their own nonce.
TEST(DigestCompute, Ha1OfOneExchangeServesAnotherOfTheSameAccount) {
    auto first = rfc2617();
    DigestCalculator a(first, "Mufasa");
    // RFC 2617 §3.2.2.2: HA1 = MD5("Mufasa:testrealm@host.com:Circle Of Life").
    const std::string ha1 = a.ha1_hex("Circle Of Life");
    EXPECT_EQ(ha1, "939e7578ed9e3c518a452acee763bce9");
    auto second = rfc2617();
    second.response = "6629fae49393a05397450978507c4ef1";
    DigestCalculator b(second, "Mufasa");
    EXPECT_EQ(a.ha1_scope(), b.ha1_scope());
    EXPECT_TRUE(b.matches_ha1(ha1));
    EXPECT_FALSE(b.matches_ha1(a.ha1_hex("Circle of Life")));
    auto sess = rfc2617();
    sess.algorithm = "MD5-sess";
    sess.response = "8e3825c57e897f5a0dec6c2d4e5059d0";
    DigestCalculator c(sess, "Mufasa");
    EXPECT_EQ(c.ha1_scope(), a.ha1_scope());  // -sess hashes the same inner HA1 further
    EXPECT_TRUE(c.matches_ha1(ha1));
    EXPECT_NE(DigestCalculator(rfc7616("SHA-256"), "Mufasa").ha1_scope(),
              DigestCalculator(rfc7616("MD5"), "Mufasa").ha1_scope());
    DigestCalculator other_user(second, "Simba");
    EXPECT_NE(other_user.ha1_scope(), b.ha1_scope());
}

}  // namespace
}  // namespace vca::probes::creds
