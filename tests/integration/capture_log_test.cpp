// audit --capture-dir: the live store of the folder the pcaps came from
// gives the report the packets lost while each analysed file was written
// (matched by SHA-256, never by name or time) and the sessions that wrote
// them. The live store here is written with the store's own API, as
// `vcaudit capture` writes it; the netns live test does the same end to end.
#include <gtest/gtest.h>

#include "auditor/facts/rows.hpp"
#include "auditor/store/evidence_store.hpp"
#include "cli_support.hpp"

namespace vca::test {
namespace {

std::string sha256_of(const std::filesystem::path& p) {
    RunResult r = run("sha256sum " + q(p));
    return r.out.substr(0, 64);
}

class CaptureLog : public ::testing::Test {
protected:
    void SetUp() override {
        caps_ = source_dir() / "examples" / "captures";
        live_ = tmp_.path / "live";
        std::filesystem::create_directories(live_ / "pcap");
        auto store = store::EvidenceStore::open_live(live_ / "evidence.db");
        ASSERT_TRUE(store.ok()) << store.error().line();
        // Input 1 is the SIPp call (2 drops counted while it was written, then 5);
        // input 2 a file this audit will not analyse (its 1000 drops must not come in).
        store->add(facts::InputRow{1, "pcap/capture-000001.pcap", "pcap", sha256_of(caps_ / "sip-udp-sipp.pcap"), 1,
                                   "pcap", "EN10MB", 1, 1795839837.0, 1795839838.0, true});
        store->add(facts::InputRow{2, "pcap/capture-000002.pcap", "pcap", std::string(64, 'a'), 1, "pcap", "EN10MB",
                                   1, 1795839900.0, 1795839901.0, true});
        for (auto [input, count] : {std::pair{1, 2}, std::pair{1, 5}, std::pair{2, 1000}}) {
            facts::AnomalyRow a;
            a.input_id = input;
            a.ts = 1795839838.0;
            a.name = "capture_dropped";
            a.detail = "live capture lost packets";
            a.count = count;
            store->add(a);
        }
        facts::CaptureSessionRow s;
        s.session_id = "2026-11-28T01:00:00Z/4242";
        s.host = "meeting-room";
        s.iface = "eth1";
        s.started = 1795839000.0;
        s.ended = 1795840000.0;
        s.clean_stop = true;
        s.dropped_kernel = 1007;
        s.files_written = 2;
        store->add(s);
        facts::CaptureSessionRow old = s;  // a session long before: not the one that wrote the file
        old.session_id = "2026-01-01T00:00:00Z/1";
        old.started = 1767225600.0;
        old.ended = 1767229200.0;
        store->add(old);
        ASSERT_TRUE(store->close().ok());
    }
    TempDir tmp_;
    std::filesystem::path caps_, live_;
};

TEST_F(CaptureLog, DropsOfTheAnalysedFilesAndTheirSessionReachTheReport) {
    const auto out = tmp_.path / "report";
    RunResult r = run(vcaudit() + " audit --level 2 --pcap " + q(caps_ / "sip-udp-sipp.pcap") + " --pcap " +
                      q(caps_ / "tls13-openssl.pcap") + " --capture-dir " + q(live_) + " --out " + q(out));
    ASSERT_LT(r.code, 2) << r.out;
    auto j = read_json(out / "report.json");
    EXPECT_EQ(j["coverage"]["capture_dropped_packets"], 7);
    bool logged = false;
    for (const auto& in : j["inputs"]) logged |= in["kind"] == "capture_log";
    EXPECT_TRUE(logged);
    auto db = store::QueryHandle::open(out / "evidence.db");
    ASSERT_TRUE(db.ok());
    auto sessions = db->run("SELECT session_id FROM capture_sessions");
    ASSERT_TRUE(sessions.ok());
    ASSERT_EQ(sessions->rows.size(), 1U);
    EXPECT_EQ(store::to_text(sessions->rows[0][0]), "2026-11-28T01:00:00Z/4242");
    // The imported copy is signed with the report and names both drops of the call.
    auto log = read_json(out / "inputs" / "capture-log.json");
    ASSERT_EQ(log["files"].size(), 1U);
    EXPECT_EQ(log["files"][0]["dropped"].size(), 2U);
    RunResult v = run(vcaudit() + " verify " + q(out) + " --no-record");
    EXPECT_EQ(v.code, 0) << v.out;
    EXPECT_NE(v.out.find("inputs/capture-log.json"), std::string::npos) << v.out;
}

TEST_F(CaptureLog, AFolderWithoutACaptureStoreIsRefusedBeforeAnythingIsWritten) {
    const auto out = tmp_.path / "report";
    RunResult r = run(vcaudit() + " audit --level 2 --pcap " + q(caps_ / "sip-udp-sipp.pcap") + " --capture-dir " +
                      q(live_ / "pcap") + " --out " + q(out));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("error E185: " + (live_ / "pcap").string() + ": no evidence.db in this folder"),
              std::string::npos)
        << r.out;
    EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace vca::test
