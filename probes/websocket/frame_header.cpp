#include "probes/websocket/frame_header.hpp"

namespace vca::probes::websocket {

std::size_t frame_header_length(std::uint8_t second_byte) {
    const std::uint8_t len7 = second_byte & 0x7F;
    std::size_t n = 2;
    if (len7 == 126) n += 2;
    if (len7 == 127) n += 8;
    if ((second_byte & 0x80) != 0) n += 4;
    return n;
}

FrameHeaderResult parse_frame_header(core::Bytes b, FrameHeader& out) {
    core::ByteReader r(b);
    std::uint8_t b0 = 0, b1 = 0;
    if (!r.u8(b0) || !r.u8(b1)) return {ParseStatus::NeedMore, {}};
    FrameHeader h;
    h.fin = (b0 & 0x80) != 0;
    h.rsv = static_cast<std::uint8_t>((b0 >> 4) & 0x7);
    h.opcode = b0 & 0x0F;
    h.masked = (b1 & 0x80) != 0;
    const std::uint8_t len7 = b1 & 0x7F;
    if (len7 == 126) {
        std::uint16_t v = 0;
        if (!r.be16(v)) return {ParseStatus::NeedMore, {}};
        h.payload_length = v;
        h.minimal_length = v >= 126;
    } else if (len7 == 127) {
        std::uint32_t hi = 0, lo = 0;
        if (!r.be32(hi) || !r.be32(lo)) return {ParseStatus::NeedMore, {}};
        // §5.2: the most significant bit of the 64-bit length MUST be 0.
        if ((hi & 0x80000000U) != 0) return {ParseStatus::Invalid, "websocket_bad_length"};
        h.payload_length = (std::uint64_t{hi} << 32) | lo;
        h.minimal_length = h.payload_length > 0xFFFF;
    } else {
        h.payload_length = len7;
    }
    if (h.masked) {
        for (auto& k : h.mask_key)
            if (!r.u8(k)) return {ParseStatus::NeedMore, {}};
    }
    h.header_length = r.position();
    if (!is_known_opcode(h.opcode)) return {ParseStatus::Invalid, "websocket_bad_opcode"};
    if (is_control(h.opcode) && (!h.fin || h.payload_length > kMaxControlPayload))
        return {ParseStatus::Invalid, "websocket_bad_control_frame"};
    out = h;
    return {ParseStatus::Ok, {}};
}

void unmask(core::Bytes in, const std::array<std::uint8_t, 4>& key, std::uint64_t key_offset, std::uint8_t* out) {
    for (std::size_t i = 0; i < in.size(); ++i)
        out[i] = static_cast<std::uint8_t>(in[i] ^ key[(key_offset + i) & 3U]);
}

}  // namespace vca::probes::websocket
