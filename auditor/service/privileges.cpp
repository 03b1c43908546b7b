#include "auditor/service/privileges.hpp"

#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace vca::service {
namespace {

std::optional<RunAs> lookup(const std::string& name) {
    passwd pw{};
    passwd* found = nullptr;
    char buf[4096];
    if (getpwnam_r(name.c_str(), &pw, buf, sizeof buf, &found) != 0 || found == nullptr) return std::nullopt;
    return RunAs{name, found->pw_uid, found->pw_gid};
}

std::string sys_error(const std::string& what) { return what + ": " + std::strerror(errno); }

int last_capability() {
    std::ifstream in("/proc/sys/kernel/cap_last_cap");
    int n = CAP_LAST_CAP;
    in >> n;
    return n;
}

// libcap is not needed for "no capabilities at all": one capset(2) call.
bool clear_capabilities() {
    __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    return syscall(SYS_capset, &hdr, data) == 0;
}

}  // namespace

bool holds_no_capabilities() {
    __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    if (syscall(SYS_capget, &hdr, data) != 0) return false;
    for (const auto& d : data)
        if (d.effective != 0 || d.permitted != 0 || d.inheritable != 0) return false;
    return true;
}

core::Result<RunAs> resolve_capture_user(const std::optional<std::string>& name) {
    if (name) {
        if (auto u = lookup(*name)) return *u;
        return core::make_diag("E160", "user '" + *name + "' does not exist",
                               "create it (useradd --system " + *name + ") or pass another --user");
    }
    for (const char* candidate : {"vcaudit", "nobody"})
        if (auto u = lookup(candidate)) return *u;
    return core::make_diag("E160", "neither user 'vcaudit' nor 'nobody' exists", "pass --user NAME");
}

core::Status check_capture_dir(const std::filesystem::path& dir) {
    struct stat st {};
    if (::lstat(dir.c_str(), &st) == 0) {
        if (S_ISLNK(st.st_mode))
            return core::make_diag("E161", dir.string() + ": is a symbolic link", "pass the real folder");
        if (!S_ISDIR(st.st_mode)) return core::make_diag("E161", dir.string() + ": not a folder");
        if ((st.st_mode & S_IWOTH) != 0)
            return core::make_diag("E161", dir.string() + ": folder is world-writable, so anyone could plant or swap evidence",
                                   "chmod o-w " + dir.string() + " or pick another --dir");
        return core::ok_status();
    }
    if (errno != ENOENT) return core::make_diag("E161", sys_error(dir.string()));
    return core::ok_status();
}

core::Status prepare_capture_dir(const std::filesystem::path& dir, const RunAs& user) {
    if (auto st = check_capture_dir(dir); !st) return st;
    struct stat st {};
    if (::lstat(dir.c_str(), &st) == 0) return core::ok_status();
    std::error_code ec;
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0750) != 0) return core::make_diag("E161", sys_error(dir.string() + ": cannot create"));
    ::chmod(dir.c_str(), 0750);  // the umask must not widen or narrow it
    if (::geteuid() == 0 && ::chown(dir.c_str(), user.uid, user.gid) != 0)
        return core::make_diag("E161", sys_error(dir.string() + ": cannot give it to user " + user.name));
    return core::ok_status();
}

core::Status drop_privileges(const RunAs& user) {
    auto fail = [](const std::string& what) {
        return core::make_diag("E163", sys_error("cannot drop privileges: " + what),
                               "run as root or with CAP_SETUID, CAP_SETGID (see packaging/systemd/vcaudit-capture.service)");
    };
    bool root = ::geteuid() == 0;
    if (root || ::getuid() != user.uid) {
        // Bounding set first (needs CAP_SETPCAP, which a hardened unit may
        // not grant): then not even a setuid binary could give caps back.
        for (int cap = 0; cap <= last_capability(); ++cap) (void)prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
        if (::setgroups(0, nullptr) != 0) return fail("setgroups");
        if (::setresgid(user.gid, user.gid, user.gid) != 0) return fail("setgid");
        if (::setresuid(user.uid, user.uid, user.uid) != 0) return fail("setuid");
    }
    (void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    if (!clear_capabilities()) return fail("capset");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return fail("PR_SET_NO_NEW_PRIVS");
    uid_t r = 0, e = 0, s = 0;
    if (user.uid != 0 && (::setuid(0) == 0 || ::getresuid(&r, &e, &s) != 0 || r != user.uid || e != user.uid ||
                          s != user.uid))
        return core::make_diag("E163", "privileges were not dropped: root can still be regained");
    if (!holds_no_capabilities()) return core::make_diag("E163", "privileges were not dropped: capabilities remain");
    return core::ok_status();
}

}  // namespace vca::service
