// `vcaudit evaluate` started as root on a folder the capture user owns runs
// as that owner, like the service would: files it adds (reports, the log,
// evaluations.jsonl) stay writable by the service, and no audit of
// untrusted packets runs as root.
#pragma once

#include <filesystem>
#include <string>

#include "auditor/core/result.hpp"

namespace vca::service {

// Nothing to do unless running as root and the folder belongs to another
// user; then drop_privileges() to that user. Returns the user's name ("" if
// nothing changed).
core::Result<std::string> become_folder_owner(const std::filesystem::path& dir);

}  // namespace vca::service
