// Privileges of the capture service: the interface is opened with root or
// CAP_NET_RAW, then, before the first packet is parsed, the process becomes
// an unprivileged user with no capabilities and cannot gain any back.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

#include "auditor/core/result.hpp"

namespace vca::service {

struct RunAs {
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
};

// The named user; by default `vcaudit` when that account exists, else `nobody`.
core::Result<RunAs> resolve_capture_user(const std::optional<std::string>& name);

// Refuses a world-writable folder (anyone could plant or swap evidence), a
// symbolic link or a file; writes nothing.
core::Status check_capture_dir(const std::filesystem::path& dir);

// check_capture_dir, then creates a missing folder (mode 0750) owned by the
// capture user.
core::Status prepare_capture_dir(const std::filesystem::path& dir, const RunAs& user);

// setgroups(0), setgid, setuid, no ambient or bounding capabilities where the
// kernel lets us, capset to empty, PR_SET_NO_NEW_PRIVS; then checks that
// root cannot be regained. Without root (already the user) only the
// capability and no-new-privileges steps apply.
core::Status drop_privileges(const RunAs& user);

// The effective, permitted and inheritable capability sets are all empty.
bool holds_no_capabilities();

}  // namespace vca::service
