#include "auditor/pipeline/progress_line.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace vca::pipeline {

ProgressLine::ProgressLine(std::string label, std::int64_t total_bytes)
    : label_(std::move(label)),
      total_(total_bytes),
      enabled_(isatty(STDERR_FILENO) == 1 && std::getenv("VCAUDIT_NO_PROGRESS") == nullptr),
      started_(std::chrono::steady_clock::now()),
      last_(started_) {}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::update(std::int64_t bytes, std::int64_t frames) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - started_).count();
    double mb = static_cast<double>(bytes) / 1e6;
    if (total_ > 0 && bytes >= 0)
        std::fprintf(stderr, "\r%s: %3.0f%%  %.0f of %.0f MB, %lld frames, %.0f MB/s   ", label_.c_str(),
                     100.0 * static_cast<double>(bytes) / static_cast<double>(total_), mb,
                     static_cast<double>(total_) / 1e6, static_cast<long long>(frames), secs > 0 ? mb / secs : 0.0);
    else
        std::fprintf(stderr, "\r%s: %lld frames   ", label_.c_str(), static_cast<long long>(frames));
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressLine::finish() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace vca::pipeline
