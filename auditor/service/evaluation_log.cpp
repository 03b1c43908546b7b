#include "auditor/service/evaluation_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "reports/sign/file_io.hpp"

namespace vca::service {
namespace {

double number(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0.0;
}

}  // namespace

core::Status append_evaluation(const std::filesystem::path& dir, const nlohmann::json& record) {
    const std::filesystem::path file = dir / kEvaluationLogFile;
    const std::string line = record.dump() + "\n";
    sign::UniqueFd fd(::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640));
    if (fd.get() < 0)
        return core::make_diag("E167",
                               file.string() + ": cannot append the evaluation record: " + sign::errno_text(errno),
                               "check that the evidence folder is writable by the user running the evaluation");
    // One write: a reader never sees half a line from a finished append.
    ssize_t n = ::write(fd.get(), line.data(), line.size());
    if (n != static_cast<ssize_t>(line.size()))
        return core::make_diag("E167", file.string() + ": short write of the evaluation record: " +
                                           sign::errno_text(errno));
    if (::fsync(fd.get()) != 0)
        return core::make_diag("E167", file.string() + ": " + sign::errno_text(errno));
    return core::ok_status();
}

std::vector<nlohmann::json> read_evaluations(const std::filesystem::path& dir) {
    std::vector<nlohmann::json> out;
    std::ifstream in(dir / kEvaluationLogFile, std::ios::binary);
    if (!in) return out;
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0));
    const std::size_t start = size > kEvaluationLogTailBytes ? size - kEvaluationLogTailBytes : 0;
    in.seekg(static_cast<std::streamoff>(start));
    std::string line;
    if (start > 0) std::getline(in, line);  // the first line read is probably cut
    while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded() && j.is_object()) out.push_back(std::move(j));
    }
    return out;
}

std::optional<nlohmann::json> last_evaluation_of(const std::vector<nlohmann::json>& records, const std::string& kind) {
    for (auto it = records.rbegin(); it != records.rend(); ++it)
        if (it->value("kind", std::string()) == kind) return *it;
    return std::nullopt;
}

std::optional<std::filesystem::path> previous_report_of(const std::vector<nlohmann::json>& records,
                                                        const std::string& kind, const std::filesystem::path& dir) {
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
        if (it->value("kind", std::string()) != kind || !it->value("report_written", false)) continue;
        std::filesystem::path report = it->value("report", std::string());
        if (report.empty()) continue;
        if (report.is_relative()) report = dir / report;
        std::error_code ec;
        if (std::filesystem::is_regular_file(report / "report.json", ec)) return report;
    }
    return std::nullopt;
}

std::optional<double> last_finished_period_end(const std::vector<nlohmann::json>& records, const std::string& kind) {
    std::optional<double> best;
    for (const auto& r : records) {
        if (r.value("kind", std::string()) != kind || !r.contains("period")) continue;
        const double end = number(r["period"], "to_ts");
        if (number(r, "started_ts") >= end && (!best || end > *best)) best = end;
    }
    return best;
}

std::optional<double> last_run_started(const std::vector<nlohmann::json>& records, const std::string& kind) {
    if (auto r = last_evaluation_of(records, kind)) return number(*r, "started_ts");
    return std::nullopt;
}

}  // namespace vca::service
