// Helpers for tests that drive the real vcaudit binary: temp folders, running
// a command and capturing its output and exit code.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "auditor/core/temp_dir.hpp"
#include <sstream>
#include <string>

namespace vca::test {

// Tests name the folder `tmp.path`; the core helper has path().
struct TempDir {
    core::TempDir dir{"vcaudit-it"};
    const std::filesystem::path& path = dir.path();
};

struct RunResult {
    int code = -1;
    std::string out;  // stdout and stderr together
};

// Runs a shell command line, capturing both output streams.
inline RunResult run(const std::string& cmd) {
    RunResult r;
    std::FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

inline const std::filesystem::path& source_dir() {
    static const std::filesystem::path p = VCA_SOURCE_DIR;
    return p;
}

// The installation key of test runs lives in its own folder, never the user's.
inline std::string vcaudit() {
    return "VCAUDIT_HOME=" + q(std::filesystem::temp_directory_path() / "vcaudit-test-home") + " " + q(VCA_BINARY);
}

inline nlohmann::json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Status of a rule in a report.json.
inline std::string rule_status(const nlohmann::json& report, const std::string& id) {
    for (const auto& a : report["assessments"])
        if (a["rule_id"] == id) return a["status"];
    return "missing";
}

}  // namespace vca::test
