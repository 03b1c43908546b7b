#include "auditor/scan/file_tree_scan.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace vca::scan {

namespace fs = std::filesystem;

namespace {

// True when canonical `p` is `root` or below it (both canonical).
bool inside(const fs::path& root, const fs::path& p) {
    auto q = p.begin();
    for (auto r = root.begin(); r != root.end(); ++r, ++q) {
        if (q == p.end() || *r != *q) return false;
    }
    return true;
}

// Read-only, without following a last-component link, without blocking on
// a FIFO swapped in after the type check, and without touching atime when
// the file's owner runs us.
int open_read_only(const fs::path& p) {
    const int flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
    int fd = ::open(p.c_str(), flags | O_NOATIME);
    if (fd < 0 && errno == EPERM) fd = ::open(p.c_str(), flags);
    return fd;
}

class TreeWalk {
public:
    TreeWalk(fs::path root, Scanner& scanner, const HasherFactory& make_hasher, const TreeScanOptions& options)
        : root_(std::move(root)), scanner_(scanner), make_hasher_(make_hasher), opt_(options) {}

    TreeScanResult run() {
        std::vector<std::pair<fs::path, int>> pending{{root_, 0}};
        while (!pending.empty() && !stopped_) {
            auto [dir, depth] = std::move(pending.back());
            pending.pop_back();
            std::vector<fs::path> subdirs;
            walk_folder(dir, depth, subdirs);
            for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) pending.emplace_back(std::move(*it), depth + 1);
        }
        return std::move(out_);
    }

private:
    std::string relative(const fs::path& p) const { return p.lexically_relative(root_).generic_string(); }

    void note(std::string name, const fs::path& p, std::string detail) {
        out_.notes.push_back(TreeNote{std::move(name), relative(p), std::move(detail)});
    }

    void walk_folder(const fs::path& dir, int depth, std::vector<fs::path>& subdirs) {
        std::vector<fs::path> entries;
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(it->path());
        if (ec) note("file_tree_unreadable", dir, "folder not listed in full: " + ec.message());
        std::sort(entries.begin(), entries.end());

        for (const auto& path : entries) {
            if (++entry_count_ > opt_.max_entries) {
                note("file_tree_entry_limit", path,
                     "stopped after " + std::to_string(opt_.max_entries) + " folder entries");
                stopped_ = true;
                return;
            }
            const auto st = fs::symlink_status(path, ec);
            if (ec) {
                note("file_tree_unreadable", path, ec.message());
            } else if (fs::is_symlink(st)) {
                follow_link(path);
            } else if (fs::is_directory(st)) {
                if (depth + 1 > opt_.max_depth)
                    note("file_tree_depth_limit", path,
                         "folder deeper than " + std::to_string(opt_.max_depth) + " levels not walked");
                else
                    subdirs.push_back(path);
            } else if (fs::is_regular_file(st)) {
                scan_file(path, path);
            } else {
                note("file_tree_special_file", path, "not a regular file (device, FIFO or socket): not read");
            }
            if (stopped_) return;
        }
    }

    void follow_link(const fs::path& link) {
        std::error_code ec;
        const fs::path target = fs::canonical(link, ec);
        if (ec) {
            note("file_tree_unreadable", link, "broken link: " + ec.message());
            return;
        }
        if (!inside(root_, target)) {
            note("file_tree_symlink_outside", link, "link to " + target.string() + " leaves the folder: not followed");
            return;
        }
        const auto st = fs::status(target, ec);
        if (!ec && fs::is_directory(st)) {
            note("file_tree_symlink_dir", link, "link to folder " + relative(target) + " not followed (walked in place)");
        } else if (!ec && fs::is_regular_file(st)) {
            scan_file(target, link);
        } else {
            note("file_tree_special_file", link, "link to something that is not a regular file: not read");
        }
    }

