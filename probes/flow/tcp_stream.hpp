// TcpStream: in-order delivery of one direction of a TCP connection
// (RFC 9293 §3.4 sequence arithmetic). Retransmitted bytes are dropped,
// out-of-order segments wait (bounded by limits::kMaxStreamBuffer), and a hole
// that never fills is skipped and reported, so parsers see contiguous data
// and are told where a gap was.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::flow {

enum class SegmentOutcome {
    Delivered,      // new in-order bytes were handed on (perhaps with buffered ones)
    Retransmission, // nothing new: all bytes already delivered
    Buffered,       // ahead of the expected sequence number: held until the hole fills
    GapSkipped,     // the buffer limit forced a skip over missing bytes
    Empty,          // no payload (pure ACK, SYN, FIN)
};

// Called with contiguous bytes; `after_gap` is true when bytes before these
// are missing. The view is valid only during the call.
using Deliver = std::function<void(core::Bytes data, bool after_gap)>;

class TcpStream {
public:
    explicit TcpStream(std::size_t max_buffered);

    SegmentOutcome add(std::uint32_t seq, std::uint8_t flags, core::Bytes payload, const Deliver& deliver);

    // End of capture: hand on whatever is still buffered, skipping holes.
    void flush(const Deliver& deliver);

    [[nodiscard]] std::int64_t gaps() const { return gaps_; }
    [[nodiscard]] std::uint64_t delivered() const { return delivered_; }

private:
    void drain(const Deliver& deliver);

    std::size_t max_buffered_;
    bool started_ = false;
    std::uint32_t next_ = 0;
    std::map<std::uint32_t, std::vector<std::uint8_t>> pending_;  // keyed by sequence number
    std::size_t pending_bytes_ = 0;
    std::int64_t gaps_ = 0;
    std::uint64_t delivered_ = 0;
};

}  // namespace vca::probes::flow
