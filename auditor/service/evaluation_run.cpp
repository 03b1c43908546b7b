#include "auditor/service/evaluation_run.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>

#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/pipeline/previous_audit.hpp"
#include "auditor/service/capture_session.hpp"
#include "auditor/service/child_process.hpp"
#include "auditor/service/evaluation_log.hpp"
#include "auditor/service/evidence_selection.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::service {
namespace {

// Path as recorded: relative to the evidence folder when inside it.
std::string recorded_path(const std::filesystem::path& p, const std::filesystem::path& dir) {
    auto rel = p.lexically_relative(dir);
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
    return p.string();
}

core::Result<sign::UniqueFd> take_lock(const EvaluationRequest& r) {
    const auto file = r.dir / kEvaluationLockFile;
    sign::UniqueFd fd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640));
    if (fd.get() < 0)
        return core::make_diag("E169", file.string() + ": cannot open: " + sign::errno_text(errno),
                               "check that the evidence folder is writable by this user");
    while (::flock(fd.get(), LOCK_EX | (r.wait_for_lock ? 0 : LOCK_NB)) != 0) {
        if (errno == EINTR && (r.stop == nullptr || *r.stop == 0)) continue;
        if (errno == EWOULDBLOCK)
            return core::make_diag("E169", r.dir.string() + ": another evaluation is running on this folder",
                                   "try again when it has finished (see vcaudit status)");
        return core::make_diag("E169", file.string() + ": cannot lock: " + sign::errno_text(errno));
    }
    return fd;
}

nlohmann::json period_json(const EvaluationPeriod& p) {
    return {{"kind", p.kind}, {"name", p.name}, {"from_ts", p.from_ts}, {"to_ts", p.to_ts},
            {"from", local_time_text(p.from_ts)}, {"to", local_time_text(p.to_ts)}};
}

nlohmann::json files_json(const EvidenceSelection& sel) {
    nlohmann::json list = nlohmann::json::array();
    std::string listing;
    for (const auto& f : sel.files) {
        listing += f.path + " " + f.sha256 + "\n";
        if (list.size() < kMaxFilesListed)
            list.push_back({{"path", f.path}, {"sha256", f.sha256}, {"packets", f.packets},
                            {"first_ts", f.first_ts}, {"last_ts", f.last_ts}});
    }
    return {{"count", sel.files.size()}, {"listed", list}, {"truncated", sel.files.size() > kMaxFilesListed},
            {"listing_sha256", sign::sha256_hex(std::string_view(listing))},
            {"unreadable", sel.unreadable}, {"problems", sel.problems}};
}

// Verdict from the report the child wrote ("" if unreadable).
std::string report_verdict(const std::filesystem::path& report_json) {
    auto text = sign::read_file_bounded(report_json, 256U * 1024U * 1024U);
    if (!text) return "";
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("summary") || !j["summary"].is_object()) return "";
    return j["summary"].value("verdict", std::string());
}

bool wrote_a_report(const ChildExit& e) {
    return e.code && (*e.code == pipeline::kExitOk || *e.code == pipeline::kExitFindings ||
                      *e.code == pipeline::kExitIncomplete);
}

}  // namespace

std::string free_report_name(const std::filesystem::path& reports, const std::string& base) {
    std::error_code ec;
    for (int i = 1; i <= kMaxReportNameAttempts; ++i) {
        std::string name = i == 1 ? base : base + "-r" + std::to_string(i);
        if (!std::filesystem::exists(reports / name, ec) && !std::filesystem::exists(reports / (name + ".log"), ec))
            return name;
    }
    return base + "-r" + std::to_string(kMaxReportNameAttempts + 1);  // audit then refuses it, and says so
}

