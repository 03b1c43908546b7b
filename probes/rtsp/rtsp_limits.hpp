// Bounds of the RTSP probe. They belong with the others in
// auditor/core/limits.hpp; kept here until that header's owner moves them.
#pragma once

#include <cstddef>

namespace vca::probes::rtsp::limits {

// Start line and header fields of one message (RFC 2326 §6 / RFC 7826 §8):
// cameras send well under 2 KiB. A longer head is invalid (`rtsp_head_limit`).
inline constexpr std::size_t kMaxRtspHead = 16 * 1024;
// Header fields kept per message; more make the message invalid.
inline constexpr std::size_t kMaxRtspHeaders = 128;
// Body bytes (Content-Length) of one message: SDP of DESCRIBE answers and
// GET_PARAMETER text are a few KiB. Larger: `rtsp_body_limit`.
inline constexpr std::size_t kMaxRtspBody = 64 * 1024;
// Bytes held per direction while an element is incomplete. An interleaved
// frame (RFC 2326 §10.12: '$', channel, 16-bit length) is at most 65539
// bytes, so one frame plus one message head fits. Beyond: `rtsp_buffer_limit`.
inline constexpr std::size_t kMaxRtspStreamBuffer = 128 * 1024;

}  // namespace vca::probes::rtsp::limits
