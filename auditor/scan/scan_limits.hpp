// Bounds of the YARA scanning module (auditor/scan). Kept beside the module
// rather than in core/limits.hpp: only scan/ and its callers use them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vca::scan::limits {

// A rule file larger than this is refused (E501): real rule sets are
// kilobytes; a multi-megabyte file is a mistake (a sample passed as rules).
inline constexpr std::size_t kMaxRuleFileBytes = 16 * 1024 * 1024;
// Rule files taken from one user folder; more is refused (E501).
inline constexpr std::size_t kMaxRuleFilesPerFolder = 1000;

// Wall-clock seconds one object may take to scan (libyara counts whole
// seconds). A rule that loops over a large object stops here with status
// timeout instead of stalling the run.
inline constexpr int kDefaultScanTimeoutSeconds = 60;
// Bytes of one object handed to libyara; a larger object is scanned on its
// first kMaxScanObjectBytes only (status too_large_truncated). Magic numbers
// and document stamps sit at the start; libyara keeps a copy-free view, so
// this bounds the caller's buffer.
inline constexpr std::size_t kMaxScanObjectBytes = 64 * 1024 * 1024;

// File trees (--files DIR): regular files scanned, directory entries looked
// at (files, folders, links, others), and folder depth. Past a bound the walk
// stops or skips with a note (file_tree_file_limit, file_tree_entry_limit,
// file_tree_depth_limit).
inline constexpr std::size_t kMaxTreeFiles = 100'000;
inline constexpr std::size_t kMaxTreeEntries = 1'000'000;
inline constexpr int kMaxTreeDepth = 64;
// A file larger than this is neither read to the end nor hashed: only its
// first kMaxScanObjectBytes are scanned (note file_tree_file_too_large).
inline constexpr std::uint64_t kMaxTreeFileBytes = 4ULL * 1024 * 1024 * 1024;
// Bytes read per system call while hashing and filling the scan buffer.
inline constexpr std::size_t kTreeReadChunk = 1024 * 1024;

}  // namespace vca::scan::limits
