// PacketRecord: one packet exactly as libpcap delivered it (seconds and
// microseconds kept apart), so what is written to a pcap file is bit for bit
// what was captured, and what is analysed is what an offline read would see.
#pragma once

#include <cstdint>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::capture {

struct PacketRecord {
    std::int64_t ts_sec = 0;
    std::int32_t ts_usec = 0;
    std::uint32_t orig_len = 0;  // length on the wire
    core::Bytes bytes;           // captured bytes (caplen); valid until the next read

    [[nodiscard]] double ts() const { return static_cast<double>(ts_sec) + static_cast<double>(ts_usec) / 1e6; }
};

}  // namespace vca::probes::capture
