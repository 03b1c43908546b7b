// Scans a folder of files (--files DIR) read-only: every regular file is
// hashed (with the caller's hasher: scan/ links no crypto library) and its
// start scanned with YARA. Links that leave the folder are not followed;
// every bound hit or file skipped is a note the caller stores as an anomaly.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/result.hpp"
#include "auditor/scan/scan_limits.hpp"
#include "auditor/scan/scanner.hpp"

namespace vca::scan {

// Incremental digest supplied by the caller (e.g. SHA-256 through OpenSSL).
class StreamHasher {
public:
    virtual ~StreamHasher() = default;
    virtual void update(core::Bytes chunk) = 0;
    virtual std::string finish() = 0;  // lowercase hex
};
using HasherFactory = std::function<std::unique_ptr<StreamHasher>()>;

struct TreeScanOptions {
    std::size_t max_files = limits::kMaxTreeFiles;
    std::size_t max_entries = limits::kMaxTreeEntries;
    int max_depth = limits::kMaxTreeDepth;
    std::uint64_t max_file_bytes = limits::kMaxTreeFileBytes;
};

struct FileScanResult {
    std::string relative_path;          // from the root, '/'-separated (a link: the link's path)
    std::uint64_t size = 0;             // bytes in the file
    double mtime = 0;                   // modification time, Unix seconds
    std::optional<std::string> sha256;  // whole file; absent without a hasher or past max_file_bytes
    std::uint64_t scanned_bytes = 0;    // bytes given to YARA (the start of the file)
    ScanOutcome outcome;
};

// Anomaly-like record; names: file_tree_file_limit, file_tree_entry_limit,
// file_tree_depth_limit, file_tree_file_too_large, file_tree_symlink_outside,
// file_tree_symlink_dir, file_tree_special_file, file_tree_unreadable.
struct TreeNote {
    std::string name;
    std::string relative_path;
    std::string detail;
};

struct TreeScanResult {
    std::vector<FileScanResult> files;  // in walk order (names sorted per folder)
    std::vector<TreeNote> notes;
};

// E504 when `root` is not a readable folder. Never throws.
core::Result<TreeScanResult> scan_file_tree(const std::filesystem::path& root, Scanner& scanner,
                                            const HasherFactory& make_hasher, const TreeScanOptions& options = {});

}  // namespace vca::scan
