// IpFragments: reassembles fragmented IPv4/IPv6 datagrams (SIP over UDP with
// a large SDP is fragmented in real life). Bounded by the fragment limits in
// core/limits.hpp; pieces that overlap with different bytes are reported.
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "probes/decode/packet.hpp"

namespace vca::probes::flow {

enum class FragmentOutcome {
    Held,       // waiting for more pieces
    Complete,   // `datagram` holds the whole IP payload
    Overlap,    // a piece rewrote bytes already received differently (kept the first)
    LimitHit,   // too many datagrams or bytes pending: piece dropped
    Invalid,    // offset + length beyond the largest datagram
};

struct FragmentResult {
    FragmentOutcome outcome = FragmentOutcome::Held;
    std::vector<std::uint8_t> datagram;
};

class IpFragments {
public:
    IpFragments(std::size_t max_datagrams, std::size_t max_bytes, double timeout_seconds);

    // `p` must have status Fragment (decode_frame set frag_* and fragment).
    FragmentResult add(const decode::PacketView& p, double ts);

    // Drops datagrams whose last piece is older than the timeout; returns how many.
    std::size_t expire(double now);

    // Datagrams still incomplete (at the end of the capture: lost pieces).
    [[nodiscard]] std::size_t pending() const { return pending_.size(); }

private:
    struct Key {
        std::uint8_t version = 0, protocol = 0;
        std::array<std::uint8_t, 16> src{}, dst{};
        std::uint32_t id = 0;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept;
    };
    struct Pending {
        std::vector<std::uint8_t> bytes;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;  // [begin, end), merged
        std::uint32_t total = 0;  // known once the last piece (MF=0) arrived
        bool have_last = false;
        double last_ts = 0;
    };
    std::size_t max_datagrams_, max_bytes_;
    double timeout_;
    std::size_t bytes_held_ = 0;
    std::unordered_map<Key, Pending, KeyHash> pending_;
};

}  // namespace vca::probes::flow
