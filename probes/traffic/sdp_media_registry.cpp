#include "probes/traffic/sdp_media_registry.hpp"

#include "auditor/core/limits.hpp"

namespace vca::probes::traffic {
namespace {

std::string key(const std::string& addr, std::uint16_t port) { return addr + ' ' + std::to_string(port); }

// RTP/SAVP, RTP/SAVPF (RFC 3711, 5124) and UDP/TLS/RTP/SAVP(F) (RFC 5764) are SRTP.
bool srtp_profile(const std::string& proto) { return proto.find("SAVP") != std::string::npos; }

}  // namespace

void SdpMediaRegistry::add(const std::string& addr, std::uint16_t port, const std::string& proto) {
    // Port 0 rejects the stream (RFC 3264 §6); non-RTP profiles are not media we track.
    if (port == 0 || addr.empty() || proto.find("RTP") == std::string::npos) return;
    if (endpoints_.size() >= core::limits::kMaxSdpEndpoints) return;
    rtp::Hint h = srtp_profile(proto) ? rtp::Hint::KnownSrtp : rtp::Hint::KnownRtp;
    auto [it, inserted] = endpoints_.emplace(key(addr, port), h);
    // An endpoint re-offered with another profile keeps the weaker claim.
    if (!inserted && h == rtp::Hint::KnownRtp) it->second = h;
}

rtp::Hint SdpMediaRegistry::lookup(const std::string& ip_a, std::uint16_t port_a, const std::string& ip_b,
                                   std::uint16_t port_b) const {
    if (endpoints_.empty()) return rtp::Hint::Unknown;
    if (auto it = endpoints_.find(key(ip_a, port_a)); it != endpoints_.end()) return it->second;
    if (auto it = endpoints_.find(key(ip_b, port_b)); it != endpoints_.end()) return it->second;
    return rtp::Hint::Unknown;
}

}  // namespace vca::probes::traffic
