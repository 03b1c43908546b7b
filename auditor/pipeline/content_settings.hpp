// What the user asked of content scanning (vcaudit audit --yara, --files,
// --no-bundled-yara, --carve). Kept apart from content_scan.hpp so the
// audit options do not pull in the scanner.
#pragma once

#include <filesystem>
#include <vector>

namespace vca::pipeline {

struct ContentScanSettings {
    // --yara FILE|DIR (repeatable); an empty path (--yara alone) asks for the bundled rules only.
    std::vector<std::filesystem::path> yara;
    std::vector<std::filesystem::path> files;  // --files DIR (repeatable)
    bool no_bundled_yara = false;              // --no-bundled-yara
    bool carve = false;                        // --carve: carve objects even without YARA

    // YARA runs (bundled rules always included unless --no-bundled-yara).
    [[nodiscard]] bool scans() const { return !yara.empty() || !files.empty(); }
    // Objects are taken out of the traffic (scanned and/or carved).
    [[nodiscard]] bool extracts() const { return !yara.empty() || carve; }
};

}  // namespace vca::pipeline
