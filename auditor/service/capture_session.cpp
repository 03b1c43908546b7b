#include "auditor/service/capture_session.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <fstream>

#include "reports/sign/file_io.hpp"

namespace vca::service {

nlohmann::json read_session_file(const std::filesystem::path& dir) {
    std::ifstream in(dir / kSessionFile);
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (!in || doc.is_discarded() || !doc.is_object() || !doc.contains("sessions") || !doc["sessions"].is_array())
        return {{"sessions", nlohmann::json::array()}};
    return doc;
}

core::Status write_session_file(const std::filesystem::path& dir, const nlohmann::json& doc) {
    return sign::write_file_exclusive(dir / kSessionFile, doc.dump(2) + "\n", 0640, true);
}

std::optional<pid_t> running_capture_pid(const std::filesystem::path& dir) {
    std::ifstream in(dir / kPidFile);
    long long pid = 0;
    if (!(in >> pid) || pid <= 1) return std::nullopt;
    // EPERM: the process exists but belongs to another user.
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) return static_cast<pid_t>(pid);
    return std::nullopt;
}

core::Status claim_pid_file(const std::filesystem::path& dir) {
    if (auto pid = running_capture_pid(dir); pid && *pid != ::getpid())
        return core::make_diag("E164", dir.string() + ": a capture is already running here (pid " +
                                           std::to_string(*pid) + ")",
                               "stop it first (kill -TERM " + std::to_string(*pid) + ") or pick another --dir");
    return sign::write_file_exclusive(dir / kPidFile, std::to_string(::getpid()) + "\n", 0644, true);
}

void release_pid_file(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::remove(dir / kPidFile, ec);
}

std::string iso_utc(double unix_seconds) {
    auto secs = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

double now_unix() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace vca::service
