// Signing as an office does, through the real binary: a PKCS#12 file, a
// PKCS#11 token (SoftHSM2), verification against a CA bundle with one
// distinct line per problem, and an RFC 3161 timestamp from a local TSA.
// Secrets go through files and the environment only, and never show up in
// the output (checked).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "tests/integration/cli_support.hpp"
#include "tests/unit/reports/sign/pki_support.hpp"

namespace vca::test {
namespace {

using sign::test::Pki;

const std::string kPass = "Office-P12-passphrase-8812";
const std::string kPin = "user-pin-4931";
const std::string kWrongPin = "wrong-pin-5531";

bool in_ci() { return std::getenv("CI") != nullptr; }

bool have(const std::string& program) { return run("command -v " + program).code == 0; }

// Outside CI a missing tool skips; in CI .ci/install-deps installed it.
#define REQUIRE_PROGRAM(p)                                                              \
    do {                                                                                \
        if (!have(p)) {                                                                 \
            if (in_ci()) FAIL() << p << " is not installed (.ci/install-deps test)";    \
            GTEST_SKIP() << p << " is not installed";                                   \
        }                                                                               \
    } while (0)

std::string example(const std::string& rel) { return q(source_dir() / "examples" / rel); }

// A real audit of the example site; extra options choose the signing key.
RunResult audit(const std::filesystem::path& out, const std::string& signing, const std::string& env = {}) {
    return run(env + " " + vcaudit() + " audit --site " + example("site.yaml") + " --pcap " +
               example("captures/tls13-openssl.pcap") + " " + signing + " --out " + q(out) + " </dev/null");
}

bool audit_ok(const RunResult& r) { return r.code == 0 || r.code == 1 || r.code == 4; }

std::string stock_verify(const std::filesystem::path& out, const std::filesystem::path& ca) {
    return "openssl cms -verify -binary -inform PEM -in " + q(out / "manifest.json.p7s") + " -content " +
           q(out / "manifest.json") + " -CAfile " + q(ca) + " -out /dev/null";
}

struct SigningCli : ::testing::Test {
    TempDir tmp;
    Pki pki{tmp.path};
    void SetUp() override {
        REQUIRE_PROGRAM("openssl");
        ASSERT_TRUE(pki.make_root("root"));
    }
};

TEST_F(SigningCli, Pkcs12WithChainSignsAndVerifiesAgainstTheRoot) {
    ASSERT_TRUE(pki.issue("root", "inter", sign::test::kCaExt));
    ASSERT_TRUE(pki.issue("inter", "official", sign::test::kSignerExt));
    sign::test::write_file(tmp.path / "pass.txt", kPass + "\n");
    const auto p12 = tmp.path / "official.p12";
    ASSERT_EQ(run("openssl pkcs12 -export -inkey " + q(pki.key("official")) + " -in " + q(pki.cert("official")) +
                  " -certfile " + q(pki.cert("inter")) + " -passout file:" + q(tmp.path / "pass.txt") + " -out " +
                  q(p12)).code, 0);

    const auto out = tmp.path / "report";
    auto r = audit(out, "--p12 " + q(p12), "VCAUDIT_KEY_PASS=" + kPass);
    ASSERT_TRUE(audit_ok(r)) << r.out;
    EXPECT_EQ(r.out.find(kPass), std::string::npos) << "the passphrase was printed";
    auto v = run(vcaudit() + " verify " + q(out) + " --ca " + q(pki.cert("root")));
    EXPECT_EQ(v.code, 0) << v.out;
    EXPECT_NE(v.out.find("signer: O=vcaudit test,CN=official (certificate SHA-256 "), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("), trusted\n"), std::string::npos) << v.out;
    EXPECT_EQ(run(stock_verify(out, pki.cert("root"))).code, 0);
    // signer-cert.pem is the signer's own certificate, from the .p12.
    EXPECT_EQ(slurp(out / "signer-cert.pem"), slurp(pki.cert("official")));

    // The same with the passphrase in a file.
    auto r2 = audit(tmp.path / "report2", "--p12 " + q(p12) + " --key-pass-file " + q(tmp.path / "pass.txt"));
    EXPECT_TRUE(audit_ok(r2)) << r2.out;
}

TEST_F(SigningCli, Pkcs12WrongPassphraseIsOneLineAndLeavesNothing) {
    ASSERT_TRUE(pki.issue("root", "official", sign::test::kSignerExt));
    sign::test::write_file(tmp.path / "pass.txt", kPass + "\n");
    const auto p12 = tmp.path / "official.p12";
    ASSERT_EQ(run("openssl pkcs12 -export -inkey " + q(pki.key("official")) + " -in " + q(pki.cert("official")) +
                  " -passout file:" + q(tmp.path / "pass.txt") + " -out " + q(p12)).code, 0);
    const auto out = tmp.path / "report";
    auto r = audit(out, "--p12 " + q(p12), "VCAUDIT_KEY_PASS=not-" + kPass);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("error E402: " + p12.string() + ": cannot open the PKCS#12 file (wrong passphrase?)"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find(kPass), std::string::npos) << "the passphrase was printed";
    EXPECT_FALSE(std::filesystem::exists(out));

    // No passphrase at all, and no terminal to ask on.
    auto none = audit(out, "--p12 " + q(p12));
    EXPECT_EQ(none.code, 2);
    EXPECT_NE(none.out.find("E402"), std::string::npos) << none.out;
    EXPECT_FALSE(std::filesystem::exists(out));
}

// One audit per kind of signer certificate, each verified against the root.
TEST_F(SigningCli, CaBundleVerificationNamesEachProblem) {
    ASSERT_TRUE(pki.make_root("other"));
    ASSERT_TRUE(pki.issue("root", "good", sign::test::kSignerExt));
    ASSERT_TRUE(pki.issue("root", "expired", sign::test::kSignerExt, "20200101000000Z", "20210101000000Z"));
    ASSERT_TRUE(pki.issue("root", "future", sign::test::kSignerExt, "20400101000000Z", "20410101000000Z"));
    ASSERT_TRUE(pki.issue("root", "webserver", sign::test::kTlsServerExt));
    ASSERT_TRUE(pki.issue("other", "stranger", sign::test::kSignerExt));
    ASSERT_TRUE(pki.bundle(tmp.path / "bundle.pem", {"other", "root"}));
    ASSERT_TRUE(pki.bundle(tmp.path / "root-only.pem", {"root"}));

    struct Case {
        std::string signer, line;
    };
    const std::vector<Case> cases = {
        {"good", ""},
        {"expired", "EXPIRED signer: certificate expired: the signer's certificate O=vcaudit test,CN=expired was "
                    "valid until 2021-01-01T00:00:00Z, checked now"},
        {"future", "NOT-YET-VALID signer: certificate not yet valid: the signer's certificate O=vcaudit test,CN=future "
                   "is valid only from 2040-01-01T00:00:00Z"},
        {"webserver", "KEY-USAGE signer: certificate not for signing documents"},
        {"stranger", "UNTRUSTED signer: untrusted: the signer's certificate O=vcaudit test,CN=stranger does not "
                     "chain to the given trust anchors"},
    };
    for (const auto& c : cases) {
        const auto out = tmp.path / ("report-" + c.signer);
        auto r = audit(out, "--key " + q(pki.key(c.signer)) + " --cert " + q(pki.cert(c.signer)));
        ASSERT_TRUE(audit_ok(r)) << c.signer << ": " << r.out;
        const auto anchors = c.signer == "good" ? tmp.path / "bundle.pem" : tmp.path / "root-only.pem";
        auto v = run(vcaudit() + " verify " + q(out) + " --ca " + q(anchors));
        if (c.line.empty()) {
            EXPECT_EQ(v.code, 0) << v.out;
            EXPECT_NE(v.out.find(", trusted"), std::string::npos) << v.out;
        } else {
            EXPECT_EQ(v.code, 3) << c.signer << ": " << v.out;
            EXPECT_NE(v.out.find(c.line), std::string::npos) << c.signer << ": " << v.out;
            EXPECT_NE(v.out.find(", NOT trusted"), std::string::npos) << v.out;
        }
        // --trust keeps working the same way.
        auto t = run(vcaudit() + " verify " + q(out) + " --trust " + q(anchors));
        EXPECT_EQ(t.code, c.line.empty() ? 0 : 3) << t.out;
    }

    // The certificate inside manifest.json.p7s swapped for another one.
    const auto out = tmp.path / "report-good";
    std::filesystem::remove(out / "manifest.json.p7s");
    ASSERT_EQ(run("openssl cms -sign -binary -md sha256 -nocerts -in " + q(out / "manifest.json") + " -signer " +
                  q(pki.cert("good")) + " -inkey " + q(pki.key("good")) + " -certfile " + q(pki.cert("expired")) +
                  " -outform PEM -out " + q(out / "manifest.json.p7s")).code, 0);
    auto v = run(vcaudit() + " verify " + q(out) + " --ca " + q(tmp.path / "bundle.pem"));
    EXPECT_EQ(v.code, 3) << v.out;
    EXPECT_NE(v.out.find("CERT-MISMATCH manifest.json.p7s: no certificate in the signature belongs to its signer"),
              std::string::npos)
        << v.out;
}

// SoftHSM2 token made in a temporary folder; key and certificate imported.
struct TokenCli : SigningCli {
    std::string env;  // SOFTHSM2_CONF=...
    std::filesystem::path module;
    void SetUp() override {
        SigningCli::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        REQUIRE_PROGRAM("softhsm2-util");
        REQUIRE_PROGRAM("pkcs11-tool");
        for (const char* m : {"/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                              "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib/softhsm/libsofthsm2.so"})
            if (std::filesystem::exists(m)) {
                module = m;
                break;
            }
        ASSERT_FALSE(module.empty()) << "no libsofthsm2.so (package softhsm2)";
        std::filesystem::create_directory(tmp.path / "tokens");
        sign::test::write_file(tmp.path / "softhsm2.conf",
                               "directories.tokendir = " + (tmp.path / "tokens").string() +
                                   "\nobjectstore.backend = file\nlog.level = ERROR\n");
        env = "SOFTHSM2_CONF=" + q(tmp.path / "softhsm2.conf");
        ASSERT_TRUE(pki.issue("root", "token-signer", sign::test::kSignerExt));
        // Test-token set-up only: these tools take the PIN as an argument.
        ASSERT_EQ(run(env + " softhsm2-util --init-token --free --label vca-it --pin " + kPin +
                      " --so-pin so-pin-123456").code, 0);
        ASSERT_EQ(run(env + " softhsm2-util --import " + q(pki.key("token-signer")) +
                      " --token vca-it --label official --id 01 --pin " + kPin).code, 0);
        ASSERT_EQ(run(env + " pkcs11-tool --module " + q(module) + " --token-label vca-it --login --pin " + kPin +
                      " --write-object " + q(pki.cert("token-signer")) + " --type cert --id 01 --label official")
                      .code, 0);
    }
};

TEST_F(TokenCli, TokenSignsAnAuditThatVcauditAndStockOpensslVerify) {
    const auto out = tmp.path / "report";
    auto r = audit(out, "--pkcs11-uri 'pkcs11:token=vca-it;object=official' --pkcs11-module " + q(module),
                   env + " VCAUDIT_PKCS11_PIN=" + kPin);
    ASSERT_TRUE(audit_ok(r)) << r.out;
    EXPECT_EQ(r.out.find(kPin), std::string::npos) << "the PIN was printed";
    auto v = run(vcaudit() + " verify " + q(out) + " --ca " + q(pki.cert("root")));
    EXPECT_EQ(v.code, 0) << v.out;
    EXPECT_NE(v.out.find("signer: O=vcaudit test,CN=token-signer (certificate SHA-256 "), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("), trusted\n"), std::string::npos) << v.out;
    EXPECT_EQ(run(stock_verify(out, pki.cert("root"))).code, 0);
    EXPECT_EQ(slurp(out / "signer-cert.pem"), slurp(pki.cert("token-signer")));
}

TEST_F(TokenCli, WrongPinIsOneClearLineAndLeavesNothing) {
    sign::test::write_file(tmp.path / "pin.txt", kWrongPin + "\n");
    const auto out = tmp.path / "report";
    // Default module: p11-kit's proxy, which reaches SoftHSM2 through its registration.
    auto r = audit(out, "--pkcs11-uri 'pkcs11:token=vca-it;object=official' --pin-file " + q(tmp.path / "pin.txt"),
                   env);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("error E416: pkcs11:token=vca-it;object=official: the token refused the PIN"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find(kWrongPin), std::string::npos) << "the PIN was printed";
    EXPECT_FALSE(std::filesystem::exists(out));

    auto missing = audit(out, "--pkcs11-uri 'pkcs11:token=vca-it;object=nobody' --pkcs11-module " + q(module),
                         env + " VCAUDIT_PKCS11_PIN=" + kPin);
    EXPECT_EQ(missing.code, 2) << missing.out;
    EXPECT_NE(missing.out.find("E417"), std::string::npos) << missing.out;

    auto pin_in_uri = audit(out, "--pkcs11-uri 'pkcs11:token=vca-it;object=official;pin-value=" + kWrongPin + "'", env);
    EXPECT_EQ(pin_in_uri.code, 2);
    EXPECT_EQ(pin_in_uri.out.find(kWrongPin), std::string::npos) << "the PIN was printed";
    EXPECT_FALSE(std::filesystem::exists(out));
}

// A local TSA: tsa_server.py answers with `openssl ts -reply`.
TEST_F(SigningCli, TimestampFromALocalTsaIsCheckedByVerify) {
    REQUIRE_PROGRAM("python3");
    ASSERT_TRUE(pki.issue("root", "tsa", sign::test::kTsaExt));
    ASSERT_TRUE(pki.issue("root", "official", sign::test::kSignerExt));
    const auto port_file = tmp.path / "port";
    const auto pid_file = tmp.path / "pid";
    ASSERT_EQ(run("python3 " + q(source_dir() / "tests/integration/signing/tsa_server.py") + " --config " +
                  q(pki.tsa_config("tsa")) + " --port-file " + q(port_file) +
                  " --max-requests 3 --lifetime 120 >/dev/null 2>&1 & echo $! > " + q(pid_file)).code, 0);
    for (int i = 0; i < 100 && !std::filesystem::exists(port_file); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(std::filesystem::exists(port_file)) << "the TSA did not start";
    const std::string url = "http://127.0.0.1:" + slurp(port_file) + "/tsa";

    const auto out = tmp.path / "report";
    auto r = audit(out, "--key " + q(pki.key("official")) + " --cert " + q(pki.cert("official")) + " --tsa-url " + url);
    const int pid = std::atoi(slurp(pid_file).c_str());
    ASSERT_TRUE(audit_ok(r)) << r.out;
    ASSERT_TRUE(std::filesystem::exists(out / "manifest.json.tsr"));
    auto v = run(vcaudit() + " verify " + q(out) + " --ca " + q(pki.cert("root")));
    EXPECT_EQ(v.code, 0) << v.out;
    EXPECT_NE(v.out.find("ok       manifest.json.tsr: timestamp at "), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("by O=vcaudit test,CN=tsa, TSA trusted"), std::string::npos) << v.out;
    // Stock OpenSSL is still happy with the .p7s: the token lives beside it.
    EXPECT_EQ(run(stock_verify(out, pki.cert("root"))).code, 0);

    // A TSA outside the anchors is reported, and so is a token for another signature.
    ASSERT_TRUE(pki.make_root("other"));
    auto wrong_tsa = run(vcaudit() + " verify " + q(out) + " --ca " + q(pki.cert("root")) + " --tsa-ca " +
                         q(pki.cert("other")));
    EXPECT_EQ(wrong_tsa.code, 3) << wrong_tsa.out;
    EXPECT_NE(wrong_tsa.out.find("MISMATCH manifest.json.tsr: the timestamp does not hold"), std::string::npos)
        << wrong_tsa.out;
    const auto out2 = tmp.path / "report2";
    auto r2 = audit(out2, "--key " + q(pki.key("official")) + " --cert " + q(pki.cert("official")) + " --tsa-url " + url);
    ASSERT_TRUE(audit_ok(r2)) << r2.out;
    std::filesystem::copy_file(out / "manifest.json.tsr", out2 / "manifest.json.tsr",
                               std::filesystem::copy_options::overwrite_existing);
    auto swapped = run(vcaudit() + " verify " + q(out2) + " --ca " + q(pki.cert("root")));
    EXPECT_EQ(swapped.code, 3) << swapped.out;
    if (pid > 0) ::kill(pid, SIGTERM);  // the server we started; it also stops by itself

    // No TSA listening: the audit fails with one line and leaves nothing.
    const auto out3 = tmp.path / "report3";
    auto down = audit(out3, "--key " + q(pki.key("official")) + " --cert " + q(pki.cert("official")) +
                                " --tsa-url http://127.0.0.1:1/tsa");
    EXPECT_EQ(down.code, 2) << down.out;
    EXPECT_NE(down.out.find("error E419: http://127.0.0.1:1/tsa: timestamp authority: cannot connect"),
              std::string::npos)
        << down.out;
    EXPECT_FALSE(std::filesystem::exists(out3));
}

}  // namespace
}  // namespace vca::test
