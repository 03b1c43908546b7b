// End to end: the example captures (made by real programs on loopback) are
// audited by the real binary, the signed report is checked by vcaudit verify
// and by stock `openssl cms -verify`, and tampering is caught by name.
#include <gtest/gtest.h>

#include "cli_support.hpp"

namespace vca::test {
namespace {

class ExampleAudit : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new TempDir();
        key_ = tmp_->path / "key.pem";
        cert_ = tmp_->path / "cert.pem";
        RunResult k = run(vcaudit() + " keys init --key " + q(key_) + " --cert " + q(cert_) + " --cn 'vcaudit test signer'");
        ASSERT_EQ(k.code, 0) << k.out;
        out_ = tmp_->path / "report";
        auto caps = source_dir() / "examples" / "captures";
        result_ = run(vcaudit() + " audit --site " + q(source_dir() / "examples" / "site.yaml") + " --pcap " +
                      q(caps / "tls10-openssl.pcap") + " --pcap " + q(caps / "tls13-openssl.pcap") + " --pcap " +
                      q(caps / "sip-udp-sipp.pcap") + " --pcap " + q(caps / "sip-udp-sdes.pcap") + " --out " +
                      q(out_) + " --key " + q(key_) + " --cert " + q(cert_));
    }
    static void TearDownTestSuite() { delete tmp_; }

    static TempDir* tmp_;
    static std::filesystem::path key_, cert_, out_;
    static RunResult result_;
};

TempDir* ExampleAudit::tmp_ = nullptr;
std::filesystem::path ExampleAudit::key_, ExampleAudit::cert_, ExampleAudit::out_;
RunResult ExampleAudit::result_;

TEST_F(ExampleAudit, ExitsWithTheFindingsCodeAndSaysWhereTheReportIs) {
    EXPECT_EQ(result_.code, 1) << result_.out;
    EXPECT_NE(result_.out.find("signed report: "), std::string::npos) << result_.out;
    for (const char* f : {"evidence.db", "report.json", "report.html", "manifest.json", "manifest.json.p7s"})
        EXPECT_TRUE(std::filesystem::exists(out_ / f)) << f;
}

TEST_F(ExampleAudit, StagesAreTimedOnlyWhenAsked) {
    EXPECT_EQ(result_.out.find("timing: "), std::string::npos) << result_.out;
    TempDir tmp;
    auto caps = source_dir() / "examples" / "captures";
    RunResult r = run(vcaudit() + " audit --level 3 --timings --pcap " + q(caps / "tls13-openssl.pcap") + " --pcap " +
                      q(caps / "sip-udp-sipp.pcap") + " --out " + q(tmp.path / "r") + " --key " + q(key_) +
                      " --cert " + q(cert_));
    ASSERT_LE(r.code, 1) << r.out;
    // Each stage once, in the order the audit runs them, every capture hashed
    // before it is analysed.
    std::size_t at = 0;
    const std::string tls = (caps / "tls13-openssl.pcap").string(), sip = (caps / "sip-udp-sipp.pcap").string();
    for (const std::string& stage : std::vector<std::string>{"checks and set-up", "hash " + tls, "analyse " + tls, "hash " + sip,
                                                             "analyse " + sip, "rules and questionnaire", "report model",
                                                             "report.json", "custody, manifest, signature"}) {
        std::size_t found = r.out.find(" MiB: " + stage + "\n", at);
        ASSERT_NE(found, std::string::npos) << stage << "\n" << r.out;
        const std::size_t line = r.out.rfind("timing: ", found);
        ASSERT_NE(line, std::string::npos);
        EXPECT_GE(std::stod(r.out.substr(line + 8)), 0.0) << r.out.substr(line, found - line);
        at = found;
    }
}

TEST_F(ExampleAudit, ExpectedRuleStatuses) {
    auto report = read_json(out_ / "report.json");
    EXPECT_EQ(report["site"]["level"], 3);
    EXPECT_EQ(report["summary"]["verdict"], "fail");
    EXPECT_EQ(rule_status(report, "VC-TLS-001"), "fail");     // TLS 1.0 capture
    EXPECT_EQ(rule_status(report, "VC-TLS-002"), "fail");     // ECDHE-RSA-AES128-SHA (CBC-SHA1)
    EXPECT_EQ(rule_status(report, "VC-SIP-001"), "fail");     // SIP over UDP
    EXPECT_EQ(rule_status(report, "VC-MEDIA-001"), "fail");   // sipp offers RTP/AVP
    EXPECT_EQ(rule_status(report, "VC-SIP-002"), "fail");     // a=crypto over UDP
    EXPECT_EQ(rule_status(report, "VC-NET-001"), "pass");     // all loopback, allowed by the site
    // The TLS 1.3 session must not be among the TLS-version violations.
    for (const auto& a : report["assessments"])
        if (a["rule_id"] == "VC-TLS-001") {
            EXPECT_EQ(a["findings"].size(), 1u);
        }
    int captures = 0;
    for (const auto& in : report["inputs"]) {
        EXPECT_EQ(in["sha256"].get<std::string>().size(), 64u);
        captures += in["kind"] == "pcap";
    }
    EXPECT_EQ(captures, 4);  // plus the site policy, the attestations file and its documents
}

