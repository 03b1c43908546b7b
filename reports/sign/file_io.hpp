// Small POSIX file helpers for keys, certificates and signatures: bounded
// reads with one-line diagnostics, and writes that never expose a private key.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "auditor/core/result.hpp"

namespace vca::sign {

// PEM keys, certificates and signatures are a few KiB; anything bigger than
// this is not one of them, so it is refused before it is read into memory.
inline constexpr std::size_t kMaxPemFileBytes = 1024 * 1024;

// Closes the descriptor it owns.
class UniqueFd {
public:
    explicit UniqueFd(int fd = -1) noexcept : fd_(fd) {}
    UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
    UniqueFd& operator=(UniqueFd&& o) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();
    [[nodiscard]] int get() const noexcept { return fd_; }
    int release() noexcept { const int f = fd_; fd_ = -1; return f; }

private:
    int fd_;
};

// "No such file or directory" for an errno value (thread-safe, unlike strerror).
std::string errno_text(int err);

// E401 "cannot read: <why>" naming the path.
core::Diagnostic unreadable_file(const std::filesystem::path& path, const std::string& why);

// Opens a regular file read-only (evidence is never opened for writing);
// `size` receives its size. E401 for a missing, unreadable or special file.
core::Result<UniqueFd> open_regular_readonly(const std::filesystem::path& path, std::size_t* size = nullptr);

// Whole regular file, at most max_bytes; E401 naming the path otherwise.
core::Result<std::string> read_file_bounded(const std::filesystem::path& path,
                                            std::size_t max_bytes = kMaxPemFileBytes);

// Writes `bytes` to `path`, created with exactly `mode` from the first byte
// (O_CREAT|O_EXCL, then fchmod so the umask cannot change it).
// overwrite=false: E406 if the path exists. overwrite=true: the new content
// goes to a temporary file beside it which is renamed over the old one, so
// readers see the old file or the new one, never a mix.
// On failure nothing this call created is left behind.
core::Status write_file_exclusive(const std::filesystem::path& path, std::string_view bytes,
                                  mode_t mode, bool overwrite);

// Like write_file_exclusive(overwrite=false), for outputs too big to hold in
// memory: `writer` streams the content into `out`, which goes to the file
// through a 1 MiB buffer. E406 if the path exists; E407 naming the file if a
// write fails (disk full, quota, file size limit) or `writer` throws; then
// the partial file is removed.
core::Status write_file_exclusive_streamed(const std::filesystem::path& path, mode_t mode,
                                           const std::function<void(std::ostream& out)>& writer);

// Creates every missing directory of `dir` with mode 0700 (existing ones are
// left as they are).
core::Status make_private_dirs(const std::filesystem::path& dir);

}  // namespace vca::sign
