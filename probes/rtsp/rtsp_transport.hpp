// The Transport header of SETUP requests and answers (RFC 2326 §12.39,
// RFC 7826 §18.54): how the media of one stream travels. Only the first
// transport-spec is read: a client lists its choices in preference order,
// and the server answers with the one it took.
//
// Pure function: no state, no exceptions, no crash on any input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vca::probes::rtsp {

struct PortRange {
    std::uint16_t first = 0, last = 0;  // last == first for a single port
};

struct RtspTransport {
    // transport/profile[/lower-transport], upper-cased as sent:
    // "RTP/AVP", "RTP/AVP/UDP", "RTP/AVP/TCP", "RTP/SAVP", "RTP/SAVPF/TCP".
    std::string profile;
    std::optional<bool> multicast;                // unicast: false, multicast: true, neither said: nullopt
    std::optional<PortRange> client_port, server_port, port;  // port= is the multicast one
    std::optional<PortRange> interleaved;         // channels of '$' frames on the RTSP connection
    std::optional<std::string> destination, source;
    std::optional<std::string> mode;              // lower-cased, unquoted: "play", "record"

    // Media on the RTSP connection itself: lower transport TCP or interleaved channels.
    [[nodiscard]] bool over_rtsp_connection() const;
    // An SRTP profile (RTP/SAVP, RTP/SAVPF: RFC 3711, RFC 7826 Appendix C.1.6).
    [[nodiscard]] bool srtp() const;
};

// Parses the first transport-spec of a Transport value; nullopt when it has no profile.
std::optional<RtspTransport> parse_transport(std::string_view value);

}  // namespace vca::probes::rtsp
