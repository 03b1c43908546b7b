// StagingDir: an audit is written into a hidden sibling folder and renamed to
// the requested output folder only once complete and signed, so a failed run
// never leaves a half-written or half-signed report behind.
#pragma once

#include <filesystem>

#include "auditor/core/result.hpp"

namespace vca::pipeline {

class StagingDir {
public:
    // Refuses an output folder that exists and is not empty.
    static core::Result<StagingDir> create(const std::filesystem::path& out);

    StagingDir(StagingDir&&) noexcept;
    StagingDir& operator=(StagingDir&&) = delete;
    ~StagingDir();  // removes the staging folder unless committed

    [[nodiscard]] const std::filesystem::path& path() const { return staging_; }

    // Renames the staging folder to the output folder.
    core::Status commit();

private:
    StagingDir(std::filesystem::path out, std::filesystem::path staging);
    std::filesystem::path out_, staging_;
    bool committed_ = false;
};

}  // namespace vca::pipeline
