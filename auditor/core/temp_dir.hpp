// TempDir: a private temporary folder (mode 0700, from mkdtemp) removed with
// everything in it when the object goes away. For rule checks, rule cases and tests.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace vca::core {

class TempDir {
public:
    explicit TempDir(const std::string& prefix = "vcaudit") {
        std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    }
    // Empty when the folder could not be made.
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] bool ok() const { return !path_.empty(); }

private:
    std::filesystem::path path_;
};

}  // namespace vca::core
