// One self-overwriting progress line for long offline runs, on standard error
// only when it is a terminal (logs and pipes stay quiet).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace vca::pipeline {

class ProgressLine {
public:
    // `total_bytes` <= 0: no percentage, only the counts.
    ProgressLine(std::string label, std::int64_t total_bytes);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // Cheap to call often: it redraws at most twice a second.
    void update(std::int64_t bytes, std::int64_t frames);
    // Clears the line (also done by the destructor).
    void finish();

private:
    std::string label_;
    std::int64_t total_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point started_, last_;
};

}  // namespace vca::pipeline
