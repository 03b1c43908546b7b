#include "probes/traffic/signalled_media.hpp"

#include "auditor/core/limits.hpp"

namespace vca::probes::traffic {
namespace {

std::string key(const std::string& addr, std::uint16_t port) { return addr + ' ' + std::to_string(port); }

// RTP/SAVP, RTP/SAVPF (RFC 3711, 5124) and UDP/TLS/RTP/SAVP(F) (RFC 5764) are SRTP.
bool srtp_profile(const std::string& proto) { return proto.find("SAVP") != std::string::npos; }

}  // namespace

void SignalledMedia::add(const std::string& addr, std::uint16_t port, const std::string& proto) {
    // Port 0 rejects the stream (RFC 3264 §6); non-RTP profiles are not media we track.
    if (proto.find("RTP") == std::string::npos) return;
    add(addr, port, srtp_profile(proto) ? rtp::Hint::KnownSrtp : rtp::Hint::KnownRtp);
}

void SignalledMedia::add(const std::string& addr, std::uint16_t port, rtp::Hint hint) {
    if (port == 0 || addr.empty() || hint == rtp::Hint::Unknown) return;
    if (endpoints_.size() >= core::limits::kMaxSdpEndpoints) return;
    auto [it, inserted] = endpoints_.emplace(key(addr, port), hint);
    // An endpoint announced again with another protection keeps the weaker claim.
    if (!inserted && rtp::hint_says_plain(hint)) it->second = hint;
}

rtp::Hint SignalledMedia::lookup(const std::string& ip_a, std::uint16_t port_a, const std::string& ip_b,
                                   std::uint16_t port_b) const {
    if (endpoints_.empty()) return rtp::Hint::Unknown;
    if (auto it = endpoints_.find(key(ip_a, port_a)); it != endpoints_.end()) return it->second;
    if (auto it = endpoints_.find(key(ip_b, port_b)); it != endpoints_.end()) return it->second;
    return rtp::Hint::Unknown;
}

}  // namespace vca::probes::traffic
