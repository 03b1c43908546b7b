// `vcaudit audit --timings`: how long each stage of the audit took and how
// much memory the process had used by its end, one line per stage on the log,
// so a benchmark can say where the time goes without a profiler.
#pragma once

#include <chrono>
#include <ostream>
#include <string_view>

namespace vca::pipeline {

class PhaseTimings {
public:
    // Disabled: every call is a no-op.
    PhaseTimings(std::ostream& log, bool enabled);

    // Ends the stage that began at the previous call (or at construction).
    void end(std::string_view stage);

private:
    std::ostream& log_;
    bool enabled_;
    std::chrono::steady_clock::time_point last_;
};

// Peak resident memory of this process so far, in KiB (0 if unknown).
long peak_rss_kib();

}  // namespace vca::pipeline
