#include "probes/flow/tcp_stream.hpp"

#include "probes/decode/packet.hpp"

namespace vca::probes::flow {
namespace {

// Signed distance a - b in sequence space (RFC 9293 §3.4: modulo 2^32).
std::int32_t seq_diff(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b); }

}  // namespace

TcpStream::TcpStream(std::size_t max_buffered) : max_buffered_(max_buffered) {}

SegmentOutcome TcpStream::add(std::uint32_t seq, std::uint8_t flags, core::Bytes payload,
                              const Deliver& deliver) {
    if (flags & decode::tcp_flags::kSyn) {
        if (!started_) {
            started_ = true;
            next_ = seq + 1;
        }
        if (payload.empty()) return SegmentOutcome::Empty;
        seq += 1;  // data on a SYN (TCP Fast Open) follows the SYN's sequence number
    }
    if (payload.empty()) return SegmentOutcome::Empty;
    if (!started_) {  // capture began mid-connection: start where we are
        started_ = true;
        next_ = seq;
    }
    std::int32_t ahead = seq_diff(seq, next_);
    if (ahead < 0) {
        auto already = static_cast<std::size_t>(-static_cast<std::int64_t>(ahead));
        if (already >= payload.size()) return SegmentOutcome::Retransmission;
        payload = payload.subspan(already);  // overlap: keep only the new tail
        seq = next_;
        ahead = 0;
    }
    if (ahead == 0) {
        deliver(payload, false);
        delivered_ += payload.size();
        next_ += static_cast<std::uint32_t>(payload.size());
        drain(deliver);
        return SegmentOutcome::Delivered;
    }
    // Out of order: hold it, bounded.
    if (pending_bytes_ + payload.size() <= max_buffered_) {
        auto& slot = pending_[seq];
        if (slot.size() < payload.size()) {
            pending_bytes_ += payload.size() - slot.size();
            slot.assign(payload.begin(), payload.end());
        }
        return SegmentOutcome::Buffered;
    }
    // Limit: give up on the hole, skip to the earliest data we hold (or this segment).
    ++gaps_;
    flush(deliver);
    next_ = seq;
    deliver(payload, true);
    delivered_ += payload.size();
    next_ += static_cast<std::uint32_t>(payload.size());
    return SegmentOutcome::GapSkipped;
}

void TcpStream::drain(const Deliver& deliver) {
    while (!pending_.empty()) {
        // Find the segment closest to next_ (map order is by raw seq; fine unless wrapping).
        auto it = pending_.begin();
        std::int32_t ahead = seq_diff(it->first, next_);
        if (ahead > 0) return;
        std::vector<std::uint8_t> data = std::move(it->second);
        pending_bytes_ -= data.size();
        pending_.erase(it);
        auto already = static_cast<std::size_t>(-static_cast<std::int64_t>(ahead));
        if (already >= data.size()) continue;
        core::Bytes fresh(data.data() + already, data.size() - already);
        deliver(fresh, false);
        delivered_ += fresh.size();
        next_ += static_cast<std::uint32_t>(fresh.size());
    }
}

void TcpStream::flush(const Deliver& deliver) {
    while (!pending_.empty()) {
        auto it = pending_.begin();
        if (seq_diff(it->first, next_) > 0) {
            ++gaps_;
            next_ = it->first;
            std::vector<std::uint8_t> data = std::move(it->second);
            pending_bytes_ -= data.size();
            pending_.erase(it);
            deliver(core::Bytes(data.data(), data.size()), true);
            delivered_ += data.size();
            next_ += static_cast<std::uint32_t>(data.size());
        }
        drain(deliver);
    }
}

}  // namespace vca::probes::flow