TEST_F(ExampleAudit, HtmlIsSelfContainedAndVietnameseFirst) {
    std::string html = slurp(out_ / "report.html");
    EXPECT_NE(html.find("<html lang=\"vi\">"), std::string::npos);
    EXPECT_NE(html.find("KHÔNG ĐẠT"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("http://"), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
}

// The SDES capture carries a real (throwaway) SRTP master key in its INVITE.
// vcaudit records that a key was exposed, never the key itself.
TEST_F(ExampleAudit, SrtpKeyNeverReachesAnyOutput) {
    std::string cap = slurp(source_dir() / "examples" / "captures" / "sip-udp-sdes.pcap");
    std::size_t at = cap.find("inline:");
    ASSERT_NE(at, std::string::npos);
    std::size_t end = cap.find_first_of("|\r\n", at + 7);
    std::string key = cap.substr(at + 7, end - (at + 7));
    ASSERT_GE(key.size(), 30u);
    for (const auto& e : std::filesystem::recursive_directory_iterator(out_)) {
        if (!e.is_regular_file()) continue;
        EXPECT_EQ(slurp(e.path()).find(key), std::string::npos) << e.path();
        EXPECT_EQ(slurp(e.path()).find(key.substr(0, 16)), std::string::npos) << e.path();
    }
    auto report = read_json(out_ / "report.json");
    EXPECT_EQ(rule_status(report, "VC-SIP-002"), "fail");
}

TEST_F(ExampleAudit, VerifyAcceptsTheUntouchedFolder) {
    RunResult v = run(vcaudit() + " verify " + q(out_) + " --trust " + q(cert_));
    EXPECT_EQ(v.code, 0) << v.out;
    EXPECT_NE(v.out.find("trusted"), std::string::npos);
}

TEST_F(ExampleAudit, StockOpensslAcceptsTheSignature) {
    RunResult v = run("openssl cms -verify -binary -inform PEM -in " + q(out_ / "manifest.json.p7s") + " -content " +
                q(out_ / "manifest.json") + " -CAfile " + q(cert_) + " -out /dev/null");
    EXPECT_EQ(v.code, 0) << v.out;
}

TEST_F(ExampleAudit, OneChangedByteOfTheReportIsNamed) {
    TempDir copy;
    std::filesystem::copy(out_, copy.path / "r", std::filesystem::copy_options::recursive);
    std::string text = slurp(copy.path / "r" / "report.json");
    text[text.size() / 2] = static_cast<char>(text[text.size() / 2] ^ 0x01);
    std::ofstream(copy.path / "r" / "report.json", std::ios::binary | std::ios::trunc) << text;
    RunResult v = run(vcaudit() + " verify " + q(copy.path / "r"));
    EXPECT_EQ(v.code, 3) << v.out;
    EXPECT_NE(v.out.find("MISMATCH report.json"), std::string::npos) << v.out;
}

TEST_F(ExampleAudit, ChangedManifestBreaksTheSignature) {
    TempDir copy;
    std::filesystem::copy(out_, copy.path / "r", std::filesystem::copy_options::recursive);
    std::string text = slurp(copy.path / "r" / "manifest.json");
    text.insert(text.find('{') + 1, " ");
    std::ofstream(copy.path / "r" / "manifest.json", std::ios::binary | std::ios::trunc) << text;
    RunResult v = run(vcaudit() + " verify " + q(copy.path / "r"));
    EXPECT_EQ(v.code, 3) << v.out;
    EXPECT_NE(v.out.find("signature does not verify"), std::string::npos) << v.out;
}

// The same captures judged at level 2 and level 3 give different profiles:
// confidentiality of communications (APP-05) is a heading only from level 3,
// and at level 2 cleartext SIP is advice, not a failure.
TEST(LevelProfiles, LevelTwoAndThreeDiffer) {
    TempDir tmp;
    auto caps = source_dir() / "examples" / "captures";
    std::string inputs = " --site " + q(source_dir() / "examples" / "site.yaml") + " --pcap " +
                         q(caps / "sip-udp-sipp.pcap") + " --pcap " + q(caps / "tls13-openssl.pcap");
    RunResult l2 = run(vcaudit() + " audit --level 2" + inputs + " --out " + q(tmp.path / "l2"));
    RunResult l3 = run(vcaudit() + " audit --level 3 --regime current" + inputs + " --out " + q(tmp.path / "l3"));
    ASSERT_TRUE(std::filesystem::exists(tmp.path / "l2" / "report.json")) << l2.out;
    ASSERT_TRUE(std::filesystem::exists(tmp.path / "l3" / "report.json")) << l3.out;
    auto r2 = read_json(tmp.path / "l2" / "report.json");
    auto r3 = read_json(tmp.path / "l3" / "report.json");
    auto heading = [](const nlohmann::json& r, const std::string& id) -> nlohmann::json {
        for (const auto& h : r["headings"])
            if (h["id"] == id) return h;
        return nullptr;
    };
    EXPECT_TRUE(heading(r2, "APP-05").is_null());
    ASSERT_FALSE(heading(r3, "APP-05").is_null());
    EXPECT_EQ(heading(r3, "APP-05")["clause"], "7.2.3.4");
    EXPECT_EQ(heading(r3, "APP-05")["status"], "fail");
    EXPECT_NE(heading(r3, "APP-05")["current"].get<std::string>().find("331/2026"), std::string::npos);
    EXPECT_EQ(heading(r2, "NET-03")["clause"], "6.2.1.4");
    EXPECT_EQ(heading(r3, "NET-03")["clause"], "7.2.1.4");
    EXPECT_GT(r2["summary"]["advisory"].get<int>(), 0);  // cleartext SIP and RTP/AVP are advice at level 2
    EXPECT_EQ(r3["summary"]["advisory"].get<int>(), 0);
    EXPECT_EQ(rule_status(r3, "VC-SIP-001"), "fail");
    EXPECT_EQ(r3["site"]["regime"], "current");
    EXPECT_EQ(r2["headings"].size() < r3["headings"].size(), true);
    // The attestations file and its documents are hashed inputs.
    int attested = 0;
    for (const auto& in : r3["inputs"]) attested += in["kind"] == "attestation" || in["kind"] == "file";
    EXPECT_GT(attested, 1);
    EXPECT_GT(r3["controls"].size(), 10u);
}

TEST(InputTamper, OneChangedByteOfAnInputIsNamed) {
    TempDir tmp;
    auto cap = tmp.path / "capture.pcap";
    std::filesystem::copy_file(source_dir() / "examples" / "captures" / "tls13-openssl.pcap", cap);
    RunResult a = run(vcaudit() + " audit --level 3 --pcap " + q(cap) + " --out " + q(tmp.path / "r") +
                " 2>/dev/null; true");
    ASSERT_TRUE(std::filesystem::exists(tmp.path / "r" / "manifest.json.p7s")) << a.out;
    std::string bytes = slurp(cap);
    bytes[bytes.size() - 3] = static_cast<char>(bytes[bytes.size() - 3] ^ 0x40);
    std::filesystem::permissions(cap, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
    std::ofstream(cap, std::ios::binary | std::ios::trunc) << bytes;
    RunResult v = run(vcaudit() + " verify " + q(tmp.path / "r"));
    EXPECT_EQ(v.code, 3) << v.out;
    EXPECT_NE(v.out.find("MISMATCH input"), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("capture.pcap"), std::string::npos) << v.out;
}

TEST(StandardInput, CaptureFromStdinIsKeptAndSigned) {
    TempDir tmp;
    RunResult a = run("cat " + q(source_dir() / "examples" / "captures" / "sip-udp-sipp.pcap") + " | " + vcaudit() +
                " audit --level 3 --pcap - --out " + q(tmp.path / "r"));
    EXPECT_EQ(a.code, 1) << a.out;  // cleartext SIP fails at level 3
    EXPECT_TRUE(std::filesystem::exists(tmp.path / "r" / "inputs" / "stdin.pcap"));
    RunResult v = run(vcaudit() + " verify " + q(tmp.path / "r"));
    EXPECT_EQ(v.code, 0) << v.out;
    auto report = read_json(tmp.path / "r" / "report.json");
    EXPECT_EQ(report["inputs"][0]["path"], "-");
}

TEST(Levels, LevelSelectsRules) {
    RunResult l1 = run(vcaudit() + " rules list --level 1");
    RunResult l3 = run(vcaudit() + " rules list --level 3");
    EXPECT_EQ(l1.code, 0);
    EXPECT_EQ(l1.out.find("VC-SIP-001"), std::string::npos) << l1.out;  // SIP-TLS is not a level-1 rule
    EXPECT_NE(l3.out.find("VC-SIP-001"), std::string::npos) << l3.out;
    EXPECT_NE(l3.out.find("7.2.3.4"), std::string::npos);  // level-3 clause id
}

TEST(Schema, PrintsTheContractTables) {
    RunResult s = run(vcaudit() + " schema");
    EXPECT_EQ(s.code, 0);
    for (const char* t : {"inputs", "anomalies", "flows", "tls_sessions", "sip_messages", "sdp_media", "findings"})
        EXPECT_NE(s.out.find(std::string("\n") + t + " — "), std::string::npos) << t;
}

}  // namespace
}  // namespace vca::test
