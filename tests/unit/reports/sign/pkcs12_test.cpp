// PKCS#12 identities: key, certificate and chain from one file; a wrong or
// missing passphrase is one diagnostic that names the file, never the secret.
#include <gtest/gtest.h>

#include "pki_support.hpp"
#include "reports/sign/cms.hpp"
#include "reports/sign/codes.hpp"
#include "reports/sign/identity.hpp"
#include "test_support.hpp"

namespace vca::sign {
namespace {

using test::q;

const std::string kContent = "{\"files\":[]}\n";
const std::string kPass = "p12-Passphrase-7431";

// root -> intermediate -> signer; the .p12 carries the intermediate.
struct P12Fixture : ::testing::Test {
    test::TempDir dir;
    test::Pki pki{dir.path()};
    std::filesystem::path p12 = dir / "signer.p12";
    void SetUp() override {
        ASSERT_TRUE(test::have_openssl_cli()) << "openssl command not installed (.ci/install-deps installs it)";
        ASSERT_TRUE(pki.make_root("root"));
        ASSERT_TRUE(pki.issue("root", "inter", test::kCaExt));
        ASSERT_TRUE(pki.issue("inter", "signer", test::kSignerExt));
        test::write_file(dir / "pass.txt", kPass + "\n");
        ASSERT_TRUE(test::run("openssl pkcs12 -export -inkey " + q(pki.key("signer")) + " -in " +
                              q(pki.cert("signer")) + " -certfile " + q(pki.cert("inter")) +
                              " -passout file:" + q(dir / "pass.txt") + " -out " + q(p12)));
    }
};

TEST_F(P12Fixture, LoadsKeyCertificateAndChain) {
    auto id = load_identity_pkcs12(p12, kPass);
    ASSERT_TRUE(id.ok()) << id.error().line();
    EXPECT_EQ(subject(id.value()), "O=vcaudit test,CN=signer");
    ASSERT_EQ(id.value().chain.size(), 1U);
    EXPECT_EQ(cert_pem(id.value()), test::read_file(pki.cert("signer")));
}

TEST_F(P12Fixture, ChainTravelsInTheSignatureSoTheRootAloneVerifies) {
    auto id = load_identity_pkcs12(p12, kPass);
    ASSERT_TRUE(id.ok()) << id.error().line();
    auto p7s = sign_detached(id.value(), kContent);
    ASSERT_TRUE(p7s.ok()) << p7s.error().line();
    auto v = verify_detached(p7s.value(), kContent, {pki.cert("root")});
    ASSERT_TRUE(v.ok()) << v.error().line();
    EXPECT_TRUE(v.value().trusted) << v.value().failure;

    // The same key from PEM files has no chain: the root alone is not enough.
    auto bare = load_identity(pki.key("signer"), pki.cert("signer"));
    ASSERT_TRUE(bare.ok()) << bare.error().line();
    auto p7s_bare = sign_detached(bare.value(), kContent);
    ASSERT_TRUE(p7s_bare.ok());
    auto v_bare = verify_detached(p7s_bare.value(), kContent, {pki.cert("root")});
    ASSERT_TRUE(v_bare.ok());
    EXPECT_FALSE(v_bare.value().trusted);
    EXPECT_EQ(v_bare.value().problem, SignatureProblem::untrusted);

    // Stock OpenSSL agrees: the chain is in the .p7s.
    test::write_file(dir / "m.json", kContent);
    test::write_file(dir / "m.p7s", p7s.value());
    EXPECT_TRUE(test::run("openssl cms -verify -binary -inform PEM -in " + q(dir / "m.p7s") + " -content " +
                          q(dir / "m.json") + " -CAfile " + q(pki.cert("root")) + " -out /dev/null"));
}

TEST_F(P12Fixture, WrongPassphraseIsOneLineNamingTheFileNotTheSecret) {
    auto id = load_identity_pkcs12(p12, std::string("not-the-passphrase"));
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().code, codes::kCannotDecryptKey);
    const std::string line = id.error().line();
    EXPECT_NE(line.find(p12.string()), std::string::npos) << line;
    EXPECT_EQ(line.find("not-the-passphrase"), std::string::npos) << "the passphrase leaked into the message";
    EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST_F(P12Fixture, MissingPassphraseIsE402) {
    auto id = load_identity_pkcs12(p12, std::nullopt);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().code, codes::kCannotDecryptKey);
    EXPECT_NE(id.error().message.find("no passphrase"), std::string::npos) << id.error().line();
}

TEST_F(P12Fixture, PemFileIsNotPkcs12) {
    auto id = load_identity_pkcs12(pki.cert("signer"), kPass);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().code, codes::kBadPkcs12);
}

TEST_F(P12Fixture, EmptyPassphraseFileOpensWithoutOne) {
    const auto open = dir / "open.p12";
    ASSERT_TRUE(test::run("openssl pkcs12 -export -inkey " + q(pki.key("signer")) + " -in " + q(pki.cert("signer")) +
                          " -passout pass: -out " + q(open)));
    auto id = load_identity_pkcs12(open, std::nullopt);
    ASSERT_TRUE(id.ok()) << id.error().line();
    EXPECT_TRUE(id.value().chain.empty());
}

}  // namespace
}  // namespace vca::sign
