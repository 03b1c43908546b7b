#include "auditor/pipeline/phase_timings.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <string>

namespace vca::pipeline {

PhaseTimings::PhaseTimings(std::ostream& log, bool enabled)
    : log_(log), enabled_(enabled), last_(std::chrono::steady_clock::now()) {}

void PhaseTimings::end(std::string_view stage) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    char figures[64];
    std::snprintf(figures, sizeof figures, "%7.3f s, peak memory %6.1f MiB: ",
                  std::chrono::duration<double>(now - last_).count(), static_cast<double>(peak_rss_kib()) / 1024.0);
    // Figures first: a stage named after a long input path stays aligned.
    std::string line = std::string("timing: ") + figures + std::string(stage) + "\n";
    log_ << line << std::flush;
    last_ = now;
}

long peak_rss_kib() {
    rusage usage{};
    if (::getrusage(RUSAGE_SELF, &usage) != 0) return 0;
    return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace vca::pipeline
