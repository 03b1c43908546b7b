#include "probes/h323/tpkt.hpp"

#include "probes/h323/q931_parser.hpp"

namespace vca::probes::h323 {

TpktResult parse_tpkt(core::Bytes b) {
    TpktResult r;
    core::ByteReader in(b);
    std::uint8_t version = 0, reserved = 0;
    std::uint16_t length = 0;
    if (!in.u8(version)) return r;
    if (version != kTpktVersion) {
        r.status = ParseStatus::Invalid;
        r.error = "TPKT version is not 3";
        return r;
    }
    if (!in.u8(reserved) || !in.be16(length)) return r;
    if (length < kTpktHeaderBytes) {
        r.status = ParseStatus::Invalid;
        r.error = "TPKT length shorter than its header";
        return r;
    }
    // RFC 1006 says the reserved octet is 0; receivers are told to ignore it,
    // so it is not checked here (only when resynchronising).
    if (!in.bytes(length - kTpktHeaderBytes, r.payload)) return r;
    r.status = ParseStatus::Ok;
    r.consumed = length;
    return r;
}

bool looks_like_h225_tpkt(core::Bytes b) {
    if (b.size() < kTpktHeaderBytes + 1) return false;
    const std::size_t length = (std::size_t{b[2]} << 8) | b[3];
    return b[0] == kTpktVersion && b[1] == 0 && length > kTpktHeaderBytes &&
           b[kTpktHeaderBytes] == kQ931ProtocolDiscriminator;
}

bool looks_like_h245_tpkt(core::Bytes b) {
    if (b.size() < kTpktHeaderBytes + 1) return false;
    const std::size_t length = (std::size_t{b[2]} << 8) | b[3];
    return b[0] == kTpktVersion && b[1] == 0 && length > kTpktHeaderBytes;
}

}  // namespace vca::probes::h323
