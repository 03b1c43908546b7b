// `vcaudit investigate` end to end on real captures: the signed folder
// verifies, the investigation files are sealed and in the custody ledger,
// and the evidence extract holds exactly the packets of the flows
// exfiltration.json names: tshark counts them in the extract and in the
// original capture. Expected values come from tshark, never from vcaudit.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "../integration/cli_support.hpp"

namespace vca::test {
namespace {

const std::filesystem::path& shared_dir() {
    static const std::filesystem::path p = VCA_SHARED_DIR;
    return p;
}

bool in_ci() { return std::getenv("CI") != nullptr; }

bool have_tshark() { return run("tshark --version").code == 0; }

#define REQUIRE_TSHARK()                                                                   \
    do {                                                                                   \
        if (!have_tshark()) {                                                              \
            if (in_ci()) FAIL() << "tshark is missing (.ci/install-deps test installs it)"; \
            GTEST_SKIP() << "tshark not installed (not under CI)";                        \
        }                                                                                  \
    } while (0)

// Standard output only: tshark's warnings (running as root...) go to stderr.
std::string quiet(const std::string& cmd) { return "{ " + cmd + " 2>/dev/null; }"; }

// tshark's field output, one line per packet.
std::vector<std::string> tshark_lines(const std::filesystem::path& cap, const std::string& filter,
                                      const std::string& fields) {
    RunResult r = run(quiet("tshark -n -r " + q(cap) + (filter.empty() ? "" : " -Y " + q(filter)) + " -T fields " + fields));
    std::vector<std::string> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

std::size_t tshark_count(const std::filesystem::path& cap, const std::string& filter) {
    return tshark_lines(cap, filter, "-e frame.number").size();
}

// "proto a:p b:q" with the two ends in sorted order.
std::string tuple(const std::string& proto, const std::string& a, long pa, const std::string& b, long pb) {
    std::string x = a + ":" + std::to_string(pa), y = b + ":" + std::to_string(pb);
    return proto + " " + std::min(x, y) + " " + std::max(x, y);
}

// Conversations tshark sees in a capture (conv,udp and conv,tcp).
std::set<std::string> tshark_conversations(const std::filesystem::path& cap) {
    std::set<std::string> out;
    for (const char* proto : {"udp", "tcp"}) {
        RunResult r = run(quiet("tshark -n -r " + q(cap) + " -q -z conv," + proto));
        static const std::regex line(R"(^(\S+):(\d+)\s+<->\s+(\S+):(\d+)\s)");
        std::istringstream in(r.out);
        for (std::string l; std::getline(in, l);) {
            std::smatch m;
            if (std::regex_search(l, m, line))
                out.insert(tuple(proto, m[1], std::stol(m[2]), m[3], std::stol(m[4])));
        }
    }
    return out;
}

std::string flow_filter(const nlohmann::json& f) {
    std::string ip = f["src_ip"].get<std::string>().find(':') != std::string::npos ? "ipv6.addr" : "ip.addr";
    std::string t = f["transport"];
    return ip + "==" + f["src_ip"].get<std::string>() + " && " + ip + "==" + f["dst_ip"].get<std::string>() + " && " +
           t + ".port==" + std::to_string(f["src_port"].get<long>()) + " && " + t +
           ".port==" + std::to_string(f["dst_port"].get<long>());
}

std::vector<std::string> column(const std::filesystem::path& db, const std::string& sql) {
    std::vector<std::string> out;
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char* t = sqlite3_column_text(st, 0);
            out.emplace_back(t != nullptr ? reinterpret_cast<const char*>(t) : "");
        }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return out;
}

class Investigate : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = new TempDir();
        key_ = tmp_->path / "key.pem";
        cert_ = tmp_->path / "cert.pem";
        RunResult k = run(vcaudit() + " keys init --key " + q(key_) + " --cert " + q(cert_) + " --cn 'vcaudit test'");
        ASSERT_EQ(k.code, 0) << k.out;
    }
    static void TearDownTestSuite() { delete tmp_; }

    static RunResult investigate(const std::string& args, const std::filesystem::path& out) {
        return run(vcaudit() + " investigate " + args + " --out " + q(out) + " --key " + q(key_) + " --cert " + q(cert_));
    }

