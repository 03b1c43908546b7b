// SignalledMedia: the media endpoints the signalling announced, with what it
// said of their protection: the connection address and port of each SDP m=
// line with its profile (RFC 3264 §5: media is sent to the address and port
// of the other side's description), and the media channel of each H.245
// logical channel with its dataType. An RTP flow to or from one of them is
// known as plain or protected before its payload is looked at.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "probes/rtp/rtp_tracker.hpp"

namespace vca::probes::traffic {

class SignalledMedia {
public:
    // An SDP m= line's endpoint and transport profile (RTP/AVP, RTP/SAVP...).
    void add(const std::string& addr, std::uint16_t port, const std::string& proto);
    // An endpoint with what the signalling said (KnownRtp, H245Encrypted...).
    void add(const std::string& addr, std::uint16_t port, rtp::Hint hint);
    // Hint for a datagram between these endpoints (either may be the announced one).
    [[nodiscard]] rtp::Hint lookup(const std::string& ip_a, std::uint16_t port_a, const std::string& ip_b,
                                   std::uint16_t port_b) const;
    [[nodiscard]] bool empty() const { return endpoints_.empty(); }

private:
    std::unordered_map<std::string, rtp::Hint> endpoints_;  // "addr port" → what was said
};

}  // namespace vca::probes::traffic
