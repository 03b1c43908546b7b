#include "probes/traffic/app_dispatch.hpp"

#include <array>

#include "probes/decode/packet.hpp"
#include "probes/rtsp/rtsp_parser.hpp"
#include "probes/sip/sip_parser.hpp"
#include "probes/stun/stun_parser.hpp"
#include "probes/tls/tls_parser.hpp"

namespace vca::probes::traffic {
namespace {

struct PortEntry {
    std::uint8_t protocol;
    std::uint16_t port;
    App app;
};

// IANA service ports of the protocols a meeting system uses. SIP over TLS
// (5061) and TURN over TLS (5349) are TLS first; the SIP inside is encrypted.
constexpr std::array kPorts{
    PortEntry{decode::kTcp, 443, App::Tls},  PortEntry{decode::kTcp, 5061, App::Tls},
    PortEntry{decode::kTcp, 8443, App::Tls}, PortEntry{decode::kTcp, 5349, App::Tls},
    PortEntry{decode::kTcp, 465, App::Tls},  PortEntry{decode::kTcp, 636, App::Tls},
    PortEntry{decode::kTcp, 993, App::Tls},  PortEntry{decode::kTcp, 995, App::Tls},
    PortEntry{decode::kUdp, 5060, App::Sip},  PortEntry{decode::kTcp, 5060, App::Sip},
    PortEntry{decode::kTcp, 3478, App::Stun},
    // H.323 (H.225.0): call signalling on TCP 1720, RAS on UDP 1719 (and 1718 for discovery).
    PortEntry{decode::kTcp, 1720, App::H323}, PortEntry{decode::kUdp, 1719, App::Ras},
    PortEntry{decode::kUdp, 1718, App::Ras},
    // RTSP (cameras, recorders): 554 is IANA's, 8554 the usual alternative (LIVE555, VLC).
    PortEntry{decode::kTcp, 554, App::Rtsp}, PortEntry{decode::kTcp, 8554, App::Rtsp},
};

}  // namespace

std::string_view app_name(App app) {
    switch (app) {
        case App::Tls: return "tls";
        case App::Sip: return "sip";
        case App::Stun: return "stun";
        case App::H323: return "h323";
        case App::H245: return "h245";
        case App::Ras: return "h225_ras";
        case App::Rtsp: return "rtsp";
        case App::None: return "";
    }
    return "";
}

App app_by_port(std::uint8_t protocol, std::uint16_t port_a, std::uint16_t port_b) {
    for (const auto& e : kPorts)
        if (e.protocol == protocol && (e.port == port_a || e.port == port_b)) return e.app;
    return App::None;
}

App app_by_content(std::uint8_t protocol, core::Bytes payload) {
    if (protocol == decode::kTcp && tls::looks_like_tls(payload)) return App::Tls;
    if (protocol == decode::kTcp && rtsp::looks_like_rtsp(payload)) return App::Rtsp;
    if (sip::looks_like_sip(payload)) return App::Sip;  // UDP datagrams or a TCP stream
    // TURN over TCP, or ICE-TCP whose packets carry a 2-byte length (RFC 4571).
    if (protocol == decode::kTcp && (stun::looks_like_stun(payload) ||
                                     (payload.size() > 22 && stun::looks_like_stun(payload.subspan(2)))))
        return App::Stun;
    return App::None;
}

}  // namespace vca::probes::traffic