    // The SIP-over-TCP call of the public corpus (heplify): 10.33.6.100 calls
    // 10.33.6.101, RTP both ways on UDP 6000 <-> 6050.
    static std::filesystem::path sip_call() {
        return shared_dir() / "corpus" / "public" / "heplify" / "sip_ipv4_tcp.pcap";
    }

    // A site whose only allowed network is the caller's address: media the
    // caller sends to 10.33.6.101 counts as outside.
    static std::filesystem::path caller_only_site() {
        auto site = tmp_->path / "caller-only-site.yaml";
        if (!std::filesystem::exists(site)) {
            std::ofstream(site) << "name: \"investigation test site\"\nlevel: 1\nregime: legacy\n"
                                   "allowed_networks:\n  - 10.33.6.100/32\n";
        }
        return site;
    }

    // Checks the extract against tshark: the same conversations as the named
    // flows, and for each flow as many packets as tshark finds in the original.
    static void check_extract(const std::filesystem::path& out, const std::filesystem::path& original,
                              const std::string& extra_filter = "") {
        auto ex = read_json(out / "exfiltration.json");
        std::set<std::string> named;
        std::size_t expected_packets = 0;
        for (const auto& f : ex["evidence_flows"]) {
            named.insert(tuple(f["transport"], f["src_ip"], f["src_port"].get<long>(), f["dst_ip"],
                               f["dst_port"].get<long>()));
            std::string filter = flow_filter(f) + extra_filter;
            std::size_t in_original = tshark_count(original, filter);
            EXPECT_EQ(f["packets_extracted"].get<std::size_t>(), in_original) << filter;
            expected_packets += in_original;
        }
        auto extract = out / "evidence-extract.pcap";
        ASSERT_TRUE(std::filesystem::exists(extract));
        EXPECT_EQ(tshark_count(extract, ""), expected_packets);
        if (expected_packets > 0) {
            EXPECT_EQ(tshark_conversations(extract), named);
        }
        ASSERT_EQ(ex["evidence_extract"].size(), 1u);
        EXPECT_EQ(ex["evidence_extract"][0]["packets"].get<std::size_t>(), expected_packets);
    }

    static TempDir* tmp_;
    static std::filesystem::path key_, cert_;
};

TempDir* Investigate::tmp_ = nullptr;
std::filesystem::path Investigate::key_, Investigate::cert_;

TEST_F(Investigate, MediaToAnAddressOutsideTheSiteIsAPathAndItsPacketsAreExtracted) {
    REQUIRE_TSHARK();
    ASSERT_TRUE(std::filesystem::exists(sip_call())) << sip_call() << " (listed in the corpus MANIFEST.tsv)";
    auto out = tmp_->path / "sip-call";
    RunResult r = investigate("--pcap " + q(sip_call()) + " --site " + q(caller_only_site()), out);
    ASSERT_EQ(r.code, 0) << r.out;

    // What tshark says left the caller for another address: RTP from 10.33.6.100.
    std::set<std::string> sent_outside;
    for (const auto& l : tshark_lines(sip_call(), "rtp && ip.src==10.33.6.100 && ip.dst!=10.33.6.100",
                                      "-e ip.dst -e udp.dstport")) {
        auto tab = l.find('\t');
        sent_outside.insert(l.substr(0, tab) + ":" + l.substr(tab + 1));
    }
    ASSERT_FALSE(sent_outside.empty());
    auto ex = read_json(out / "exfiltration.json");
    EXPECT_EQ(ex["allowed_networks_declared"], true);
    std::set<std::string> media_paths;
    for (const auto& p : ex["paths"])
        if (p["kind"] == "media_outside") media_paths.insert(p["destination"].get<std::string>());
    EXPECT_EQ(media_paths, sent_outside);
    check_extract(out, sip_call());

    RunResult v = run(vcaudit() + " verify " + q(out));
    EXPECT_EQ(v.code, 0) << v.out;
}

