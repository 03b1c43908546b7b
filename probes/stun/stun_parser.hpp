// STUN message grammar (RFC 8489) with the TURN attributes of RFC 8656:
// pure, bytes in, struct and status out. Used for ICE connectivity checks
// and TURN relays of WebRTC and SIP clients.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::stun {

using ParseStatus = core::ParseStatus;

enum class StunClass { Request, Indication, Success, Error };

// RFC 8489 §18.2 and RFC 8656 §17 method numbers.
inline constexpr std::uint16_t kBinding = 0x001;
inline constexpr std::uint16_t kAllocate = 0x003;
inline constexpr std::uint16_t kRefresh = 0x004;
inline constexpr std::uint16_t kSend = 0x006;
inline constexpr std::uint16_t kData = 0x007;
inline constexpr std::uint16_t kCreatePermission = 0x008;
inline constexpr std::uint16_t kChannelBind = 0x009;

inline constexpr std::uint32_t kMagicCookie = 0x2112A442;  // RFC 8489 §5

struct Address {
    std::string ip;
    std::uint16_t port = 0;
};

struct StunMessage {
    std::uint16_t type = 0;
    std::uint16_t method = 0;
    StunClass cls = StunClass::Request;
    std::optional<Address> xor_mapped, mapped, xor_relayed, xor_peer;
    std::optional<std::string> software;
    std::optional<std::uint32_t> lifetime;
    std::optional<int> error_code;
    bool has_username = false;   // the value is an account name: never kept here
    bool has_integrity = false;  // MESSAGE-INTEGRITY or -SHA256
    bool has_fingerprint = false;
};

struct StunResult {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0;  // 20 + message length (for stream framing)
    std::string_view error;
};

// A cheap test for a STUN message at the start of `b` (first two bits zero,
// the magic cookie, a length that is a multiple of 4).
bool looks_like_stun(core::Bytes b);

StunResult parse_stun(core::Bytes b, StunMessage& out);

// TURN ChannelData (RFC 8656 §12.4): first two bits 01. Returns the framed
// length over a stream (header + data padded to 4 bytes), 0 if not ChannelData
// or incomplete.
std::size_t channel_data_length(core::Bytes b, bool stream);

std::string_view method_name(std::uint16_t method);
std::string_view class_name(StunClass c);

}  // namespace vca::probes::stun
