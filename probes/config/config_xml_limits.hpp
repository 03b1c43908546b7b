// Bounds of the XML and JSON configuration parsers (Polycom, Cisco, RoomOS,
// Grandstream XML, FreeSWITCH, Spring beans). Every table that grows with
// the input has its limit here; hitting one adds a ParseIssue naming it and
// the rest of the file is not read.
#pragma once

#include <cstddef>

namespace vca::probes::config::markup_limits {

// Bytes of one file read; the largest real file of the corpus (a RoomOS
// full-configuration JSON dump) is about 1 MB.
inline constexpr std::size_t kMaxMarkupBytes = 16 * 1024 * 1024;

// Element nesting followed. Real configurations nest fewer than 12 deep.
inline constexpr std::size_t kMaxXmlDepth = 64;

// Elements visited per document.
inline constexpr std::size_t kMaxXmlElements = 200'000;

// Raw settings kept per file (a Polycom master sip.cfg has a few thousand
// attributes; a RoomOS dump about 600 items).
inline constexpr std::size_t kMaxRawSettings = 50'000;

// Normalised settings kept per file.
inline constexpr std::size_t kMaxSettings = 20'000;

// Damaged tags blanked out and the document parsed again, so what follows a
// broken tag (template directives such as ${PP_EACH_EXTENSION(...)}) is read.
inline constexpr std::size_t kMaxXmlRepairs = 32;

// JSON nesting accepted; deeper values are dropped.
inline constexpr std::size_t kMaxJsonDepth = 64;

// FreeSWITCH X-PRE-PROCESS variables kept; $${name} expansion: nesting
// followed, substitutions and bytes per value, and bytes produced per file
// (beyond it values stay as written, so unresolved).
inline constexpr std::size_t kMaxFreeswitchVars = 10'000;
inline constexpr std::size_t kMaxSubstitutionDepth = 8;
inline constexpr std::size_t kMaxSubstitutionsPerValue = 256;
inline constexpr std::size_t kMaxSubstitutedBytes = 16 * 1024;
inline constexpr std::size_t kMaxExpandedBytesPerFile = 8 * 1024 * 1024;

}  // namespace vca::probes::config::markup_limits