TEST_F(Investigate, FilesAreSignedAndRecordedAsExports) {
    REQUIRE_TSHARK();
    auto out = tmp_->path / "sealed";
    RunResult r = investigate("--pcap " + q(sip_call()) + " --site " + q(caller_only_site()), out);
    ASSERT_EQ(r.code, 0) << r.out;
    auto manifest = read_json(out / "manifest.json");
    std::set<std::string> listed;
    for (const auto& f : manifest["files"])
        if (f["role"] == "output") listed.insert(f["path"].get<std::string>());
    auto exports = column(out / "evidence.db", "SELECT subject FROM custody WHERE action = 'export'");
    std::set<std::string> recorded(exports.begin(), exports.end());
    for (const char* f : {"timeline.json", "timeline.html", "exfiltration.json", "evidence-extract.pcap"}) {
        EXPECT_TRUE(listed.count(f) == 1) << f << " not in manifest.json";
        EXPECT_TRUE(recorded.count(f) == 1) << f << " not recorded as an export in the custody ledger";
    }
    // Tampering with the extract is caught by verify.
    std::ofstream(out / "evidence-extract.pcap", std::ios::app) << "x";
    RunResult v = run(vcaudit() + " verify " + q(out));
    EXPECT_NE(v.code, 0) << v.out;
    EXPECT_NE(v.out.find("evidence-extract.pcap"), std::string::npos) << v.out;
}

