// Bad input gets one clear error line, a non-zero exit and no report;
// damaged data inside a good capture is analysed up to the damage.
#include <gtest/gtest.h>

#include "cli_support.hpp"

namespace vca::test {
namespace {

std::filesystem::path example(const char* name) { return source_dir() / "examples" / "captures" / name; }

int error_lines(const std::string& out) {
    int n = 0;
    for (std::size_t pos = out.find("error "); pos != std::string::npos; pos = out.find("error ", pos + 1)) ++n;
    return n;
}

TEST(BadInput, TextFileAsPcap) {
    TempDir tmp;
    std::ofstream(tmp.path / "notes.txt") << "this is not a capture\n";
    RunResult r = run(vcaudit() + " audit --level 3 --pcap " + q(tmp.path / "notes.txt") + " --out " + q(tmp.path / "r"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("error E103"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("notes.txt: not a pcap or pcapng capture"), std::string::npos) << r.out;
    EXPECT_EQ(error_lines(r.out), 1) << r.out;
    EXPECT_FALSE(std::filesystem::exists(tmp.path / "r"));
    for (const auto& e : std::filesystem::directory_iterator(tmp.path))  // no staging folder left behind
        EXPECT_EQ(e.path().filename().string().find(".r.partial"), std::string::npos) << e.path();
}

TEST(BadInput, MissingFile) {
    TempDir tmp;
    RunResult r = run(vcaudit() + " audit --level 3 --pcap " + q(tmp.path / "nope.pcap") + " --out " + q(tmp.path / "r"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("error E101"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nope.pcap: no such file"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(tmp.path / "r"));
}

// A pcap whose header declares IEEE 802.11 radiotap (DLT 127): a real file
// format we do not decode. Only the header matters for this test.
TEST(BadInput, UnknownLinkType) {
    TempDir tmp;
    std::string cap = slurp(example("tls13-openssl.pcap"));
    ASSERT_GE(cap.size(), 24u);
    bool little = static_cast<unsigned char>(cap[0]) == 0xd4;
    cap[little ? 20 : 23] = static_cast<char>(127);
    std::ofstream(tmp.path / "wifi.pcap", std::ios::binary) << cap;
    RunResult r = run(vcaudit() + " audit --level 3 --pcap " + q(tmp.path / "wifi.pcap") + " --out " + q(tmp.path / "r"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("error E105"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("is not supported"), std::string::npos) << r.out;
    EXPECT_EQ(error_lines(r.out), 1) << r.out;
    EXPECT_FALSE(std::filesystem::exists(tmp.path / "r"));
}

TEST(BadInput, BrokenSitePolicyNamesTheLine) {
    TempDir tmp;
    std::ofstream(tmp.path / "site.yaml") << "name: x\nallowed_networks: [10.0.0.0/8\nlevel: 3\n";
    RunResult r = run(vcaudit() + " audit --site " + q(tmp.path / "site.yaml") + " --pcap " + q(example("tls13-openssl.pcap")) +
                " --out " + q(tmp.path / "r"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("site.yaml:"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(tmp.path / "r"));
}

TEST(BadInput, NoLevel) {
    TempDir tmp;
    RunResult r = run(vcaudit() + " audit --pcap " + q(example("tls13-openssl.pcap")) + " --out " + q(tmp.path / "r"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("E210"), std::string::npos) << r.out;
}

TEST(BadInput, ZeroThreads) {
    TempDir tmp;
    RunResult r = run(vcaudit() + " audit --level 3 --threads 0 --pcap " + q(example("tls13-openssl.pcap")) + " --out " +
                      q(tmp.path / "r"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("error E211: --threads must be 1..64"), std::string::npos) << r.out;
    EXPECT_EQ(error_lines(r.out), 1) << r.out;
    EXPECT_FALSE(std::filesystem::exists(tmp.path / "r"));
}

TEST(BadInput, WrongKeyPassphraseNeverPrinted) {
    TempDir tmp;
    auto key = tmp.path / "enc.pem";
    RunResult g = run("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes256 -pass pass:Correct-Staple-9 -out " +
                q(key) + " && openssl req -new -x509 -key " + q(key) + " -passin pass:Correct-Staple-9 -subj /CN=t -days 2 -out " +
                q(tmp.path / "cert.pem"));
    ASSERT_EQ(g.code, 0) << g.out;
    std::ofstream(tmp.path / "pass.txt") << "Wrong-Guess-1\n";
    RunResult r = run(vcaudit() + " audit --level 3 --pcap " + q(example("tls13-openssl.pcap")) + " --out " + q(tmp.path / "r") +
                " --key " + q(key) + " --cert " + q(tmp.path / "cert.pem") + " --key-pass-file " + q(tmp.path / "pass.txt"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("E402"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Wrong-Guess-1"), std::string::npos);
    EXPECT_EQ(r.out.find("Correct-Staple-9"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(tmp.path / "r"));

    std::ofstream(tmp.path / "pass.txt", std::ios::trunc) << "Correct-Staple-9\n";
    RunResult ok = run(vcaudit() + " audit --level 3 --pcap " + q(example("tls13-openssl.pcap")) + " --out " + q(tmp.path / "r") +
                 " --key " + q(key) + " --cert " + q(tmp.path / "cert.pem") + " --key-pass-file " + q(tmp.path / "pass.txt"));
    EXPECT_NE(ok.code, 2) << ok.out;
    EXPECT_TRUE(std::filesystem::exists(tmp.path / "r" / "manifest.json.p7s"));
}

TEST(BadInput, RefusesANonEmptyOutputFolder) {
    TempDir tmp;
    std::filesystem::create_directories(tmp.path / "r");
    std::ofstream(tmp.path / "r" / "keep.txt") << "earlier work";
    RunResult r = run(vcaudit() + " audit --level 3 --pcap " + q(example("tls13-openssl.pcap")) + " --out " + q(tmp.path / "r"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("E131"), std::string::npos) << r.out;
    EXPECT_EQ(slurp(tmp.path / "r" / "keep.txt"), "earlier work");
}

TEST(BadInput, UnknownOptionIsAUsageError) {
    RunResult r = run(vcaudit() + " audit --frobnicate");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("error E001"), std::string::npos) << r.out;
}

// The usual state of a capture whose tcpdump was killed: the last record is
// cut in the middle. Everything before the cut is analysed and the gap shown.
TEST(DamagedInput, CaptureCutInsideAPacket) {
    TempDir tmp;
    std::string cap = slurp(example("tls10-openssl.pcap"));
    // Cut 20 bytes into the last record's data (its 16-byte header is intact).
    std::size_t off = 24, last = 24;
    bool little = static_cast<unsigned char>(cap[0]) == 0xd4;
    while (off + 16 <= cap.size()) {
        auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(cap[i])); };
        std::uint32_t incl = little ? (b(off + 8) | b(off + 9) << 8 | b(off + 10) << 16 | b(off + 11) << 24)
                                    : (b(off + 8) << 24 | b(off + 9) << 16 | b(off + 10) << 8 | b(off + 11));
        last = off;
        off += 16 + incl;
    }
    cap.resize(last + 16 + 20);
    std::ofstream(tmp.path / "cut.pcap", std::ios::binary) << cap;
    RunResult r = run(vcaudit() + " audit --level 3 --pcap " + q(tmp.path / "cut.pcap") + " --out " + q(tmp.path / "r"));
    EXPECT_EQ(r.code, 1) << r.out;  // still a TLS 1.0 failure, found before the cut
    EXPECT_NE(r.out.find("warning: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cut short"), std::string::npos) << r.out;
    auto report = read_json(tmp.path / "r" / "report.json");
    EXPECT_EQ(report["inputs"][0]["complete"], false);
    bool found = false;
    for (const auto& a : report["anomalies"]) found = found || a["name"] == "capture_truncated";
    EXPECT_TRUE(found) << report["anomalies"].dump();
    EXPECT_EQ(rule_status(report, "VC-TLS-001"), "fail");
    EXPECT_NE(slurp(tmp.path / "r" / "report.html").find("capture_truncated"), std::string::npos);
}

}  // namespace
}  // namespace vca::test
