// Verification against a CA bundle: each way a signer certificate can fail
// gets its own SignatureProblem and its own words.
#include <gtest/gtest.h>

#include "pki_support.hpp"
#include "reports/sign/cms.hpp"
#include "reports/sign/identity.hpp"
#include "test_support.hpp"

namespace vca::sign {
namespace {

using test::q;

const std::string kContent = "{\"files\":[{\"path\":\"report.json\"}]}\n";

struct CaFixture : ::testing::Test {
    test::TempDir dir;
    test::Pki pki{dir.path()};
    void SetUp() override { ASSERT_TRUE(test::have_openssl_cli()) << "openssl command not installed"; ASSERT_TRUE(pki.make_root("root")); }

    VerifyOutcome sign_and_verify(const std::string& signer, const std::vector<std::filesystem::path>& anchors,
                                  std::optional<std::int64_t> at = std::nullopt) {
        auto id = load_identity(pki.key(signer), pki.cert(signer));
        EXPECT_TRUE(id.ok()) << id.error().line();
        if (!id.ok()) return {};
        auto p7s = sign_detached(id.value(), kContent);
        EXPECT_TRUE(p7s.ok());
        auto v = verify_detached_with(p7s.value(), kContent, VerifyParams{anchors, at});
        EXPECT_TRUE(v.ok()) << v.error().line();
        return v.ok() ? v.value() : VerifyOutcome{};
    }
};

TEST_F(CaFixture, SignerIssuedByABundleCaIsTrusted) {
    ASSERT_TRUE(pki.make_root("other"));
    ASSERT_TRUE(pki.issue("root", "signer", test::kSignerExt));
    ASSERT_TRUE(pki.bundle(dir / "bundle.pem", {"other", "root"}));
    auto v = sign_and_verify("signer", {dir / "bundle.pem"});
    EXPECT_TRUE(v.signature_ok);
    EXPECT_TRUE(v.trusted) << v.failure;
    EXPECT_EQ(v.problem, SignatureProblem::none);
}

TEST_F(CaFixture, ExpiredSignerIsNamedWithItsEndDate) {
    ASSERT_TRUE(pki.issue("root", "old", test::kSignerExt, "20200101000000Z", "20210101000000Z"));
    auto v = sign_and_verify("old", {pki.cert("root")});
    EXPECT_TRUE(v.signature_ok);
    EXPECT_FALSE(v.trusted);
    EXPECT_EQ(v.problem, SignatureProblem::expired);
    EXPECT_NE(v.failure.find("expired"), std::string::npos) << v.failure;
    EXPECT_NE(v.failure.find("2021-01-01T00:00:00Z"), std::string::npos) << v.failure;
    EXPECT_NE(v.failure.find("CN=old"), std::string::npos) << v.failure;
}

TEST_F(CaFixture, ExpiredNowButValidAtAProvenTimeIsTrusted) {
    ASSERT_TRUE(pki.issue("root", "old", test::kSignerExt, "20200101000000Z", "20210101000000Z"));
    const std::int64_t mid_2020 = 1593561600;  // 2020-07-01T00:00:00Z
    auto v = sign_and_verify("old", {pki.cert("root")}, mid_2020);
    EXPECT_TRUE(v.trusted) << v.failure;
}

TEST_F(CaFixture, NotYetValidSignerIsNamedWithItsStartDate) {
    ASSERT_TRUE(pki.issue("root", "future", test::kSignerExt, "20400101000000Z", "20410101000000Z"));
    auto v = sign_and_verify("future", {pki.cert("root")});
    EXPECT_EQ(v.problem, SignatureProblem::not_yet_valid);
    EXPECT_NE(v.failure.find("not yet valid"), std::string::npos) << v.failure;
    EXPECT_NE(v.failure.find("2040-01-01T00:00:00Z"), std::string::npos) << v.failure;
}

TEST_F(CaFixture, SignerOfAnotherCaIsUntrusted) {
    ASSERT_TRUE(pki.make_root("other"));
    ASSERT_TRUE(pki.issue("other", "stranger", test::kSignerExt));
    auto v = sign_and_verify("stranger", {pki.cert("root")});
    EXPECT_TRUE(v.signature_ok);
    EXPECT_EQ(v.problem, SignatureProblem::untrusted);
    EXPECT_NE(v.failure.find("does not chain to the given trust anchors"), std::string::npos) << v.failure;
    EXPECT_NE(v.failure.find("local issuer"), std::string::npos) << v.failure;
}

TEST_F(CaFixture, SelfSignedSignerNotInTheBundleIsUntrusted) {
    auto v = sign_and_verify("root", {});  // no anchors: integrity only
    EXPECT_TRUE(v.signature_ok);
    EXPECT_FALSE(v.trusted);
    EXPECT_EQ(v.problem, SignatureProblem::none);
    ASSERT_TRUE(pki.make_root("other"));
    ASSERT_TRUE(test::run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " +
                          q(pki.key("self")) + " -out " + q(pki.cert("self")) + " -subj /CN=self -days 30"));
    auto u = sign_and_verify("self", {pki.cert("other")});
    EXPECT_EQ(u.problem, SignatureProblem::untrusted);
    EXPECT_NE(u.failure.find("self-signed"), std::string::npos) << u.failure;
}

TEST_F(CaFixture, TlsServerCertificateIsNotForSigningDocuments) {
    ASSERT_TRUE(pki.issue("root", "webserver", test::kTlsServerExt));
    auto v = sign_and_verify("webserver", {pki.cert("root")});
    EXPECT_TRUE(v.signature_ok);
    EXPECT_EQ(v.problem, SignatureProblem::key_usage);
    EXPECT_NE(v.failure.find("not for signing documents"), std::string::npos) << v.failure;
}

// The certificate inside the .p7s is not the signer's: another certificate
// put in its place, or one with the same issuer and serial but another key.
TEST_F(CaFixture, SwappedCertificateIsACertificateMismatch) {
    ASSERT_TRUE(pki.issue("root", "a", test::kSignerExt));
    ASSERT_TRUE(pki.issue("root", "b", test::kSignerExt));
    test::write_file(dir / "m.json", kContent);
    ASSERT_TRUE(test::run("openssl cms -sign -binary -md sha256 -nocerts -in " + q(dir / "m.json") + " -signer " +
                          q(pki.cert("a")) + " -inkey " + q(pki.key("a")) + " -certfile " + q(pki.cert("b")) +
                          " -outform PEM -out " + q(dir / "swapped.p7s")));
    auto v = verify_detached(test::read_file(dir / "swapped.p7s"), kContent, {pki.cert("root")});
    ASSERT_TRUE(v.ok()) << v.error().line();
    EXPECT_FALSE(v.value().signature_ok);
    EXPECT_EQ(v.value().problem, SignatureProblem::cert_mismatch);
    EXPECT_NE(v.value().failure.find("removed or replaced"), std::string::npos) << v.value().failure;

    // Same issuer and serial number, different key.
    for (const char* name : {"twin1", "twin2"})
        ASSERT_TRUE(test::run("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " +
                              q(pki.key(name)) + " -subj /CN=twin -out " + q(dir / (std::string(name) + ".csr")) +
                              " && openssl x509 -req -in " + q(dir / (std::string(name) + ".csr")) + " -CA " +
                              q(pki.cert("root")) + " -CAkey " + q(pki.key("root")) + " -set_serial 4242 -days 30 -out " +
                              q(pki.cert(name))));
    ASSERT_TRUE(test::run("openssl cms -sign -binary -md sha256 -nocerts -in " + q(dir / "m.json") + " -signer " +
                          q(pki.cert("twin1")) + " -inkey " + q(pki.key("twin1")) + " -certfile " +
                          q(pki.cert("twin2")) + " -outform PEM -out " + q(dir / "twin.p7s")));
    auto t = verify_detached(test::read_file(dir / "twin.p7s"), kContent, {pki.cert("root")});
    ASSERT_TRUE(t.ok()) << t.error().line();
    EXPECT_FALSE(t.value().signature_ok);
    EXPECT_EQ(t.value().problem, SignatureProblem::cert_mismatch);
    EXPECT_NE(t.value().failure.find("not made by the key of the certificate"), std::string::npos)
        << t.value().failure;
}

TEST_F(CaFixture, ChangedContentIsNotACertificateProblem) {
    ASSERT_TRUE(pki.issue("root", "signer", test::kSignerExt));
    auto id = load_identity(pki.key("signer"), pki.cert("signer"));
    ASSERT_TRUE(id.ok());
    auto p7s = sign_detached(id.value(), kContent);
    ASSERT_TRUE(p7s.ok());
    auto v = verify_detached(p7s.value(), kContent + " ", {pki.cert("root")});
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v.value().problem, SignatureProblem::content_changed);
}

}  // namespace
}  // namespace vca::sign
