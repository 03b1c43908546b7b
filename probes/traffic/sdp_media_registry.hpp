// SdpMediaRegistry: the media endpoints SDP offers and answers announced
// (connection address and port of each m= line) with the profile they
// named, so an RTP flow to or from one of them is known as RTP or SRTP
// before its payload is looked at (RFC 3264 §5: media is sent to the
// address and port of the other side's description).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "probes/rtp/rtp_tracker.hpp"

namespace vca::probes::traffic {

class SdpMediaRegistry {
public:
    void add(const std::string& addr, std::uint16_t port, const std::string& proto);
    // Hint for a datagram between these endpoints (either may be the announced one).
    [[nodiscard]] rtp::Hint lookup(const std::string& ip_a, std::uint16_t port_a, const std::string& ip_b,
                                   std::uint16_t port_b) const;
    [[nodiscard]] bool empty() const { return endpoints_.empty(); }

private:
    std::unordered_map<std::string, rtp::Hint> endpoints_;  // "addr port" → profile
};

}  // namespace vca::probes::traffic
