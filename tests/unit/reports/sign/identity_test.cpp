#include "reports/sign/identity.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <optional>

#include "reports/sign/codes.hpp"
#include "reports/sign/keygen.hpp"
#include "test_support.hpp"

namespace vca::sign {
namespace {

using test::TempDir;

TEST(Keygen, KeyIsCreatedPrivateAndCertLoads) {
    TempDir dir;
    const auto key = dir / "nested/deeper/key.pem";
    const auto cert = dir / "nested/deeper/cert.pem";
    // A permissive umask must not loosen the key; a strict one must not change it either.
    const mode_t old_mask = ::umask(0);
    auto st = generate_identity(key, cert, "Xã Test signer", 30, false);
    ::umask(old_mask);
    ASSERT_TRUE(st.ok()) << st.error().line();

    EXPECT_EQ(test::mode_of(key), 0600U);
    EXPECT_EQ(test::mode_of(cert), 0644U);
    EXPECT_EQ(test::mode_of(dir / "nested"), 0700U);
    EXPECT_EQ(test::mode_of(dir / "nested/deeper"), 0700U);
    EXPECT_NE(test::read_file(key).find("-----BEGIN PRIVATE KEY-----"), std::string::npos);

    auto id = load_identity(key, cert);
    ASSERT_TRUE(id.ok()) << id.error().line();
    EXPECT_EQ(subject(id.value()), "CN=Xã Test signer,O=vcaudit");
    EXPECT_TRUE(test::is_sha256_hex(cert_sha256(id.value()))) << cert_sha256(id.value());
    EXPECT_TRUE(test::is_iso_utc(not_after(id.value()))) << not_after(id.value());
}

TEST(Keygen, EachIdentityIsDifferent) {
    TempDir dir;
    ASSERT_TRUE(generate_identity(dir / "a.key", dir / "a.crt", "a", 1, false).ok());
    ASSERT_TRUE(generate_identity(dir / "b.key", dir / "b.crt", "a", 1, false).ok());
    auto a = load_identity(dir / "a.key", dir / "a.crt");
    auto b = load_identity(dir / "b.key", dir / "b.crt");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(cert_sha256(a.value()), cert_sha256(b.value()));
}

TEST(Keygen, RefusesToOverwriteUnlessAsked) {
    TempDir dir;
    const auto key = dir / "key.pem";
    const auto cert = dir / "cert.pem";
    ASSERT_TRUE(generate_identity(key, cert, "first", 1, false).ok());
    const std::string key_before = test::read_file(key);
    const std::string cert_before = test::read_file(cert);

    auto again = generate_identity(key, cert, "second", 1, false);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, codes::kFileExists);
    EXPECT_NE(again.error().line().find(key.string()), std::string::npos) << again.error().line();
    EXPECT_EQ(test::read_file(key), key_before);
    EXPECT_EQ(test::read_file(cert), cert_before);

    // Only the certificate exists: still refused, and no key is left behind.
    const auto lone_key = dir / "lone.key";
    auto cert_taken = generate_identity(lone_key, cert, "third", 1, false);
    ASSERT_FALSE(cert_taken.ok());
    EXPECT_EQ(cert_taken.error().code, codes::kFileExists);
    EXPECT_FALSE(std::filesystem::exists(lone_key));

    auto replaced = generate_identity(key, cert, "second", 1, true);
    ASSERT_TRUE(replaced.ok()) << replaced.error().line();
    EXPECT_NE(test::read_file(key), key_before);
    EXPECT_EQ(test::mode_of(key), 0600U);
    auto id = load_identity(key, cert);
    ASSERT_TRUE(id.ok()) << id.error().line();
    EXPECT_EQ(subject(id.value()), "CN=second,O=vcaudit");
    // The atomic replacement leaves no temporary files behind.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 2U);
}

TEST(Keygen, RejectsImpossibleArguments) {
    TempDir dir;
    EXPECT_EQ(generate_identity(dir / "k", dir / "c", "", 1, false).error().code, codes::kBadArgument);
    EXPECT_EQ(generate_identity(dir / "k", dir / "c", std::string(65, 'x'), 1, false).error().code,
              codes::kBadArgument);
    EXPECT_EQ(generate_identity(dir / "k", dir / "c", "x", 0, false).error().code, codes::kBadArgument);
    EXPECT_EQ(generate_identity(dir / "k", dir / "k", "x", 1, false).error().code, codes::kBadArgument);
    EXPECT_FALSE(std::filesystem::exists(dir / "k"));
}

// Sets an environment variable for one scope, restoring the old value.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value != nullptr) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(Keygen, DefaultIdentityDirFollowsTheEnvironment) {
    {
        ScopedEnv a("VCAUDIT_HOME", "/srv/vca");
        ScopedEnv b("XDG_DATA_HOME", "/xdg");
        EXPECT_EQ(default_identity_dir(), std::filesystem::path("/srv/vca"));
    }
    {
        ScopedEnv a("VCAUDIT_HOME", nullptr);
        ScopedEnv b("XDG_DATA_HOME", "/xdg");
        EXPECT_EQ(default_identity_dir(), std::filesystem::path("/xdg/vcaudit"));
    }
    {
        ScopedEnv a("VCAUDIT_HOME", nullptr);
        ScopedEnv b("XDG_DATA_HOME", "relative/ignored");
        ScopedEnv c("HOME", "/home/official");
        EXPECT_EQ(default_identity_dir(), std::filesystem::path("/home/official/.local/share/vcaudit"));
    }
}

