// `vcaudit evaluate` over an evidence folder laid out as `vcaudit capture`
// leaves it (pcap/capture-*.pcap, each closed file recorded in evidence.db
// by the capture's own record_closed_file), through the real binary: report
// folders named by period, never overwritten, chained to the previous one,
// verifiable; the evaluation log and `vcaudit status`. No root needed.
#include <gtest/gtest.h>
#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmath>

#include "auditor/service/capture_records.hpp"
#include "auditor/service/capture_session.hpp"
#include "auditor/service/evaluation_log.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/capture/rotating_writer.hpp"
#include "reports/sign/sha256.hpp"
#include "tests/integration/cli_support.hpp"

namespace vca::test {
namespace {

// First packet of tls10-openssl.pcap and last of http-basic-curl.pcap, read
// with capinfos (2026-11-28 04:23:51.358246 and 07:42:08.126991 UTC).
constexpr double kFirstPacket = 1795839831.358246;
constexpr double kLastRecordedPacket = 1795851728.126991;
// The capture is "still writing" this one: it must never be evaluated.
constexpr const char* kOpenFile = "sip-register-kamailio.pcap";

struct Evidence {
    TempDir tmp;
    std::filesystem::path dir = tmp.path / "capture";
    std::filesystem::path key = tmp.path / "key.pem", cert = tmp.path / "cert.pem";
    std::vector<std::string> recorded;  // relative paths of closed files
    std::string open_file;
};

std::string sha256sum(const std::filesystem::path& p) {
    RunResult r = run("sha256sum " + q(p));
    return r.out.substr(0, 64);
}

// pcap/ and evidence.db as the capture writes them: one file per example
// capture, named by its first packet's time and a sequence number, each
// recorded when "closed" except kOpenFile.
void make_evidence(Evidence& e) {
    std::filesystem::create_directories(e.dir / service::kPcapSubdir);
    auto store = store::EvidenceStore::open_live(e.dir / service::kStoreFile);
    ASSERT_TRUE(store) << store.error().line();
    service::CaptureContext ctx;
    ctx.dir = e.dir;
    ctx.iface = "test0";
    ctx.started_by = ctx.run_as = "test";
    ctx.host = "test-host";
    std::int64_t seq = 1;
    for (const char* name : {"tls10-openssl.pcap", "tls13-openssl.pcap", "sip-udp-sipp.pcap", "sip-udp-sdes.pcap",
                             "http-basic-curl.pcap", kOpenFile}) {
        const auto source = source_dir() / "examples" / "captures" / name;
        auto reader = probes::capture::PcapReader::open(source.string());
        ASSERT_TRUE(reader) << reader.error().line();
        ctx.linktype = reader->linktype_name();
        probes::capture::Frame frame;
        ASSERT_EQ(reader->next(frame).status, probes::capture::ReadStatus::Frame);
        const auto target = e.dir / service::kPcapSubdir /
                            probes::capture::capture_file_name(seq, static_cast<std::int64_t>(std::floor(frame.ts)));
        std::filesystem::copy_file(source, target);
        const std::string rel = std::filesystem::relative(target, e.dir).generic_string();
        if (std::string(name) == kOpenFile) {
            e.open_file = rel;
            continue;
        }
        auto closed = probes::capture::describe_unclosed_file(
            {target, target.filename().string(), seq, std::filesystem::file_size(target), 0},
            [](const std::filesystem::path& p) { return sign::sha256_file(p); });
        closed.complete = true;
        closed.why = "time";
        ASSERT_TRUE(service::record_closed_file(*store, closed, ctx));
        e.recorded.push_back(rel);
        ++seq;
    }
    ASSERT_TRUE(store->close());
    RunResult k = run(vcaudit() + " keys init --key " + q(e.key) + " --cert " + q(e.cert) + " --cn 'evaluate test'");
    ASSERT_EQ(k.code, 0) << k.out;
}

RunResult evaluate(const Evidence& e, const std::string& period) {
    return run(vcaudit() + " evaluate " + q(e.dir) + " --period " + period + " --site " +
               q(source_dir() / "examples" / "site.yaml") + " --key " + q(e.key) + " --cert " + q(e.cert));
}

bool audit_wrote_report(int code) { return code == 0 || code == 1 || code == 4; }

TEST(EvaluateFolder, ReportsChainWithoutOverwritingAndVerify) {
    Evidence e;
    make_evidence(e);
    const std::string day = "2026-11-28..2026-11-28";
    const auto first = e.dir / "reports" / "period-2026-11-28_2026-11-28";
    const auto second = e.dir / "reports" / "period-2026-11-28_2026-11-28-r2";

    RunResult r1 = evaluate(e, day);
    ASSERT_TRUE(audit_wrote_report(r1.code)) << r1.out;
    ASSERT_TRUE(std::filesystem::is_regular_file(first / "report.json")) << r1.out;
    EXPECT_EQ(run(vcaudit() + " verify " + q(first)).code, 0);
    const std::string first_sha = sha256sum(first / "report.json");

    auto records = service::read_evaluations(e.dir);
    ASSERT_EQ(records.size(), 1u);
    const auto& rec = records[0];
    EXPECT_EQ(rec["trigger"], "on-demand");
    EXPECT_EQ(rec["kind"], "period");
    EXPECT_EQ(rec["report"], "reports/period-2026-11-28_2026-11-28");
    EXPECT_EQ(rec["report_sha256"], first_sha);
    EXPECT_EQ(rec["exit_status"], r1.code);
    // Every closed file, never the one still open.
    ASSERT_EQ(rec["files"]["count"], e.recorded.size());
    for (const auto& f : rec["files"]["listed"]) {
        EXPECT_NE(f["path"], e.open_file);
        EXPECT_EQ(f["sha256"], sha256sum(e.dir / f["path"].get<std::string>()));
    }
    // The day is covered from the first packet to the last recorded one only.
    EXPECT_TRUE(rec["coverage"]["partial"].get<bool>());
    EXPECT_NEAR(rec["coverage"]["evidence_first_ts"].get<double>(), kFirstPacket, 1e-3);
    EXPECT_NEAR(rec["coverage"]["evidence_last_ts"].get<double>(), kLastRecordedPacket, 1e-3);
    EXPECT_NEAR(rec["coverage"]["covered_seconds"].get<double>(), kLastRecordedPacket - kFirstPacket, 1e-3);
    // The report states the period it speaks for, and audited the same five files.
    const auto report1 = read_json(first / "report.json");
    EXPECT_EQ(report1["coverage"]["period"]["label"], "period-2026-11-28_2026-11-28");
    int pcaps = 0;
    for (const auto& in : report1["inputs"]) pcaps += in["kind"] == "pcap" ? 1 : 0;
    EXPECT_EQ(pcaps, static_cast<int>(e.recorded.size()));

    // Same period again: a new folder, the first untouched, the diff kept.
    RunResult r2 = evaluate(e, day);
    ASSERT_TRUE(audit_wrote_report(r2.code)) << r2.out;
    ASSERT_TRUE(std::filesystem::is_regular_file(second / "report.json")) << r2.out;
    EXPECT_EQ(sha256sum(first / "report.json"), first_sha);
    EXPECT_EQ(run(vcaudit() + " verify " + q(second)).code, 0);
    const auto report2 = read_json(second / "report.json");
    ASSERT_TRUE(report2["previous_audit"].is_object()) << report2["previous_audit"].dump();
    EXPECT_NE(report2["previous_audit"]["folder"].get<std::string>().find("period-2026-11-28_2026-11-28"),
              std::string::npos);
    records = service::read_evaluations(e.dir);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1]["previous"], "reports/period-2026-11-28_2026-11-28");

