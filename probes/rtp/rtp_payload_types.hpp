// Static RTP payload types of the RTP/AVP profile (RFC 3551 §6, Tables 4
// and 5): encoding name and RTP clock rate. Dynamic types (96-127) mean
// whatever the signalling (SDP a=rtpmap) says, so they have no entry here.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace vca::probes::rtp {

struct StaticPayloadType {
    std::string_view name;      // as RFC 3551 spells it ("PCMU", "H263")
    std::uint32_t clock_rate;   // Hz
    // Codecs whose RTP payload is exactly one octet per timestamp tick (G.711
    // at 8 bits per 8 kHz sample; G.722 at 64 kbit/s, clocked at 8 kHz by
    // RFC 3551 §4.5.2): payload length minus timestamp step exposes an SRTP tag.
    bool octet_per_tick;
};

std::optional<StaticPayloadType> static_payload_type(std::uint8_t payload_type);

}  // namespace vca::probes::rtp
