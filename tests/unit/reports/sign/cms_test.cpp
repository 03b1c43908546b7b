#include "reports/sign/cms.hpp"

#include <gtest/gtest.h>

#include "reports/sign/codes.hpp"
#include "reports/sign/keygen.hpp"
#include "test_support.hpp"

namespace vca::sign {
namespace {

using test::TempDir;

constexpr std::string_view kManifest =
    "{\"files\":[{\"path\":\"report.json\",\"sha256\":\"ba7816bf\"}],\"note\":\"Báo cáo\"}\n";

// A fresh identity in its own temp dir.
struct Signer {
    TempDir dir;
    SigningIdentity id;
    std::filesystem::path cert_path = dir / "cert.pem";

    explicit Signer(const std::string& cn) {
        auto st = generate_identity(dir / "key.pem", cert_path, cn, 30, false);
        EXPECT_TRUE(st.ok()) << st.error().line();
        auto loaded = load_identity(dir / "key.pem", cert_path);
        EXPECT_TRUE(loaded.ok()) << loaded.error().line();
        if (loaded.ok()) id = std::move(loaded).value();
    }
};

TEST(Cms, SignThenVerifyWithoutAnchors) {
    Signer s("signer one");
    auto p7s = sign_detached(s.id, kManifest);
    ASSERT_TRUE(p7s.ok()) << p7s.error().line();
    EXPECT_EQ(p7s.value().rfind("-----BEGIN CMS-----", 0), 0U);
    // Detached: the content itself is not inside the signature.
    EXPECT_EQ(p7s.value().find("report.json"), std::string::npos);

    auto v = verify_detached(p7s.value(), kManifest, {});
    ASSERT_TRUE(v.ok()) << v.error().line();
    EXPECT_TRUE(v.value().signature_ok) << v.value().failure;
    EXPECT_FALSE(v.value().trusted);
    EXPECT_EQ(v.value().failure, "");
    EXPECT_EQ(v.value().signer_subject, "CN=signer one,O=vcaudit");
    EXPECT_EQ(v.value().signer_cert_sha256, cert_sha256(s.id));
    EXPECT_TRUE(test::is_iso_utc(v.value().signing_time)) << v.value().signing_time;
}

TEST(Cms, TrustedOnlyAgainstTheRightAnchor) {
    Signer s("signer one");
    Signer other("someone else");
    auto p7s = sign_detached(s.id, kManifest);
    ASSERT_TRUE(p7s.ok());

    auto trusted = verify_detached(p7s.value(), kManifest, {s.cert_path});
    ASSERT_TRUE(trusted.ok()) << trusted.error().line();
    EXPECT_TRUE(trusted.value().signature_ok);
    EXPECT_TRUE(trusted.value().trusted) << trusted.value().failure;
    EXPECT_EQ(trusted.value().failure, "");

    auto untrusted = verify_detached(p7s.value(), kManifest, {other.cert_path});
    ASSERT_TRUE(untrusted.ok()) << untrusted.error().line();
    EXPECT_TRUE(untrusted.value().signature_ok);
    EXPECT_FALSE(untrusted.value().trusted);
    EXPECT_NE(untrusted.value().failure.find("trust anchors"), std::string::npos)
        << untrusted.value().failure;

    // Several anchors, the right one among them.
    auto either = verify_detached(p7s.value(), kManifest, {other.cert_path, s.cert_path});
    ASSERT_TRUE(either.ok());
    EXPECT_TRUE(either.value().trusted) << either.value().failure;
}

TEST(Cms, OneChangedByteBreaksTheSignature) {
    Signer s("signer one");
    auto p7s = sign_detached(s.id, kManifest);
    ASSERT_TRUE(p7s.ok());
    std::string tampered(kManifest);
    tampered[10] = static_cast<char>(tampered[10] ^ 0x01);

    auto v = verify_detached(p7s.value(), tampered, {s.cert_path});
    ASSERT_TRUE(v.ok()) << v.error().line();
    EXPECT_FALSE(v.value().signature_ok);
    EXPECT_FALSE(v.value().trusted);
    EXPECT_NE(v.value().failure.find("changed after signing"), std::string::npos) << v.value().failure;
    // Who signed is still reported, for the investigator.
    EXPECT_EQ(v.value().signer_subject, "CN=signer one,O=vcaudit");

    // Binary: a line-ending change is a change too.
    std::string crlf(kManifest);
    crlf.insert(crlf.size() - 1, "\r");
    auto v2 = verify_detached(p7s.value(), crlf, {});
    ASSERT_TRUE(v2.ok());
    EXPECT_FALSE(v2.value().signature_ok);
}

TEST(Cms, EmptyContentCanBeSigned) {
    Signer s("signer one");
    auto p7s = sign_detached(s.id, "");
    ASSERT_TRUE(p7s.ok()) << p7s.error().line();
    auto v = verify_detached(p7s.value(), "", {});
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v.value().signature_ok) << v.value().failure;
    auto v2 = verify_detached(p7s.value(), "x", {});
    ASSERT_TRUE(v2.ok());
    EXPECT_FALSE(v2.value().signature_ok);
}

TEST(Cms, UnparsableSignatureIsADiagnostic) {
    auto garbage = verify_detached("not a signature at all", kManifest, {});
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(garbage.error().code, codes::kBadSignatureFile);

    auto empty = verify_detached("", kManifest, {});
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, codes::kBadSignatureFile);

    auto broken = verify_detached("-----BEGIN CMS-----\nAAAA\n-----END CMS-----\n", kManifest, {});
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, codes::kBadSignatureFile);
}

TEST(Cms, BadTrustAnchorIsADiagnostic) {
    Signer s("signer one");
    auto p7s = sign_detached(s.id, kManifest);
    ASSERT_TRUE(p7s.ok());
    auto missing = verify_detached(p7s.value(), kManifest, {s.dir / "nope.pem"});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, codes::kUnreadableFile);
    EXPECT_NE(missing.error().line().find("nope.pem"), std::string::npos);

    auto not_cert = verify_detached(p7s.value(), kManifest, {s.dir / "key.pem"});
    ASSERT_FALSE(not_cert.ok());
    EXPECT_EQ(not_cert.error().code, codes::kBadCertificate);
}

TEST(Cms, EmptyIdentityCannotSign) {
    SigningIdentity empty;
    auto r = sign_detached(empty, kManifest);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, codes::kSignFailed);
}

}  // namespace
}  // namespace vca::sign
