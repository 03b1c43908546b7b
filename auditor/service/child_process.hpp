// Runs this same program again as a child (/proc/self/exe), so that a crash
// in analysis ends only the child: the scheduled audit of `vcaudit serve` and
// `vcaudit evaluate`. The child inherits the caller's (already dropped)
// credentials and environment, runs at a lower CPU priority than the
// capture, and dies with its parent.
#pragma once

#include <sys/types.h>

#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"

namespace vca::service {

// Niceness of an evaluation: the capture must keep up with the wire while
// the audit runs, so the audit yields the CPU.
inline constexpr int kEvaluationNice = 10;
// Largest command line handed to the child (Linux allows 2 MiB in total,
// environment included).
inline constexpr std::size_t kMaxChildArgBytes = 1024 * 1024;

struct ChildSpec {
    std::vector<std::string> args;  // after the program name, e.g. {"audit", "--pcap", ...}
    std::filesystem::path log;      // standard output and error are appended here (created 0640)
    bool stdin_null = true;         // false: keeps the terminal (a passphrase prompt works)
};

struct ChildExit {
    std::optional<int> code;    // exit status, when it exited
    std::optional<int> signal;  // signal that ended it
    [[nodiscard]] std::string text() const;  // "exit 1", "killed by signal 11 (Segmentation fault)"
};

// E168 if the command line is too long, the log cannot be opened or fork fails.
core::Result<pid_t> spawn_self(const ChildSpec& spec);

// Waits for the child. When *stop becomes non-zero while waiting (the
// caller's signal handler set it), the child is sent SIGTERM once.
ChildExit wait_child(pid_t pid, const volatile std::sig_atomic_t* stop);

}  // namespace vca::service
