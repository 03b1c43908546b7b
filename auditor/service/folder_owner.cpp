#include "auditor/service/folder_owner.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auditor/service/privileges.hpp"

namespace vca::service {

core::Result<std::string> become_folder_owner(const std::filesystem::path& dir) {
    struct stat st {};
    if (::geteuid() != 0 || ::stat(dir.c_str(), &st) != 0 || st.st_uid == 0) return std::string();
    passwd pw{};
    passwd* found = nullptr;
    char buf[4096];
    if (getpwuid_r(st.st_uid, &pw, buf, sizeof buf, &found) != 0 || found == nullptr)
        return core::make_diag("E160", dir.string() + ": owned by uid " + std::to_string(st.st_uid) +
                                           ", which has no account",
                               "chown the folder to the capture user");
    RunAs user{found->pw_name, found->pw_uid, found->pw_gid};
    if (auto done = drop_privileges(user); !done) return done.error();
    return user.name;
}

}  // namespace vca::service
