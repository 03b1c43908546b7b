// SecretGuard: redaction, the keyed hash (RFC 4231 known answer), membership
// in the bundled weak list, and digest responses recomputed per candidate.
#include <gtest/gtest.h>

#include <string>

#include "probes/creds/secret_guard.hpp"
#include "probes/creds/weak_list.hpp"
#include "tests/unit/probes/creds_guard/test_helpers.hpp"

namespace vca::probes::creds {
namespace {

const SecretGuard& bundled_guard() {
    static const SecretGuard guard = [] {
        auto list = load_weak_list(std::string(VCA_SOURCE_DIR) + "/policy/weak-secrets.yaml");
        if (!list) throw std::runtime_error(list.error().line());
        return SecretGuard(std::move(*list), "test-store-key");
    }();
    return guard;
}

// Digest parameters shared by the weak/strong cases: a SIP REGISTER answered
// with qop=auth. Expected responses were computed independently with Python's
// hashlib from the RFC 7616 §3.4.1 formulas.
DigestParams sip_register(std::string algorithm, std::string response) {
    DigestParams d;
    d.realm = "asterisk";
    d.nonce = "4f2a9c0e7b";
    d.uri = "sip:10.0.0.1";
    d.method = "REGISTER";
    d.algorithm = std::move(algorithm);
    d.qop = "auth";
    d.nc = "00000001";
    d.cnonce = "8d3e1a";
    d.response = std::move(response);
    return d;
}

TEST(Redact, ShortSecretsShowOnlyTheirLength) {
    EXPECT_EQ(redact("abc"), "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 (3 chars)");
    EXPECT_EQ(redact("x"), "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 (1 char)");
    EXPECT_EQ(redact("1234567"), "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 (7 chars)");
    EXPECT_EQ(redact(""), "(empty)");
}

TEST(Redact, LongSecretsShowFirstAndLastCharacter) {
    EXPECT_EQ(redact("12345678"), "1\xE2\x80\xA6\xE2\x80\xA6" "8 (8 chars)");
    EXPECT_EQ(redact("Zt7#qLw9!vRk2$Xp"), "Z\xE2\x80\xA6\xE2\x80\xA6" "p (16 chars)");
}

TEST(Redact, CountsAndKeepsWholeUtf8Characters) {
    // "mật" is 3 characters in 5 bytes: short.
    EXPECT_EQ(redact("m\xE1\xBA\xAD" "t"), "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 (3 chars)");
    // "ẩabcdefgđ": first character 3 bytes (U+1EA9), last 2 bytes (U+0111); 9 characters.
    EXPECT_EQ(redact("\xE1\xBA\xA9" "abcdefg" "\xC4\x91"),
              "\xE1\xBA\xA9\xE2\x80\xA6\xE2\x80\xA6\xC4\x91 (9 chars)");
    // A 4-byte character at the end (U+1F600).
    EXPECT_EQ(redact("abcdefgh\xF0\x9F\x98\x80"), "a\xE2\x80\xA6\xE2\x80\xA6\xF0\x9F\x98\x80 (9 chars)");
}

TEST(Redact, InvalidBytesAndControlsBecomeReplacementCharacters) {
    // A stray 0xff first, a 3-byte sequence cut after its lead byte last:
    // each counts as one character and shows as U+FFFD, never as a raw byte.
    EXPECT_EQ(redact("\xFF" "abcdefg" "\xE1"), "\xEF\xBF\xBD\xE2\x80\xA6\xE2\x80\xA6\xEF\xBF\xBD (9 chars)");
    EXPECT_EQ(redact("\tabcdefg\n"), "\xEF\xBF\xBD\xE2\x80\xA6\xE2\x80\xA6\xEF\xBF\xBD (9 chars)");
    // An overlong encoding of '/' (C0 AF) is two invalid bytes.
    EXPECT_EQ(redact("\xC0\xAF" "abcdef"), "\xEF\xBF\xBD\xE2\x80\xA6\xE2\x80\xA6" "f (8 chars)");
}

TEST(Hmac, Rfc4231TestCase2) {
    EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Hmac, EqualSecretsGiveEqualHashesUnderOneKeyOnly) {
    SecretGuard a({}, "key-one"), b({}, "key-two");
    auto j1 = a.judge_secret("Zt7#qLw9!vRk2$Xp"), j2 = a.judge_secret("Zt7#qLw9!vRk2$Xp");
    auto j3 = b.judge_secret("Zt7#qLw9!vRk2$Xp");
    EXPECT_EQ(j1.hmac.size(), 64u);
    EXPECT_EQ(j1.hmac, j2.hmac);
    EXPECT_NE(j1.hmac, j3.hmac);
    EXPECT_NE(a.judge_secret("Zt7#qLw9!vRk2$Xq").hmac, j1.hmac);
}

TEST(WeakSecret, ListedSecretIsWeakWithItsSource) {
    const auto& g = bundled_guard();
    EXPECT_GT(g.candidates(), 300u);
    auto j = g.judge_secret("123456a@");
    EXPECT_TRUE(j.weak);
    EXPECT_TRUE(j.testable);
    EXPECT_EQ(j.weak_source, "common weak password: Vietnamese");
    EXPECT_EQ(j.redacted, "1\xE2\x80\xA6\xE2\x80\xA6@ (8 chars)");
    auto vendor = g.judge_secret("ClueCon");
    EXPECT_TRUE(vendor.weak);
    EXPECT_EQ(vendor.weak_source, "vendor default: FreeSWITCH (default_password, event socket, sample users)");
}

TEST(WeakSecret, CaseInsensitiveMatchIsWeakToo) {
    auto j = bundled_guard().judge_secret("MATKHAU");
    EXPECT_TRUE(j.weak);
    EXPECT_NE(j.weak_source.find("letter case differs"), std::string::npos);
}

TEST(WeakSecret, StrongSecretIsNotWeak) {
    auto j = bundled_guard().judge_secret("Zt7#qLw9!vRk2$Xp");
    EXPECT_FALSE(j.weak);
    EXPECT_TRUE(j.testable);
    EXPECT_TRUE(j.weak_source.empty());
}

TEST(WeakSecret, EventDispatchAddsUserNameAndEmptyChecks) {
    const auto& g = bundled_guard();
    CredentialEvent e;
    e.protocol = "ftp";
    e.username = "Nguyen.Van.A";
    e.secret_kind = "password";
    e.secret = "nguyen.van.a";
    auto same = g.judge(e);
    EXPECT_TRUE(same.weak);
    EXPECT_EQ(same.weak_source, "password equal to the user name");
    e.secret = "";
    EXPECT_TRUE(g.judge(e).weak);
    e.secret_kind = "none";
    EXPECT_FALSE(g.judge(e).testable);
    e.secret_kind = "community";
    e.username = "";
    e.secret = "public";
    auto community = g.judge(e);
    EXPECT_TRUE(community.weak);
    EXPECT_EQ(community.weak_source, "vendor default: SNMP community");
}

TEST(WeakDigest, Md5ResponseOfAListedPasswordIsWeak) {
    auto j = bundled_guard().judge_digest("admin", sip_register("MD5", "7dd7d3d6923c84e6d58dc008e6e8a988"));
    EXPECT_TRUE(j.testable);
    EXPECT_TRUE(j.weak);
    EXPECT_EQ(j.weak_source, "common weak password: Vietnamese");  // admin@123
    EXPECT_TRUE(j.hmac.empty());
}

TEST(WeakDigest, Sha256ResponseOfAListedPasswordIsWeak) {
    auto j = bundled_guard().judge_digest(
        "admin", sip_register("SHA-256", "0ad98719d7fa213e5c3c45c8a918b77f9646022987a52d43b0b334196a30ad95"));
    EXPECT_TRUE(j.testable);
    EXPECT_TRUE(j.weak);
    EXPECT_EQ(j.weak_source, "common weak password: Vietnamese");  // Abc@123
}

TEST(WeakDigest, StrongPasswordIsNotWeakForEitherAlgorithm) {
    const auto& g = bundled_guard();
    auto md5 = g.judge_digest("admin", sip_register("MD5", "3f9a013e21d50de4fececb423e764b40"));
    EXPECT_TRUE(md5.testable);
    EXPECT_FALSE(md5.weak);
    auto sha = g.judge_digest(
        "admin", sip_register("SHA-256", "942687864d3ffc1d0a3896e7b481a3e3ca585ec49826f67349ca081a33cf8eff"));
    EXPECT_TRUE(sha.testable);
    EXPECT_FALSE(sha.weak);
}

TEST(WeakDigest, PasswordEqualToUserNameAndEmptyPasswordAreWeak) {
    const auto& g = bundled_guard();
    auto same = g.judge_digest("1001", sip_register("MD5", "ace9ab7c095c3ff56c383e179b50ac3e"));
    EXPECT_TRUE(same.weak);
    EXPECT_EQ(same.weak_source, "password equal to the user name");
    auto empty = g.judge_digest("1001", sip_register("MD5", "17750686f9ed363cc5d3e68ed072a1aa"));
    EXPECT_TRUE(empty.weak);
    EXPECT_EQ(empty.weak_source, "empty password");
}

TEST(WeakDigest, ResponseHexIsComparedWithoutRegardToCase) {
    auto j = bundled_guard().judge_digest("admin", sip_register("md5", "7DD7D3D6923C84E6D58DC008E6E8A988"));
    EXPECT_TRUE(j.weak);
}

TEST(WeakDigest, AuthIntUserhashAndUnknownAlgorithmsAreNotTestable) {
    const auto& g = bundled_guard();
    auto d = sip_register("MD5", "7dd7d3d6923c84e6d58dc008e6e8a988");
    d.qop = "auth-int";
    EXPECT_FALSE(g.judge_digest("admin", d).testable);
    d = sip_register("MD5", "7dd7d3d6923c84e6d58dc008e6e8a988");
    d.userhash = true;
    EXPECT_FALSE(g.judge_digest("admin", d).testable);
    d = sip_register("SHA-1", "7dd7d3d6923c84e6d58dc008e6e8a988");
    EXPECT_FALSE(g.judge_digest("admin", d).testable);
    d = sip_register("MD5", "");
    EXPECT_FALSE(g.judge_digest("admin", d).testable);
    CredentialEvent e;
    e.secret_kind = "digest";  // without its parameters
    EXPECT_FALSE(g.judge(e).testable);
    e.digest = sip_register("MD5", "7dd7d3d6923c84e6d58dc008e6e8a988");
    e.username = "admin";
    EXPECT_TRUE(g.judge(e).weak);
}

// The weak list's HA1 is remembered per account: a repeated exchange keeps its
// judgement, a changed field is judged afresh, and answers stay right once the
// memory has been cleared for holding too many accounts.
TEST(WeakDigest, RepeatedExchangeKeepsItsJudgementAndAChangedFieldIsRetested) {
    SecretGuard g({{"admin@123", "common weak password: Vietnamese"}}, "key");
    const DigestParams weak = sip_register("MD5", "7dd7d3d6923c84e6d58dc008e6e8a988");
    EXPECT_TRUE(g.judge_digest("admin", weak).weak);
    EXPECT_TRUE(g.judge_digest("admin", weak).weak);
    DigestParams other_nonce = weak;
    other_nonce.nonce += "x";  // the same response no longer proves the listed password
    EXPECT_FALSE(g.judge_digest("admin", other_nonce).weak);
    EXPECT_FALSE(g.judge_digest("admin2", weak).weak);  // user name enters HA1
    for (std::size_t i = 0; i <= kMaxRememberedAccounts; ++i) {
        DigestParams d = weak;
        d.realm = "realm-" + std::to_string(i);  // each a new account the response does not fit
        EXPECT_FALSE(g.judge_digest("admin", d).weak) << i;
    }
    EXPECT_TRUE(g.judge_digest("admin", weak).weak);
    EXPECT_FALSE(g.judge_digest("admin", other_nonce).weak);
}

}  // namespace
}  // namespace vca::probes::creds