    // status shows the last evaluation.
    RunResult st = run(vcaudit() + " status " + q(e.dir));
    EXPECT_NE(st.out.find("evaluated: period 2026-11-28_2026-11-28"), std::string::npos) << st.out;
    EXPECT_NE(st.out.find(sha256sum(second / "report.json")), std::string::npos) << st.out;
    EXPECT_NE(st.out.find("partial: the evidence covers"), std::string::npos) << st.out;
    EXPECT_NE(st.out.find("next due:"), std::string::npos) << st.out;
}

TEST(EvaluateFolder, HalfYearAtADateAndAnEmptyPeriod) {
    Evidence e;
    make_evidence(e);
    RunResult half = evaluate(e, "half --at 2026-11-28");
    ASSERT_TRUE(audit_wrote_report(half.code)) << half.out;
    const auto folder = e.dir / "reports" / "half-2026-H2";
    ASSERT_TRUE(std::filesystem::is_regular_file(folder / "report.json")) << half.out;
    EXPECT_EQ(read_json(folder / "report.json")["coverage"]["period"]["from"], "2026-07-01");
    EXPECT_NE(half.out.find("partial"), std::string::npos) << half.out;

    // No closed file has packets in 2025: no report, exit 2, and the record says why.
    RunResult none = evaluate(e, "2025-01-01..2025-01-31");
    EXPECT_EQ(none.code, 2) << none.out;
    EXPECT_FALSE(std::filesystem::exists(e.dir / "reports" / "period-2025-01-01_2025-01-31"));
    auto records = service::read_evaluations(e.dir);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1]["outcome"].get<std::string>().rfind("skipped", 0), 0u) << records[1].dump();
    EXPECT_FALSE(records[1]["report_written"].get<bool>());
}

TEST(EvaluateFolder, RefusesWhileAnotherEvaluationRuns) {
    Evidence e;
    make_evidence(e);
    const int fd = ::open((e.dir / "evaluate.lock").c_str(), O_RDWR | O_CREAT, 0640);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    RunResult r = evaluate(e, "2026-11-28..2026-11-28");
    ::close(fd);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("another evaluation is running"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(e.dir / "reports" / "period-2026-11-28_2026-11-28"));
}

TEST(EvaluateFolder, UsageErrorsNameTheProblem) {
    TempDir tmp;
    RunResult not_folder = run(vcaudit() + " evaluate " + q(tmp.path) + " --period half --level 2");
    EXPECT_EQ(not_folder.code, 2);
    EXPECT_NE(not_folder.out.find("E166"), std::string::npos) << not_folder.out;
    RunResult bad_period = run(vcaudit() + " evaluate " + q(tmp.path) + " --period 2026-13-01..2026-13-02 --level 2");
    EXPECT_EQ(bad_period.code, 2);
    EXPECT_NE(bad_period.out.find("E180"), std::string::npos) << bad_period.out;
    RunResult no_level = run(vcaudit() + " evaluate " + q(tmp.path) + " --period half");
    EXPECT_EQ(no_level.code, 2);
    EXPECT_NE(no_level.out.find("E210"), std::string::npos) << no_level.out;
}

}  // namespace
}  // namespace vca::test
