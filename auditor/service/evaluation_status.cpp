#include "auditor/service/evaluation_status.hpp"

#include <signal.h>

#include <cerrno>
#include <ostream>

#include "auditor/service/evaluation_log.hpp"
#include "auditor/service/evaluation_scheduler.hpp"
#include "reports/sign/file_io.hpp"

namespace vca::service {
namespace {

// The schedule file is a few hundred bytes; anything larger is not ours.
constexpr std::size_t kMaxScheduleBytes = 64 * 1024;

std::string str(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

bool alive(const nlohmann::json& pid) {
    if (!pid.is_number_integer()) return false;
    const auto p = pid.get<long long>();
    // EPERM: it exists but belongs to the (unprivileged) capture user.
    return p > 0 && (::kill(static_cast<pid_t>(p), 0) == 0 || errno == EPERM);
}

void print_last(const std::vector<nlohmann::json>& records, std::ostream& out) {
    if (records.empty()) {
        out << "evaluated: never (vcaudit serve evaluates on a schedule, "
               "vcaudit evaluate DIR --period ... on demand)\n";
        return;
    }
    const auto& r = records.back();
    const auto period = r.value("period", nlohmann::json::object());
    out << "evaluated: " << str(r, "kind") << " " << str(period, "name") << " (" << str(period, "from") << " .. "
        << str(period, "to") << "), " << str(r, "trigger") << ", finished " << str(r, "finished") << ": "
        << str(r, "outcome") << "\n";
    if (r.contains("files") && r["files"].is_object())
        out << "  files:   " << r["files"].value("count", 0) << " closed pcap file(s)\n";
    if (r.value("report_written", false))
        out << "  report:  " << str(r, "report") << " (report.json sha256 " << str(r, "report_sha256") << ")\n";
    if (r.contains("coverage") && r["coverage"].is_object())
        out << "  covers:  " << str(r["coverage"], "note") << "\n";
    if (r.contains("previous_skipped"))
        out << "  note:    previous report left out: " << str(r, "previous_skipped") << "\n";
}

void print_next(const std::filesystem::path& dir, std::ostream& out) {
    auto text = sign::read_file_bounded(dir / kScheduleFile, kMaxScheduleBytes);
    if (!text) {
        out << "next due:  nothing scheduled (vcaudit serve has not run on this folder)\n";
        return;
    }
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        out << "next due:  " << (dir / kScheduleFile).string() << " is not readable JSON\n";
        return;
    }
    if (!alive(doc.value("pid", nlohmann::json()))) {
        out << "next due:  nothing: the scheduler of vcaudit serve is not running (last seen " << str(doc, "updated")
            << ")\n";
        return;
    }
    const auto next = doc.value("next", nlohmann::json::array());
    if (next.empty()) out << "next due:  nothing scheduled\n";
    for (std::size_t i = 0; i < next.size(); ++i)
        out << (i == 0 ? "next due:  " : "           ") << str(next[i], "kind") << " " << str(next[i], "period")
            << " at " << str(next[i], "due") << "\n";
}

}  // namespace

void print_evaluation_status(const std::filesystem::path& dir, std::ostream& out) {
    print_last(read_evaluations(dir), out);
    print_next(dir, out);
}

}  // namespace vca::service
