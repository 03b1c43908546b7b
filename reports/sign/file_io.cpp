#include "reports/sign/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <streambuf>
#include <system_error>
#include <vector>

#include "reports/sign/codes.hpp"

namespace vca::sign {

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
}

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

core::Diagnostic unreadable_file(const std::filesystem::path& path, const std::string& why) {
    return core::make_diag(codes::kUnreadableFile, "cannot read: " + why, "check the path and its permissions",
                           path.string());
}

core::Result<UniqueFd> open_regular_readonly(const std::filesystem::path& path, std::size_t* size) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return unreadable_file(path, errno_text(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return unreadable_file(path, errno_text(errno));
    if (!S_ISREG(st.st_mode)) return unreadable_file(path, "not a regular file");
    if (size != nullptr) *size = static_cast<std::size_t>(st.st_size);
    return fd;
}

core::Result<std::string> read_file_bounded(const std::filesystem::path& path,
                                            std::size_t max_bytes) {
    const auto unreadable = [&](const std::string& why) { return unreadable_file(path, why); };
    std::size_t size = 0;
    auto opened = open_regular_readonly(path, &size);
    if (!opened) return opened.error();
    UniqueFd fd = std::move(opened.value());
    if (size > max_bytes)
        return unreadable("larger than " + std::to_string(max_bytes) + " bytes, not a PEM file");

    std::string out;
    out.resize(size);
    std::size_t got = 0;
    // Read until EOF, not just st_size: the file may change while we read,
    // and the bound must hold either way.
    for (;;) {
        if (got == out.size()) {
            if (out.size() > max_bytes) return unreadable("grew beyond the size limit while read");
            out.resize(out.size() + 4096);
        }
        const ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            return unreadable(errno_text(errno));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    if (out.size() > max_bytes) return unreadable("grew beyond the size limit while read");
    return out;
}

namespace {

core::Diagnostic write_error(const std::filesystem::path& shown, const std::string& why) {
    return core::make_diag(codes::kCannotWrite, "cannot write: " + why,
                           "check that the directory exists and is writable", shown.string());
}

// Creates `path` (which must not exist) with exactly `mode`.
core::Result<UniqueFd> create_exclusive(const std::filesystem::path& path, mode_t mode,
                                        const std::filesystem::path& shown) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
    if (fd.get() < 0) {
        const int err = errno;
        if (err == EEXIST)
            return core::make_diag(codes::kFileExists, "already exists; refusing to overwrite it",
                                   "move it away first, or choose another path", shown.string());
        return write_error(shown, errno_text(err));
    }
    // The umask may only have removed bits; make the mode exact before any byte lands.
    if (::fchmod(fd.get(), mode) != 0) {
        const int err = errno;
        ::unlink(path.c_str());
        return write_error(shown, errno_text(err));
    }
    return fd;
}

// 0 or the errno of the failed write.
int write_all(int fd, const char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

// 0 or the errno of the failed fsync or close; the descriptor is closed either way.
int sync_and_close(UniqueFd& fd) {
    if (::fsync(fd.get()) != 0) return errno;
    if (::close(fd.release()) != 0) return errno;
    return 0;
}

// Creates `path` (which must not exist) with `mode`, writes and syncs it.
// Removes the file again if anything after its creation fails.
core::Status create_write_sync(const std::filesystem::path& path, std::string_view bytes,
                               mode_t mode, const std::filesystem::path& shown) {
    auto created = create_exclusive(path, mode, shown);
    if (!created) return created.error();
    UniqueFd fd = std::move(created.value());
    int err = write_all(fd.get(), bytes.data(), bytes.size());
    if (err == 0) err = sync_and_close(fd);
    if (err != 0) {
        ::unlink(path.c_str());
        return write_error(shown, errno_text(err));
    }
    return core::ok_status();
}

// An output stream buffer over a descriptor that keeps the first write error,
// after which it accepts nothing more (the ostream then goes bad).
class FdStreamBuf : public std::streambuf {
public:
    FdStreamBuf(int fd, std::size_t size) : fd_(fd), buffer_(size) { setp(buffer_.data(), buffer_.data() + size); }
    [[nodiscard]] int error() const { return error_; }
    bool flush_buffer() {
        if (error_ == 0) error_ = write_all(fd_, pbase(), static_cast<std::size_t>(pptr() - pbase()));
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return error_ == 0;
    }

protected:
    int_type overflow(int_type c) override {
        if (!flush_buffer()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        const auto size = static_cast<std::size_t>(n);
        if (size <= static_cast<std::size_t>(epptr() - pptr())) {
            std::memcpy(pptr(), s, size);
            pbump(static_cast<int>(n));
            return n;
        }
        // Bigger than the room left: flush, then copy or (if it would not fit anyway) write through.
        if (!flush_buffer()) return 0;
        if (size < buffer_.size()) return xsputn(s, n);
        error_ = write_all(fd_, s, size);
        return error_ == 0 ? n : 0;
    }
    int sync() override { return flush_buffer() ? 0 : -1; }

private:
    int fd_;
    std::vector<char> buffer_;
    int error_ = 0;
};

// Makes a rename durable; best effort, as not every filesystem supports it.
void sync_parent_dir(const std::filesystem::path& path) {
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) (void)::fsync(fd.get());
}

std::string random_suffix() {
    std::random_device rd;
    const unsigned long long v = (static_cast<unsigned long long>(rd()) << 32U) ^ rd();
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", v);
    return buf;
}

}  // namespace

core::Status write_file_exclusive(const std::filesystem::path& path, std::string_view bytes,
                                  mode_t mode, bool overwrite) {
    if (!overwrite) {
        auto st = create_write_sync(path, bytes, mode, path);
        if (st.ok()) sync_parent_dir(path);
        return st;
    }
    // O_EXCL on a fresh random name: never follows or reuses a planted file.
    for (int attempt = 0; attempt < 8; ++attempt) {
        std::filesystem::path tmp = path;
        tmp += ".tmp-" + random_suffix();
        auto st = create_write_sync(tmp, bytes, mode, path);
        if (!st.ok() && st.error().code == codes::kFileExists) continue;
        if (!st.ok()) return st;
        if (::rename(tmp.c_str(), path.c_str()) != 0) {
            const int err = errno;
            ::unlink(tmp.c_str());
            return write_error(path, errno_text(err));
        }
        sync_parent_dir(path);
        return core::ok_status();
    }
    return write_error(path, "could not create a temporary file beside it");
}

core::Status write_file_exclusive_streamed(const std::filesystem::path& path, mode_t mode,
                                           const std::function<void(std::ostream& out)>& writer) {
    constexpr std::size_t kBufferBytes = 1024 * 1024;  // few syscalls for outputs of tens of MB
    auto created = create_exclusive(path, mode, path);
    if (!created) return created.error();
    UniqueFd fd = std::move(created.value());
    const auto fail = [&](const std::string& why) {
        fd = UniqueFd();
        ::unlink(path.c_str());
        return write_error(path, why);
    };
    FdStreamBuf buffer(fd.get(), kBufferBytes);
    std::ostream out(&buffer);
    try {
        writer(out);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    buffer.flush_buffer();
    if (buffer.error() != 0) return fail(errno_text(buffer.error()));
    if (!out) return fail("the output stream failed");
    if (const int err = sync_and_close(fd); err != 0) return fail(errno_text(err));
    sync_parent_dir(path);
    return core::ok_status();
}

core::Status make_private_dirs(const std::filesystem::path& dir) {
    std::filesystem::path cur;
    for (const auto& part : dir) {
        cur /= part;
        if (part.empty() || part == "/" || part == "." || part == "..") continue;
        if (::mkdir(cur.c_str(), 0700) == 0 || errno == EEXIST) continue;
        const int err = errno;
        return core::make_diag(codes::kCannotWrite, "cannot create directory: " + errno_text(err),
                               "check the permissions of its parent", cur.string());
    }
    return core::ok_status();
}

}  // namespace vca::sign
