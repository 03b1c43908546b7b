// RFC 3161 tokens over a manifest signature, made here by `openssl ts -reply`
// (the HTTP exchange is covered by tests/integration/signing).
#include <gtest/gtest.h>

#include <iomanip>
#include <sstream>

#include "pki_support.hpp"
#include "reports/sign/codes.hpp"
#include "reports/sign/cms.hpp"
#include "reports/sign/http_post.hpp"
#include "reports/sign/identity.hpp"
#include "reports/sign/timestamp.hpp"
#include "test_support.hpp"

namespace vca::sign {
namespace {

using test::q;

std::string hex(const std::string& bytes) {
    std::ostringstream o;
    for (unsigned char c : bytes) o << std::hex << std::setw(2) << std::setfill('0') << static_cast<int>(c);
    return o.str();
}

struct TsFixture : ::testing::Test {
    test::TempDir dir;
    test::Pki pki{dir.path()};
    std::string p7s, other_p7s;
    void SetUp() override {
        ASSERT_TRUE(test::have_openssl_cli()) << "openssl command not installed";
        ASSERT_TRUE(pki.make_root("root"));
        ASSERT_TRUE(pki.issue("root", "tsa", test::kTsaExt));
        ASSERT_TRUE(pki.issue("root", "signer", test::kSignerExt));
        auto id = load_identity(pki.key("signer"), pki.cert("signer"));
        ASSERT_TRUE(id.ok());
        auto a = sign_detached(id.value(), "manifest one\n");
        auto b = sign_detached(id.value(), "manifest two\n");
        ASSERT_TRUE(a.ok() && b.ok());
        p7s = a.value();
        other_p7s = b.value();
    }
    // A token from stock OpenSSL over the imprint of `sig`.
    std::string stamp(const std::string& sig) {
        auto imprint = timestamp_imprint(sig);
        EXPECT_TRUE(imprint.ok());
        EXPECT_EQ(imprint.value().size(), 32U);
        const auto tsq = dir / "req.tsq";
        const auto tsr = dir / "resp.tsr";
        EXPECT_TRUE(test::run("openssl ts -query -sha256 -digest " + hex(imprint.value()) + " -cert -out " + q(tsq)));
        EXPECT_TRUE(test::run("openssl ts -reply -config " + q(pki.tsa_config("tsa")) + " -queryfile " + q(tsq) +
                              " -out " + q(tsr)));
        return test::read_file(tsr);
    }
};

TEST_F(TsFixture, TokenFromATrustedTsaGivesItsTime) {
    const std::string tsr = stamp(p7s);
    auto v = verify_timestamp(tsr, p7s, {pki.cert("root")});
    ASSERT_TRUE(v.ok()) << v.error().line();
    EXPECT_TRUE(v.value().ok) << v.value().failure;
    EXPECT_TRUE(v.value().signature_checked);
    EXPECT_TRUE(test::is_iso_utc(v.value().gen_time)) << v.value().gen_time;
    EXPECT_NEAR(static_cast<double>(v.value().gen_time_unix), static_cast<double>(std::time(nullptr)), 300.0);
    EXPECT_EQ(v.value().tsa_subject, "O=vcaudit test,CN=tsa");
    // Stock OpenSSL agrees on the imprint and the TSA signature.
    auto imprint = timestamp_imprint(p7s);
    test::write_file(dir / "t.tsr", tsr);
    EXPECT_TRUE(test::run("openssl ts -verify -digest " + hex(imprint.value()) + " -in " + q(dir / "t.tsr") +
                          " -CAfile " + q(pki.cert("root"))));
}

TEST_F(TsFixture, TokenOverAnotherSignatureDoesNotHold) {
    auto v = verify_timestamp(stamp(other_p7s), p7s, {pki.cert("root")});
    ASSERT_TRUE(v.ok()) << v.error().line();
    EXPECT_FALSE(v.value().ok);
    EXPECT_NE(v.value().failure.find("does not hold"), std::string::npos) << v.value().failure;
}

TEST_F(TsFixture, TsaOutsideTheAnchorsDoesNotHold) {
    ASSERT_TRUE(pki.make_root("other"));
    auto v = verify_timestamp(stamp(p7s), p7s, {pki.cert("other")});
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v.value().ok);
}

TEST_F(TsFixture, WithoutAnchorsOnlyTheImprintIsChecked) {
    auto v = verify_timestamp(stamp(p7s), p7s, {});
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v.value().ok) << v.value().failure;
    EXPECT_FALSE(v.value().signature_checked);
}

TEST_F(TsFixture, GarbageIsADiagnostic) {
    auto v = verify_timestamp("not a timestamp", p7s, {});
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, codes::kBadTimestamp);
}

TEST(HttpUrl, ParsesHostPortAndPath) {
    auto u = parse_http_url("http://127.0.0.1:8318/tsa");
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u.value().host, "127.0.0.1");
    EXPECT_EQ(u.value().port, "8318");
    EXPECT_EQ(u.value().path, "/tsa");
    auto v6 = parse_http_url("http://[::1]:80");
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6.value().host, "::1");
    EXPECT_EQ(v6.value().path, "/");
    auto plain = parse_http_url("http://tsa.example");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain.value().port, "80");
}

TEST(HttpUrl, RefusesWhatItCannotSpeak) {
    for (const char* bad : {"https://tsa.example/", "ftp://x", "http://", "http://host:port/", "http://a b/",
                            "http://[::1/", "http://h/\r\nX: y"}) {
        auto u = parse_http_url(bad);
        EXPECT_FALSE(u.ok()) << bad;
    }
}

TEST(HttpPost, ClosedPortIsE419NamingTheUrl) {
    // Port 1 on loopback: nothing listens there in a test sandbox.
    auto r = http_post("http://127.0.0.1:1/", kTimestampQueryType, "x");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, codes::kTimestampFailed);
    EXPECT_EQ(r.error().location, "http://127.0.0.1:1/");
}

}  // namespace
}  // namespace vca::sign
