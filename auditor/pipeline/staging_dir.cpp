#include "auditor/pipeline/staging_dir.hpp"

#include <unistd.h>

namespace vca::pipeline {

core::Result<StagingDir> StagingDir::create(const std::filesystem::path& out_arg) {
    std::error_code ec;
    std::filesystem::path out = std::filesystem::absolute(out_arg, ec);
    if (std::filesystem::exists(out, ec)) {
        if (!std::filesystem::is_directory(out, ec))
            return core::make_diag("E130", out_arg.string() + ": exists and is not a folder",
                                   "choose a new output folder with --out");
        if (!std::filesystem::is_empty(out, ec))
            return core::make_diag("E131", out_arg.string() + ": output folder is not empty",
                                   "choose a new folder with --out; earlier reports are never overwritten");
    }
    std::filesystem::path parent = out.parent_path();
    std::filesystem::create_directories(parent, ec);
    if (ec)
        return core::make_diag("E132", parent.string() + ": cannot create the folder: " + ec.message(),
                               "check the --out path and its permissions");
    std::filesystem::path staging =
        parent / ("." + out.filename().string() + ".partial-" + std::to_string(::getpid()));
    std::filesystem::remove_all(staging, ec);
    if (!std::filesystem::create_directory(staging, ec) || ec)
        return core::make_diag("E132", staging.string() + ": cannot create the staging folder: " + ec.message(),
                               "check that the output's parent folder is writable");
    return StagingDir(out, staging);
}

StagingDir::StagingDir(std::filesystem::path out, std::filesystem::path staging)
    : out_(std::move(out)), staging_(std::move(staging)) {}

StagingDir::StagingDir(StagingDir&& o) noexcept
    : out_(std::move(o.out_)), staging_(std::move(o.staging_)), committed_(o.committed_) {
    o.committed_ = true;  // the moved-from object owns nothing
}

StagingDir::~StagingDir() {
    if (committed_ || staging_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(staging_, ec);
}

core::Status StagingDir::commit() {
    std::error_code ec;
    if (std::filesystem::exists(out_, ec)) std::filesystem::remove(out_, ec);  // empty folder, checked at create()
    std::filesystem::rename(staging_, out_, ec);
    if (ec)
        return core::make_diag("E133", out_.string() + ": cannot move the finished report into place: " + ec.message());
    committed_ = true;
    return core::ok_status();
}

}  // namespace vca::pipeline