TEST(Keygen, DefaultIdentityIsCreatedOnceThenReused) {
    TempDir dir;
    ScopedEnv home("VCAUDIT_HOME", (dir / "home").c_str());
    auto first = ensure_default_identity();
    ASSERT_TRUE(first.ok()) << first.error().line();
    EXPECT_TRUE(first.value().created);
    EXPECT_EQ(test::mode_of(first.value().key_path), 0600U);
    EXPECT_EQ(test::mode_of(dir / "home"), 0700U);
    const std::string key_bytes = test::read_file(first.value().key_path);

    auto second = ensure_default_identity();
    ASSERT_TRUE(second.ok()) << second.error().line();
    EXPECT_FALSE(second.value().created);
    EXPECT_EQ(second.value().key_path, first.value().key_path);
    EXPECT_EQ(test::read_file(second.value().key_path), key_bytes);

    auto id = load_identity(second.value().key_path, second.value().cert_path);
    ASSERT_TRUE(id.ok()) << id.error().line();
    EXPECT_EQ(subject(id.value()).rfind("CN=vcaudit installation key (", 0), 0U) << subject(id.value());

    // Half an identity is reported, not silently replaced.
    std::filesystem::remove(second.value().cert_path);
    auto half = ensure_default_identity();
    ASSERT_FALSE(half.ok());
    EXPECT_EQ(test::read_file(first.value().key_path), key_bytes);
}

TEST(Identity, MissingFilesAreNamed) {
    TempDir dir;
    auto r = load_identity(dir / "absent.key", dir / "absent.crt");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, codes::kUnreadableFile);
    EXPECT_NE(r.error().line().find("absent.key"), std::string::npos);
}

TEST(Identity, CertificateIsNotAKey) {
    TempDir dir;
    ASSERT_TRUE(generate_identity(dir / "k.pem", dir / "c.pem", "swap", 1, false).ok());
    auto swapped = load_identity(dir / "c.pem", dir / "k.pem");
    ASSERT_FALSE(swapped.ok());
    EXPECT_EQ(swapped.error().code, codes::kBadPrivateKey) << swapped.error().line();
    auto no_cert = load_identity(dir / "k.pem", dir / "k.pem");
    ASSERT_FALSE(no_cert.ok());
    EXPECT_EQ(no_cert.error().code, codes::kBadCertificate) << no_cert.error().line();
}

TEST(Identity, MismatchedKeyAndCertificate) {
    TempDir dir;
    ASSERT_TRUE(generate_identity(dir / "a.key", dir / "a.crt", "a", 1, false).ok());
    ASSERT_TRUE(generate_identity(dir / "b.key", dir / "b.crt", "b", 1, false).ok());
    auto r = load_identity(dir / "a.key", dir / "b.crt");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, codes::kKeyCertMismatch);
    EXPECT_NE(r.error().line().find("a.key"), std::string::npos) << r.error().line();
    EXPECT_NE(r.error().line().find("b.crt"), std::string::npos) << r.error().line();
}

TEST(Identity, EncryptedKeyNeedsTheRightPassphrase) {
    ASSERT_TRUE(test::have_openssl_cli()) << "openssl command not installed (.ci/install-deps installs it)";
    TempDir dir;
    const auto key = dir / "enc.pem";
    const auto cert = dir / "enc-cert.pem";
    ASSERT_TRUE(test::run("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes256 "
                          "-pass pass:Right-Horse-7 -out " + test::q(key)));
    ASSERT_TRUE(test::run("openssl req -new -x509 -key " + test::q(key) +
                          " -passin pass:Right-Horse-7 -subj /CN=enc -days 1 -out " + test::q(cert)));

    const std::string wrong = "Guess-1234-not-it";
    auto bad = load_identity(key, cert, wrong);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, codes::kCannotDecryptKey);
    const std::string line = bad.error().line();
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    EXPECT_EQ(line.rfind("error E402: " + key.string() +
                             ": cannot decrypt the private key (wrong passphrase?)", 0), 0U) << line;
    EXPECT_NE(line.find("--key-pass-file"), std::string::npos) << line;
    EXPECT_EQ(line.find(wrong), std::string::npos) << line;
    EXPECT_EQ(line.find("Right-Horse-7"), std::string::npos) << line;

    auto none = load_identity(key, cert);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, codes::kCannotDecryptKey) << none.error().line();

    auto good = load_identity(key, cert, std::string("Right-Horse-7"));
    ASSERT_TRUE(good.ok()) << good.error().line();
    EXPECT_EQ(subject(good.value()), "CN=enc");
}

}  // namespace
}  // namespace vca::sign