TEST_F(Investigate, TimelineHasTheMeetingsOfTheCapture) {
    REQUIRE_TSHARK();
    auto out = tmp_->path / "timeline";
    RunResult r = investigate("--pcap " + q(sip_call()) + " --site " + q(caller_only_site()), out);
    ASSERT_EQ(r.code, 0) << r.out;
    std::set<std::string> invited;
    for (const auto& id : tshark_lines(sip_call(), "sip.Method == \"INVITE\"", "-e sip.Call-ID")) invited.insert(id);
    ASSERT_FALSE(invited.empty());
    auto timeline = read_json(out / "timeline.json");  // throws (fails) if not JSON
    std::set<std::string> meetings, invites;
    double last = 0;
    for (const auto& e : timeline["events"]) {
        EXPECT_GE(e["ts"].get<double>(), last);
        last = e["ts"].get<double>();
        if (e["kind"] == "meeting_start") meetings.insert(e["refs"]["call_id"].get<std::string>());
        if (e["kind"] == "sip_invite") invites.insert(e["refs"]["call_id"].get<std::string>());
    }
    EXPECT_EQ(meetings, invited);
    EXPECT_EQ(invites, invited);
    std::string html = slurp(out / "timeline.html");
    EXPECT_NE(html.find("Dòng thời gian"), std::string::npos);
    EXPECT_NE(html.find("Timeline"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST_F(Investigate, WindowRestrictsTheExtract) {
    REQUIRE_TSHARK();
    auto times = tshark_lines(sip_call(), "rtp && ip.src==10.33.6.100", "-e frame.time_epoch");
    ASSERT_GT(times.size(), 4u);
    double first = std::stod(times.front());
    char from[32], to[32];
    std::snprintf(from, sizeof from, "%.6f", first + 0.5);
    std::snprintf(to, sizeof to, "%.6f", first + 1.5);
    auto out = tmp_->path / "window";
    RunResult r = investigate("--pcap " + q(sip_call()) + " --site " + q(caller_only_site()) + " --from " + from +
                                  " --to " + to,
                              out);
    ASSERT_EQ(r.code, 0) << r.out;
    check_extract(out, sip_call(),
                  std::string(" && frame.time_epoch >= ") + from + " && frame.time_epoch <= " + to);
    auto timeline = read_json(out / "timeline.json");
    for (const auto& e : timeline["events"]) {
        EXPECT_GE(e["ts"].get<double>(), std::stod(from));
        EXPECT_LE(e["ts"].get<double>(), std::stod(to));
    }
}

TEST_F(Investigate, WithoutAllowedNetworksEveryStreamIsListedAndSaidSo) {
    REQUIRE_TSHARK();
    auto out = tmp_->path / "no-site";
    RunResult r = investigate("--pcap " + q(sip_call()), out);
    ASSERT_EQ(r.code, 0) << r.out;
    auto ex = read_json(out / "exfiltration.json");
    EXPECT_EQ(ex["outside_rule"]["en"], "outside = not in allowed_networks: not declared, every destination listed");
    // Every RTP destination tshark sees is listed.
    std::set<std::string> destinations;
    for (const auto& l : tshark_lines(sip_call(), "rtp", "-e ip.dst -e udp.dstport")) {
        auto tab = l.find('\t');
        destinations.insert(l.substr(0, tab) + ":" + l.substr(tab + 1));
    }
    std::set<std::string> listed;
    for (const auto& p : ex["paths"])
        if (p["kind"] == "media_outside") listed.insert(p["destination"].get<std::string>());
    EXPECT_EQ(listed, destinations);
    check_extract(out, sip_call());
}

TEST_F(Investigate, ExampleCapturesOnLoopbackLeaveNothingOutside) {
    REQUIRE_TSHARK();
    auto caps = source_dir() / "examples" / "captures";
    std::string args = "--site " + q(source_dir() / "examples" / "site.yaml");
    std::vector<std::filesystem::path> inputs;
    for (const auto& e : std::filesystem::directory_iterator(caps))
        if (e.path().extension() == ".pcap") inputs.push_back(e.path());
    std::sort(inputs.begin(), inputs.end());
    ASSERT_FALSE(inputs.empty());
    for (const auto& p : inputs) {
        // tshark: every address in these captures is loopback, inside the site's 127.0.0.0/8.
        EXPECT_EQ(tshark_count(p, "ip && !(ip.src == 127.0.0.0/8 && ip.dst == 127.0.0.0/8)"), 0u) << p;
        args += " --pcap " + q(p);
    }
    auto out = tmp_->path / "examples";
    RunResult r = investigate(args, out);
    ASSERT_EQ(r.code, 0) << r.out;
    auto ex = read_json(out / "exfiltration.json");
    EXPECT_TRUE(ex["paths"].empty()) << ex["paths"].dump(2);
    EXPECT_EQ(tshark_count(out / "evidence-extract.pcap", ""), 0u);
    auto timeline = read_json(out / "timeline.json");
    std::set<std::string> meetings;
    for (const auto& e : timeline["events"])
        if (e["kind"] == "meeting_start") meetings.insert(e["refs"].value("call_id", ""));
    std::set<std::string> invited;
    for (const auto& p : inputs)
        for (const auto& id : tshark_lines(p, "sip.Method == \"INVITE\"", "-e sip.Call-ID")) invited.insert(id);
    EXPECT_EQ(meetings, invited);
    RunResult v = run(vcaudit() + " verify " + q(out));
    EXPECT_EQ(v.code, 0) << v.out;
}

TEST_F(Investigate, InputsOfDifferentLinkTypesGiveOneExtractEach) {
    REQUIRE_TSHARK();
    auto sll = shared_dir() / "corpus" / "public" / "heplify" / "sip_sctp.pcap";  // Linux cooked capture
    ASSERT_TRUE(std::filesystem::exists(sll));
    auto out = tmp_->path / "two-linktypes";
    RunResult r = investigate("--pcap " + q(sip_call()) + " --pcap " + q(sll) + " --site " + q(caller_only_site()), out);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_FALSE(std::filesystem::exists(out / "evidence-extract.pcap"));
    auto encap = [](const std::filesystem::path& f) {
        RunResult c = run(quiet("capinfos -T -E " + q(f)));
        return c.out.substr(c.out.rfind('\t') + 1);
    };
    EXPECT_EQ(encap(out / "evidence-extract-EN10MB.pcap"), encap(sip_call()));
    EXPECT_EQ(encap(out / "evidence-extract-LINUX_SLL.pcap"), encap(sll));
    auto manifest = read_json(out / "manifest.json");
    std::set<std::string> listed;
    for (const auto& f : manifest["files"]) listed.insert(f["path"].get<std::string>());
    EXPECT_EQ(listed.count("evidence-extract-EN10MB.pcap"), 1u);
    EXPECT_EQ(listed.count("evidence-extract-LINUX_SLL.pcap"), 1u);
    // The call's media is in the Ethernet capture: the same packets as tshark counts there.
    auto ex = read_json(out / "exfiltration.json");
    std::size_t expected = 0;
    for (const auto& f : ex["evidence_flows"]) expected += tshark_count(sip_call(), flow_filter(f));
    EXPECT_GT(expected, 0u);
    EXPECT_EQ(tshark_count(out / "evidence-extract-EN10MB.pcap", ""), expected);
    EXPECT_EQ(run(vcaudit() + " verify " + q(out)).code, 0);
}

TEST_F(Investigate, ATimeWithoutZoneIsRefusedBeforeAnythingIsWritten) {
    auto out = tmp_->path / "refused";
    RunResult r = investigate("--pcap " + q(sip_call()) + " --from 2011-07-28T13:20:00", out);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("E195"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace vca::test
