// WebSocket base framing (RFC 6455 §5.2): one frame header decoded from
// bytes, pure. The payload is not touched here; FrameStream walks it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::websocket {

using ParseStatus = core::ParseStatus;

// RFC 6455 §5.2 and §11.8 opcodes; 3-7 and 0xB-0xF are reserved.
inline constexpr std::uint8_t kContinuation = 0x0;
inline constexpr std::uint8_t kText = 0x1;
inline constexpr std::uint8_t kBinary = 0x2;
inline constexpr std::uint8_t kClose = 0x8;
inline constexpr std::uint8_t kPing = 0x9;
inline constexpr std::uint8_t kPong = 0xA;

// 2 fixed bytes, at most 8 of extended length and 4 of masking key.
inline constexpr std::size_t kMaxFrameHeader = 14;
// Control frames carry at most 125 bytes and are never fragmented (§5.5).
inline constexpr std::uint64_t kMaxControlPayload = 125;

// RSV1 (permessage-deflate's "compressed" bit, RFC 7692 §6), RSV2, RSV3 as
// they sit in the first byte once shifted down by 4.
inline constexpr std::uint8_t kRsv1 = 0x4;

constexpr bool is_control(std::uint8_t opcode) { return (opcode & 0x8) != 0; }
constexpr bool is_known_opcode(std::uint8_t opcode) {
    return opcode <= kBinary || (opcode >= kClose && opcode <= kPong);
}

struct FrameHeader {
    bool fin = false;
    std::uint8_t rsv = 0;  // RSV1..RSV3 as bits 2..0
    std::uint8_t opcode = 0;
    bool masked = false;
    std::array<std::uint8_t, 4> mask_key{};
    std::uint64_t payload_length = 0;
    std::size_t header_length = 0;  // 2 to 14
    // §5.2 asks for the shortest length encoding; peers rarely break it, and
    // a decoder can read the longer form anyway, so it is only reported.
    bool minimal_length = true;
};

struct FrameHeaderResult {
    ParseStatus status = ParseStatus::NeedMore;
    // Stable anomaly name when Invalid: websocket_bad_opcode,
    // websocket_bad_length, websocket_bad_control_frame.
    std::string_view error;
};

// Bytes a header occupies, told by its second byte (MASK bit, 7-bit length).
std::size_t frame_header_length(std::uint8_t second_byte);

// The header at the start of `b`. RSV bits are returned, not judged: whether
// they are allowed depends on the extensions the handshake agreed.
FrameHeaderResult parse_frame_header(core::Bytes b, FrameHeader& out);

// XOR `in` with the masking key (§5.3) into `out` (in.size() bytes);
// `key_offset` is the index in the payload of in[0].
void unmask(core::Bytes in, const std::array<std::uint8_t, 4>& key, std::uint64_t key_offset, std::uint8_t* out);

}  // namespace vca::probes::websocket
