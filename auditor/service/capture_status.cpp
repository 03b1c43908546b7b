#include "auditor/service/capture_status.hpp"

#include <cstdio>
#include <fstream>
#include <ostream>

#include "auditor/service/capture_session.hpp"
#include "auditor/service/evaluation_status.hpp"
#include "probes/capture/rotating_writer.hpp"

namespace vca::service {
namespace {

std::string human_bytes(std::uint64_t n) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(n);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

std::string text(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return "unknown";
    if (j[key].is_string()) return j[key].get<std::string>();
    return j[key].dump();
}

// The newest DIR/reports/*/report.json, by modification time.
std::optional<std::filesystem::path> latest_report(const std::filesystem::path& dir) {
    std::optional<std::filesystem::path> best;
    std::filesystem::file_time_type best_time{};
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir / kReportsSubdir, ec)) {
        auto f = e.path() / "report.json";
        if (!std::filesystem::is_regular_file(f, ec)) continue;
        auto t = std::filesystem::last_write_time(f, ec);
        if (!best || t > best_time) {
            best = f;
            best_time = t;
        }
    }
    return best;
}

void print_findings(const std::filesystem::path& dir, std::ostream& out) {
    auto report = latest_report(dir);
    if (!report) {
        out << "findings:  no report under " << (dir / kReportsSubdir).string()
            << " (vcaudit serve evaluates on a schedule; vcaudit evaluate " << dir.string()
            << " --period daily|half|year|FROM..TO on demand)\n";
        return;
    }
    std::ifstream in(*report);
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        out << "findings:  " << report->string() << " is not readable JSON\n";
        return;
    }
    const auto& summary = j.value("summary", nlohmann::json::object());
    out << "findings:  report " << report->parent_path().filename().string() << ": verdict "
        << summary.value("verdict", std::string("unknown")) << ", " << summary.value("fail", 0) << " rule(s) failed, "
        << summary.value("error", 0) << " errored\n";
    for (const auto& a : j.value("assessments", nlohmann::json::array())) {
        if (a.value("status", "") != "fail") continue;
        std::string title = a.contains("title") ? a["title"].value("en", std::string()) : std::string();
        out << "  open: " << a.value("rule_id", std::string("?")) << " " << title << " ("
            << a.value("findings", nlohmann::json::array()).size() << " finding(s))\n";
    }
}

}  // namespace

core::Result<CaptureStatus> print_capture_status(const std::filesystem::path& dir, std::ostream& out) {
    std::error_code ec;
    if (!std::filesystem::exists(dir / kSessionFile, ec) && !std::filesystem::exists(dir / kStoreFile, ec))
        return core::make_diag("E166", dir.string() + ": not a capture folder (no " + kSessionFile + ")",
                               "pass the --dir given to vcaudit capture");
    CaptureStatus status;
    nlohmann::json doc = read_session_file(dir);
    auto pid = running_capture_pid(dir);
    status.running = pid.has_value();
    const nlohmann::json last = doc["sessions"].empty() ? nlohmann::json::object() : doc["sessions"].back();
    if (status.running) {
        out << "capture:   running (pid " << *pid << ") on " << text(last, "iface");
    } else {
        std::string state = last.value("state", std::string("unknown"));
        if (state == "running") state = "not running (ended without a clean stop)";
        out << "capture:   " << state << "; last on " << text(last, "iface");
    }
    std::string filter = last.value("filter", std::string());
    out << ", filter " << (filter.empty() ? "none" : "'" + filter + "'") << ", since " << text(last, "started")
        << (last.contains("stopped") ? ", stopped " + text(last, "stopped") : std::string()) << "\n";
    out << "who:       started by " << text(last, "started_by") << ", runs as " << text(last, "run_as") << "\n";
    if (last.contains("clock"))
        out << "clock:     NTP synchronised " << text(last["clock"], "ntp_synchronised") << " (from "
            << text(last["clock"], "source") << ")\n";
    if (last.contains("counters")) {
        const auto& c = last["counters"];
        out << "packets:   " << text(c, "received") << " received, " << text(c, "dropped") << " dropped by the kernel, "
            << text(c, "if_dropped") << " by the interface (as of " << text(c, "updated") << ")\n";
    }
    auto files = probes::capture::list_capture_files(dir / kPcapSubdir);
    std::uint64_t bytes = 0;
    for (const auto& f : files) bytes += f.size;
    out << "files:     " << files.size() << " pcap file(s), " << human_bytes(bytes) << " in "
        << (dir / kPcapSubdir).string() << "\n";
    if (last.contains("last_closed")) {
        const auto& lc = last["last_closed"];
        out << "last file: " << text(lc, "name") << " closed " << text(lc, "closed") << " (" << text(lc, "why") << ", "
            << text(lc, "packets") << " packets, sha256 " << text(lc, "sha256") << ")\n";
    } else {
        out << "last file: none closed in this session yet\n";
    }
    print_evaluation_status(dir, out);
    print_findings(dir, out);
    return status;
}

}  // namespace vca::service
