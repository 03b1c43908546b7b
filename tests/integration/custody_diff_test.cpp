// Chain of custody, determinism and the comparison with a previous audit,
// through the real binary on the example captures.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cli_support.hpp"

namespace vca::test {
namespace {

std::filesystem::path capture(const char* name) { return source_dir() / "examples" / "captures" / name; }

struct Signer {
    std::filesystem::path key, cert;
};

Signer make_signer(const TempDir& tmp) {
    Signer s{tmp.path / "key.pem", tmp.path / "cert.pem"};
    RunResult k = run(vcaudit() + " keys init --key " + q(s.key) + " --cert " + q(s.cert) + " --cn 'custody test'");
    EXPECT_EQ(k.code, 0) << k.out;
    return s;
}

RunResult audit(const Signer& s, const std::vector<const char*>& captures, const std::filesystem::path& out,
                const std::string& extra = "") {
    std::string cmd = vcaudit() + " audit --site " + q(source_dir() / "examples" / "site.yaml");
    for (const char* c : captures) cmd += " --pcap " + q(capture(c));
    return run(cmd + " --out " + q(out) + " --key " + q(s.key) + " --cert " + q(s.cert) + " " + extra);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

// Runs one SQL statement with the sqlite3 shell (single quotes escaped for sh).
std::string sql(const std::filesystem::path& db, const std::string& statement) {
    std::string quoted;
    for (char c : statement) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return run("sqlite3 " + q(db) + " '" + quoted + "'").out;
}

class Custody : public ::testing::Test {
protected:
    void SetUp() override {
        signer_ = make_signer(tmp_);
        out_ = tmp_.path / "report";
        RunResult r = audit(signer_, {"tls10-openssl.pcap", "sip-udp-sipp.pcap"}, out_);
        ASSERT_LE(r.code, 1) << r.out;
    }
    TempDir tmp_;
    Signer signer_;
    std::filesystem::path out_;
};

TEST_F(Custody, LedgerRecordsRunAcquisitionsAndExportsUnderTheSignedHead) {
    auto db = out_ / "evidence.db";
    auto actions = lines_of(sql(db, "SELECT action || ' ' || subject FROM custody ORDER BY seq"));
    ASSERT_GE(actions.size(), 5u);
    EXPECT_EQ(actions.front().rfind("run ", 0), 0u) << actions.front();
    int acquired = 0, exported = 0;
    for (const auto& a : actions) {
        acquired += a.rfind("acquire ", 0) == 0;
        exported += a.rfind("export ", 0) == 0;
    }
    // One acquisition per input: the site policy, its attestations and documents, configs, captures.
    EXPECT_EQ(std::to_string(acquired) + "\n", sql(db, "SELECT count(*) FROM inputs"));
    EXPECT_GE(exported, 3);  // report.json, report.html, signer-cert.pem, ...
    // Each acquisition carries the same SHA-256 the inputs table recorded before analysis.
    auto mismatched = sql(db, "SELECT count(*) FROM custody c JOIN inputs i ON i.path = c.subject "
                              "WHERE c.action = 'acquire' AND c.sha256 <> i.sha256");
    EXPECT_EQ(mismatched, "0\n");
    auto head = sql(db, "SELECT entry_hash FROM custody ORDER BY seq DESC LIMIT 1");
    auto manifest = read_json(out_ / "manifest.json");
    EXPECT_EQ(manifest["custody_head"].get<std::string>() + "\n", head);
    // Every entry links to the one before it.
    auto unlinked = sql(db, "SELECT count(*) FROM custody c JOIN custody p ON p.seq = c.seq - 1 "
                            "WHERE c.prev_hash <> p.entry_hash");
    EXPECT_EQ(unlinked, "0\n");
}

TEST_F(Custody, EachVerificationIsChainedOntoTheLedger) {
    RunResult v1 = run(vcaudit() + " verify " + q(out_) + " --trust " + q(signer_.cert));
    ASSERT_EQ(v1.code, 0) << v1.out;
    EXPECT_NE(v1.out.find("custody ledger:"), std::string::npos) << v1.out;
    RunResult v2 = run(vcaudit() + " verify " + q(out_) + " --trust " + q(signer_.cert));
    ASSERT_EQ(v2.code, 0) << v2.out;
    EXPECT_NE(v2.out.find("1 later in custody.jsonl"), std::string::npos) << v2.out;
    auto log = lines_of(slurp(out_ / "custody.jsonl"));
    ASSERT_EQ(log.size(), 2u);
    auto first = nlohmann::json::parse(log[0]);
    auto second = nlohmann::json::parse(log[1]);
    EXPECT_EQ(first["action"], "verify");
    EXPECT_EQ(first["prev_hash"], read_json(out_ / "manifest.json")["custody_head"]);
    EXPECT_EQ(second["prev_hash"], first["entry_hash"]);
    EXPECT_EQ(second["seq"].get<int>(), first["seq"].get<int>() + 1);
    RunResult quiet = run(vcaudit() + " verify --no-record " + q(out_));
    EXPECT_EQ(quiet.code, 0) << quiet.out;
    EXPECT_EQ(lines_of(slurp(out_ / "custody.jsonl")).size(), 2u);
}

TEST_F(Custody, AChangedLedgerEntryIsNamed) {
    auto db = out_ / "evidence.db";
    sql(db, "UPDATE custody SET actor = 'someone else' WHERE seq = 2");
    RunResult v = run(vcaudit() + " verify " + q(out_));
    EXPECT_EQ(v.code, 3) << v.out;
    EXPECT_NE(v.out.find("MISMATCH evidence.db"), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("BROKEN   custody ledger: evidence.db entry 2"), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("content was changed"), std::string::npos) << v.out;
    // A failed chain is never extended.
    EXPECT_FALSE(std::filesystem::exists(out_ / "custody.jsonl"));
}

TEST_F(Custody, ARemovedLedgerEntryIsNamed) {
    sql(out_ / "evidence.db", "DELETE FROM custody WHERE seq = 3");
    RunResult v = run(vcaudit() + " verify " + q(out_));
    EXPECT_EQ(v.code, 3) << v.out;
    EXPECT_NE(v.out.find("evidence.db entry 4"), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("expected entry 3"), std::string::npos) << v.out;
}

TEST_F(Custody, AChangedVerificationRecordIsNamed) {
    ASSERT_EQ(run(vcaudit() + " verify " + q(out_)).code, 0);
    ASSERT_EQ(run(vcaudit() + " verify " + q(out_)).code, 0);
    auto log = lines_of(slurp(out_ / "custody.jsonl"));
    ASSERT_EQ(log.size(), 2u);
    auto first = nlohmann::json::parse(log[0]);
    first["detail"] = "verified by nobody";
    std::ofstream(out_ / "custody.jsonl", std::ios::trunc) << first.dump() << "\n" << log[1] << "\n";
    RunResult v = run(vcaudit() + " verify " + q(out_));
    EXPECT_EQ(v.code, 3) << v.out;
    EXPECT_NE(v.out.find("custody.jsonl entry " + std::to_string(first["seq"].get<int>())), std::string::npos) << v.out;
}

// Same inputs, rules, options and key: byte-identical report.json once the one
// field that holds this run's times is masked, whether the rules and report
// files ran on three threads or on one.
TEST(Determinism, SameInputsGiveTheSameReport) {
    TempDir tmp;
    Signer s = make_signer(tmp);
    std::vector<const char*> caps = {"tls10-openssl.pcap", "sip-udp-sdes.pcap", "http-basic-curl.pcap"};
    ASSERT_LE(audit(s, caps, tmp.path / "a", "--threads 3").code, 1);
    ASSERT_LE(audit(s, caps, tmp.path / "b", "--threads 1").code, 1);
    auto a = read_json(tmp.path / "a" / "report.json");
    auto b = read_json(tmp.path / "b" / "report.json");
    ASSERT_TRUE(a.contains("this_run"));
    EXPECT_NE(a["this_run"]["custody_head"], b["this_run"]["custody_head"]);  // two runs, two ledgers
    a.erase("this_run");
    b.erase("this_run");
    EXPECT_EQ(a.dump(2), b.dump(2));
    // And on the bytes: only the this_run lines may differ.
    auto la = lines_of(slurp(tmp.path / "a" / "report.json"));
    auto lb = lines_of(slurp(tmp.path / "b" / "report.json"));
    ASSERT_EQ(la.size(), lb.size());
    for (std::size_t i = 0; i < la.size(); ++i)
        if (la[i] != lb[i])
            EXPECT_TRUE(la[i].find("\"started\"") != std::string::npos || la[i].find("\"finished\"") != std::string::npos ||
                        la[i].find("\"custody_head\"") != std::string::npos)
                << la[i];
}

using FindingKey = std::pair<std::string, std::string>;

std::set<FindingKey> open_findings(const nlohmann::json& report) {
    std::set<FindingKey> out;
    for (const auto& a : report["assessments"])
        for (const auto& f : a["findings"])
            if (f["status"] == "fail") out.insert({a["rule_id"].get<std::string>(), f["subject"].get<std::string>()});
    return out;
}

TEST(PreviousAudit, NewFixedAndPersistingFindings) {
    TempDir tmp;
    Signer s = make_signer(tmp);
    auto before = tmp.path / "before";
    auto after = tmp.path / "after";
    ASSERT_LE(audit(s, {"tls10-openssl.pcap", "sip-udp-sipp.pcap"}, before).code, 1);
    RunResult r = audit(s, {"tls13-openssl.pcap", "sip-udp-sipp.pcap", "http-basic-curl.pcap"}, after,
                        "--previous " + q(before));
    ASSERT_LE(r.code, 1) << r.out;
    auto old_report = read_json(before / "report.json");
    auto report = read_json(after / "report.json");
    const auto& diff = report["previous_audit"];
    ASSERT_TRUE(diff.is_object()) << report.dump(1).substr(0, 400);
    // Expected states worked out here from the two reports' own findings.
    auto was = open_findings(old_report);
    auto now = open_findings(report);
    std::map<FindingKey, std::string> got;
    for (const auto& e : diff["findings"])
        got[{e["rule_id"].get<std::string>(), e["subject"].get<std::string>()}] = e["state"].get<std::string>();
    for (const auto& k : now) EXPECT_EQ(got[k], was.count(k) ? "persisting" : "new") << k.first << " " << k.second;
    for (const auto& k : was)
        if (!now.count(k)) {
            std::string status = rule_status(report, k.first);
            EXPECT_EQ(got[k], status == "pass" || status == "fail" ? "fixed" : "not_reassessed") << k.first;
        }
    EXPECT_EQ(got.size(), was.size() + now.size() - [&] {
        std::size_t both = 0;
        for (const auto& k : now) both += was.count(k);
        return both;
    }());
    // Anchors a reader can check by eye: the TLS 1.0 session is gone and TLS was
    // judged again (a TLS 1.3 capture), so that finding is fixed; the Basic
    // login over HTTP is new; the SIPp call over UDP persists.
    bool tls_fixed = false, cred_new = false, sip_persisting = false;
    for (const auto& e : diff["findings"]) {
        tls_fixed |= e["rule_id"] == "VC-TLS-001" && e["state"] == "fixed";
        cred_new |= e["rule_id"].get<std::string>().rfind("VC-CRED-", 0) == 0 && e["state"] == "new";
        sip_persisting |= e["rule_id"] == "VC-SIP-001" && e["state"] == "persisting";
    }
    EXPECT_TRUE(tls_fixed);
    EXPECT_TRUE(cred_new);
    EXPECT_TRUE(sip_persisting);
    EXPECT_EQ(diff["manifest_sha256"].get<std::string>().size(), 64u);
    // The previous report is an input of this audit, hashed and signed.
    bool listed = false;
    for (const auto& in : report["inputs"]) listed |= in["kind"] == "previous_report";
    EXPECT_TRUE(listed);
}

TEST(PreviousAudit, ATamperedPreviousAuditIsRefused) {
    TempDir tmp;
    Signer s = make_signer(tmp);
    auto before = tmp.path / "before";
    ASSERT_LE(audit(s, {"sip-udp-sipp.pcap"}, before).code, 1);
    {
        std::string text = slurp(before / "report.json");
        text.replace(text.find("\"fail\""), 6, "\"pass\"");
        std::ofstream(before / "report.json", std::ios::trunc) << text;
    }
    RunResult r = audit(s, {"sip-udp-sipp.pcap"}, tmp.path / "after", "--previous " + q(before));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("E176"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("report.json"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(tmp.path / "after" / "report.json"));
}

}  // namespace
}  // namespace vca::test