    // Reads `path` (reported as `shown`): hashes all of it, scans its start.
    void scan_file(const fs::path& path, const fs::path& shown) {
        if (out_.files.size() >= opt_.max_files) {
            note("file_tree_file_limit", shown, "stopped after " + std::to_string(opt_.max_files) + " files");
            stopped_ = true;
            return;
        }
        const int fd = open_read_only(path);
        if (fd < 0) {
            note("file_tree_unreadable", shown, std::strerror(errno));
            return;
        }
        struct stat st {};
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            note("file_tree_special_file", shown, "not a regular file when opened: not read");
            return;
        }
        FileScanResult r;
        r.relative_path = relative(shown);
        r.size = static_cast<std::uint64_t>(st.st_size);
        r.mtime = static_cast<double>(st.st_mtim.tv_sec) + static_cast<double>(st.st_mtim.tv_nsec) / 1e9;

        const std::size_t window = scanner_.options().max_bytes;
        const bool too_large = r.size > opt_.max_file_bytes;
        if (too_large)
            note("file_tree_file_too_large", shown,
                 std::to_string(r.size) + " bytes: not hashed, only the first " + std::to_string(window) +
                     " bytes scanned");
        std::unique_ptr<StreamHasher> hasher = (!too_large && make_hasher_) ? make_hasher_() : nullptr;

        std::vector<std::uint8_t> head;
        head.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(r.size, window)));
        std::vector<std::uint8_t> chunk(limits::kTreeReadChunk);
        std::uint64_t total = 0;
        bool at_end = false;
        while (true) {
            const ssize_t n = ::read(fd, chunk.data(), chunk.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                note("file_tree_unreadable", shown, std::string("read failed: ") + std::strerror(errno));
                hasher.reset();
                break;
            }
            if (n == 0) {
                at_end = true;
                break;
            }
            const auto got = static_cast<std::size_t>(n);
            total += got;
            const core::Bytes bytes(chunk.data(), got);
            if (hasher) hasher->update(bytes);
            const std::size_t room = window - head.size();
            head.insert(head.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(room, got)));
            if (total > opt_.max_file_bytes && hasher) {
                note("file_tree_file_too_large", shown, "grew past " + std::to_string(opt_.max_file_bytes) +
                                                            " bytes while read: not hashed");
                hasher.reset();
            }
            if (!hasher && head.size() >= window) break;  // nothing more to do with the rest
        }
        ::close(fd);
        if (hasher && at_end) {
            r.sha256 = hasher->finish();
            r.size = total;  // what was hashed, should the file have changed since fstat
        }
        r.scanned_bytes = head.size();
        r.outcome = scanner_.scan(head);
        const bool whole = at_end ? total == head.size() : r.size <= head.size();
        if (r.outcome.status == ScanStatus::ok && !whole) r.outcome.status = ScanStatus::too_large_truncated;
        out_.files.push_back(std::move(r));
    }

    fs::path root_;
    Scanner& scanner_;
    const HasherFactory& make_hasher_;
    const TreeScanOptions& opt_;
    TreeScanResult out_;
    std::size_t entry_count_ = 0;
    bool stopped_ = false;
};

}  // namespace

core::Result<TreeScanResult> scan_file_tree(const fs::path& root, Scanner& scanner, const HasherFactory& make_hasher,
                                            const TreeScanOptions& options) {
    try {
        std::error_code ec;
        const fs::path canonical_root = fs::canonical(root, ec);
        if (ec)
            return core::make_diag(kErrFileTree, "cannot open the folder to scan: " + ec.message(),
                                   "pass an existing folder to --files", root.string());
        if (!fs::is_directory(canonical_root, ec))
            return core::make_diag(kErrFileTree, "not a folder", "pass the folder that holds the files to --files",
                                   root.string());
        return TreeWalk(canonical_root, scanner, make_hasher, options).run();
    } catch (const std::exception& e) {  // allocation failure: the walk cannot go on
        return core::make_diag(kErrFileTree, std::string("file tree scan stopped: ") + e.what(),
                               "free some memory or scan a smaller folder", root.string());
    }
}

}  // namespace vca::scan
