// `vcaudit status DIR`: what a capture folder is doing, from its sidecar
// files and the folder itself (no lock on the evidence store is taken).
#pragma once

#include <filesystem>
#include <iosfwd>

#include "auditor/core/result.hpp"

namespace vca::service {

struct CaptureStatus {
    bool running = false;
};

// Prints the status; E166 if `dir` is not a capture folder.
core::Result<CaptureStatus> print_capture_status(const std::filesystem::path& dir, std::ostream& out);

}  // namespace vca::service
