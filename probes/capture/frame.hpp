// Frame: one captured link-layer frame. `data` points into the capture
// library's buffer and is valid only until the next read.
#pragma once

#include <cstdint>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::capture {

struct Frame {
    double ts = 0;               // Unix seconds
    int linktype = 0;            // DLT value as returned by libpcap
    core::Bytes data;            // captured bytes (may be shorter than orig_len)
    std::uint32_t orig_len = 0;  // length on the wire
    std::int64_t number = 0;     // 1-based frame number within the input
};

}  // namespace vca::probes::capture
