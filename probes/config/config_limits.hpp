// Bounds on everything a configuration file can make a parser hold. A file
// that hits one gets a ParseIssue naming the limit; what was read so far is
// kept (DESIGN.md "Conventions").
#pragma once

#include <cstddef>

namespace vca::probes::config::limits {

// Bytes of one file that are read; real configuration files are far smaller
// (the largest in the corpus is about 1 MB of JSON).
inline constexpr std::size_t kMaxConfigBytes = 16 * 1024 * 1024;

// Characters of one line that are kept; the rest of the line is dropped.
inline constexpr std::size_t kMaxLineLength = 16 * 1024;

// Lines joined into one logical line or statement (properties continuation
// lines, multi-line Kamailio modparam calls).
inline constexpr std::size_t kMaxJoinedLines = 64;

// Settings recorded per file, as written and normalised, and issues reported.
inline constexpr std::size_t kMaxRawSettings = 50'000;
inline constexpr std::size_t kMaxSettings = 10'000;
inline constexpr std::size_t kMaxIssues = 200;

// Arguments kept per directive or statement (nginx, HOCON arrays).
inline constexpr std::size_t kMaxArguments = 1024;

// Nesting of blocks, objects, arrays and #!ifdef levels.
inline constexpr std::size_t kMaxNesting = 64;

// Sections of an INI file and inherited templates per section.
inline constexpr std::size_t kMaxSections = 20'000;
inline constexpr std::size_t kMaxTemplatesPerSection = 16;

// Preprocessor names (#!define) and passes of ${...} substitution.
inline constexpr std::size_t kMaxDefines = 4096;
inline constexpr std::size_t kMaxSubstitutionDepth = 8;

}  // namespace vca::probes::config::limits