core::Result<nlohmann::json> run_evaluation(const EvaluationRequest& r, std::ostream& log) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(r.dir / kStoreFile, ec))
        return core::make_diag("E166", r.dir.string() + ": not an evidence folder (no " + kStoreFile + ")",
                               "pass the --dir given to vcaudit capture or serve");
    if (std::filesystem::create_directories(r.reports, ec))
        std::filesystem::permissions(r.reports, std::filesystem::perms(0750), ec);
    if (!std::filesystem::is_directory(r.reports, ec))
        return core::make_diag("E167", r.reports.string() + ": cannot create the reports folder",
                               "check the path and that it is writable by this user");
    auto lock = take_lock(r);
    if (!lock) return lock.error();

    const double started = now_unix();
    nlohmann::json rec = {{"started", iso_utc(started)}, {"started_ts", started}, {"trigger", r.trigger},
                          {"kind", r.period.kind}, {"period", period_json(r.period)}, {"report_written", false}};
    auto finish = [&](const std::string& outcome) -> core::Result<nlohmann::json> {
        rec["outcome"] = outcome;
        rec["finished"] = iso_utc(now_unix());
        if (auto st = append_evaluation(r.dir, rec); !st) return st.error();
        log << "evaluation " << r.period.folder() << " (" << r.trigger << "): " << outcome;
        if (rec.contains("coverage")) log << "; " << rec["coverage"].value("note", std::string());
        log << "\n";
        return rec;
    };

    const auto records = read_evaluations(r.dir);
    auto previous = previous_report_of(records, r.period.kind, r.dir);
    if (previous) {
        // A previous report that no longer verifies would make every later
        // audit of this kind fail: it is left out, and the record says why.
        if (auto loaded = pipeline::load_previous_audit(*previous); !loaded) {
            rec["previous_skipped"] = previous->string() + ": " + loaded.error().line();
            previous.reset();
        }
    }
    auto sel = select_evidence(r.dir, r.period);
    if (!sel) {
        rec["error"] = sel.error().line();
        return finish("error: " + sel.error().line());
    }
    rec["files"] = files_json(*sel);
    rec["coverage"] = sel->coverage.to_json();
    if (sel->files.empty()) return finish("skipped: nothing to audit, no report");

    const std::string name = free_report_name(r.reports, r.period.folder());
    const std::filesystem::path out = std::filesystem::absolute(r.reports / name);
    const std::filesystem::path child_log = std::filesystem::absolute(r.reports / (name + ".log"));
    ChildSpec spec;
    spec.args = {"audit"};
    for (const auto& f : sel->files) {
        spec.args.emplace_back("--pcap");
        spec.args.push_back(std::filesystem::absolute(f.file).string());
    }
    spec.args.emplace_back("--out");
    spec.args.push_back(out.string());
    // Packets the capture lost while writing these files, and its sessions.
    spec.args.emplace_back("--capture-dir");
    spec.args.push_back(std::filesystem::absolute(r.dir).string());
    if (previous) {
        spec.args.emplace_back("--previous");
        spec.args.push_back(std::filesystem::absolute(*previous).string());
        rec["previous"] = recorded_path(*previous, r.dir);
    }
    // The report itself states the period and how much of it the captures cover.
    if (auto days = whole_days_text(r.period)) {
        spec.args.insert(spec.args.end(), {"--period", *days, "--period-label", r.period.folder()});
    }
    for (auto& a : r.audit.arguments()) spec.args.push_back(std::move(a));
    spec.log = child_log;
    spec.stdin_null = r.stdin_null;
    rec["report"] = recorded_path(out, r.dir);
    rec["log"] = recorded_path(child_log, r.dir);

    auto pid = spawn_self(spec);
    if (!pid) {
        rec["error"] = pid.error().line();
        return finish("error: " + pid.error().line());
    }
    const ChildExit end = wait_child(*pid, r.stop);
    rec["exit_status"] = end.code ? nlohmann::json(*end.code) : nlohmann::json(nullptr);
    if (end.signal) rec["signal"] = *end.signal;
    if (wrote_a_report(end) && std::filesystem::is_regular_file(out / "report.json", ec)) {
        rec["report_written"] = true;
        auto h = sign::sha256_file(out / "report.json");
        rec["report_sha256"] = h ? *h : "";
        rec["verdict"] = report_verdict(out / "report.json");
        return finish(end.text() + ", verdict " + rec["verdict"].get<std::string>() + ", report " +
                      rec["report"].get<std::string>());
    }
    return finish(end.text() + ", no report (see " + rec["log"].get<std::string>() + ")");
}

}  // namespace vca::service
