// Defaults and bounds of live capture and of the rotating pcap writer, in one
// place (the offline reader's bound is core::limits::kMaxFrameBytes).
#pragma once

#include <cstddef>
#include <cstdint>

namespace vca::probes::capture::defaults {

// Bytes kept per packet: libpcap's own default, so nothing a tool like
// tcpdump would keep is cut.
inline constexpr int kSnaplen = 262'144;

// Kernel ring buffer. Larger absorbs bursts (fewer drops) at the cost of
// locked memory; --buffer-mb changes it.
inline constexpr std::size_t kBufferBytes = 8 * 1024 * 1024;
inline constexpr std::size_t kMaxBufferBytes = std::size_t{2} * 1024 * 1024 * 1024;

// How long one wait for packets may block, so a signal or a time-based
// rotation is seen within this delay on an idle link.
inline constexpr int kPollMilliseconds = 200;

// Rotation and retention when the options leave them out.
inline constexpr std::uint64_t kRotateBytes = 100ULL * 1024 * 1024;
inline constexpr double kRotateSeconds = 3600;

// A closed file is written through stdio; flush at least this often so a
// crash loses little and the file stays readable up to the last flush.
inline constexpr double kFlushSeconds = 1.0;

}  // namespace vca::probes::capture::defaults
