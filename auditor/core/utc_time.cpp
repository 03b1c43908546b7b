#include "auditor/core/utc_time.hpp"

#include <chrono>
#include <cmath>
#include <ctime>

namespace vca::core {

std::string iso_utc(double unix_seconds) {
    const auto secs = static_cast<std::time_t>(std::floor(unix_seconds));
    std::tm tm{};
    if (gmtime_r(&secs, &tm) == nullptr) return "?";
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string iso_utc_now() {
    return iso_utc(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
}

}  // namespace vca::core
