// The DESIGN.md promise: stock `openssl cms -verify` checks what we sign, and
// we check what stock `openssl cms -sign` produces.
#include <gtest/gtest.h>

#include "reports/sign/cms.hpp"
#include "reports/sign/keygen.hpp"
#include "test_support.hpp"

namespace vca::sign {
namespace {

using test::q;
using test::TempDir;

const std::string kManifest = "{\"files\":[],\"tool\":\"vcaudit\"}\n";

std::string stock_verify(const std::filesystem::path& p7s, const std::filesystem::path& content,
                         const std::filesystem::path& ca) {
    return "openssl cms -verify -binary -inform PEM -in " + q(p7s) + " -content " + q(content) +
           " -CAfile " + q(ca) + " -out /dev/null";
}

TEST(OpensslCli, StockVerifyAcceptsOurSignature) {
    ASSERT_TRUE(test::have_openssl_cli()) << "openssl command not installed (.ci/install-deps installs it)";
    TempDir dir;
    const auto cert = dir / "cert.pem";
    ASSERT_TRUE(generate_identity(dir / "key.pem", cert, "interop", 30, false).ok());
    auto id = load_identity(dir / "key.pem", cert);
    ASSERT_TRUE(id.ok()) << id.error().line();
    auto p7s = sign_detached(id.value(), kManifest);
    ASSERT_TRUE(p7s.ok()) << p7s.error().line();

    const auto manifest = dir / "manifest.json";
    const auto sig = dir / "manifest.json.p7s";
    test::write_file(manifest, kManifest);
    test::write_file(sig, p7s.value());
    EXPECT_TRUE(test::run(stock_verify(sig, manifest, cert)));

    std::string tampered = kManifest;
    tampered[2] = 'F';
    test::write_file(manifest, tampered);
    EXPECT_FALSE(test::run(stock_verify(sig, manifest, cert)));
}

TEST(OpensslCli, StockVerifyRejectsAnotherCa) {
    ASSERT_TRUE(test::have_openssl_cli()) << "openssl command not installed (.ci/install-deps installs it)";
    TempDir dir;
    ASSERT_TRUE(generate_identity(dir / "key.pem", dir / "cert.pem", "interop", 30, false).ok());
    ASSERT_TRUE(generate_identity(dir / "k2.pem", dir / "other.pem", "other", 30, false).ok());
    auto id = load_identity(dir / "key.pem", dir / "cert.pem");
    ASSERT_TRUE(id.ok());
    auto p7s = sign_detached(id.value(), kManifest);
    ASSERT_TRUE(p7s.ok());
    test::write_file(dir / "manifest.json", kManifest);
    test::write_file(dir / "manifest.json.p7s", p7s.value());
    EXPECT_FALSE(test::run(stock_verify(dir / "manifest.json.p7s", dir / "manifest.json",
                                        dir / "other.pem")));
}

TEST(OpensslCli, WeVerifyStockSignature) {
    ASSERT_TRUE(test::have_openssl_cli()) << "openssl command not installed (.ci/install-deps installs it)";
    TempDir dir;
    const auto cert = dir / "cert.pem";
    ASSERT_TRUE(generate_identity(dir / "key.pem", cert, "stock signer", 30, false).ok());
    test::write_file(dir / "manifest.json", kManifest);
    ASSERT_TRUE(test::run("openssl cms -sign -binary -md sha256 -in " + q(dir / "manifest.json") +
                          " -signer " + q(cert) + " -inkey " + q(dir / "key.pem") +
                          " -outform PEM -out " + q(dir / "stock.p7s")));
    auto v = verify_detached(test::read_file(dir / "stock.p7s"), kManifest, {cert});
    ASSERT_TRUE(v.ok()) << v.error().line();
    EXPECT_TRUE(v.value().signature_ok) << v.value().failure;
    EXPECT_TRUE(v.value().trusted) << v.value().failure;
    EXPECT_EQ(v.value().signer_subject, "CN=stock signer,O=vcaudit");
}

}  // namespace
}  // namespace vca::sign
