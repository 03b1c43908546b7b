#include "probes/stun/stun_parser.hpp"

#include "auditor/core/net_address.hpp"

namespace vca::probes::stun {
namespace {

constexpr std::uint16_t kAttrMappedAddress = 0x0001;
constexpr std::uint16_t kAttrUsername = 0x0006;
constexpr std::uint16_t kAttrMessageIntegrity = 0x0008;
constexpr std::uint16_t kAttrErrorCode = 0x0009;
constexpr std::uint16_t kAttrLifetime = 0x000D;
constexpr std::uint16_t kAttrXorPeerAddress = 0x0012;
constexpr std::uint16_t kAttrXorRelayedAddress = 0x0016;
constexpr std::uint16_t kAttrMessageIntegritySha256 = 0x001C;
constexpr std::uint16_t kAttrXorMappedAddress = 0x0020;
constexpr std::uint16_t kAttrSoftware = 0x8022;
constexpr std::uint16_t kAttrFingerprint = 0x8028;
constexpr std::size_t kHeader = 20;

// (XOR-)MAPPED-ADDRESS value (RFC 8489 §14.1-14.2): family 1 = IPv4, 2 = IPv6.
std::optional<Address> address(core::Bytes value, bool xored, core::Bytes header) {
    core::ByteReader r(value);
    std::uint8_t reserved = 0, family = 0;
    std::uint16_t port = 0;
    if (!r.u8(reserved) || !r.u8(family) || !r.be16(port)) return std::nullopt;
    std::size_t len = family == 1 ? 4 : family == 2 ? 16 : 0;
    core::Bytes raw;
    if (len == 0 || !r.bytes(len, raw)) return std::nullopt;
    std::array<std::uint8_t, 16> ip{};
    for (std::size_t i = 0; i < len; ++i) {
        // XOR with the magic cookie and then the transaction id (header bytes 4..19).
        ip[i] = xored ? static_cast<std::uint8_t>(raw[i] ^ header[4 + i]) : raw[i];
    }
    if (xored) port = static_cast<std::uint16_t>(port ^ (kMagicCookie >> 16));
    return Address{core::format_ip(core::Bytes(ip.data(), len)), port};
}

}  // namespace

bool looks_like_stun(core::Bytes b) {
    if (b.size() < kHeader || (b[0] & 0xC0) != 0) return false;
    std::uint32_t cookie = (std::uint32_t{b[4]} << 24) | (std::uint32_t{b[5]} << 16) | (std::uint32_t{b[6]} << 8) | b[7];
    // The 32-bit cookie is the evidence. The length is not required to be a
    // multiple of 4: Microsoft's TURN variant (MS-TURN) sends unpadded bodies.
    return cookie == kMagicCookie;
}

StunResult parse_stun(core::Bytes b, StunMessage& out) {
    StunResult r;
    core::ByteReader in(b);
    std::uint16_t type = 0, length = 0;
    std::uint32_t cookie = 0;
    if (!in.be16(type) || !in.be16(length) || !in.be32(cookie) || !in.skip(12)) return r;  // NeedMore
    if ((type & 0xC000) != 0 || cookie != kMagicCookie) {
        r.status = ParseStatus::Invalid;
        r.error = "stun_bad_header";
        return r;
    }
    core::ByteReader attrs(core::Bytes{});
    if (!in.sub(length, attrs)) return r;  // NeedMore: the body is still arriving
    core::Bytes header = b.subspan(0, kHeader);
    out = StunMessage{};
    out.type = type;
    // RFC 8489 §5: the method bits are interleaved with the two class bits.
    out.method = static_cast<std::uint16_t>((type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2));
    int cls = ((type & 0x0010) >> 4) | ((type & 0x0100) >> 7);
    out.cls = static_cast<StunClass>(cls);
    while (!attrs.empty()) {
        std::uint16_t at = 0, alen = 0;
        core::Bytes value;
        if (!attrs.be16(at) || !attrs.be16(alen) || !attrs.bytes(alen, value)) {
            // The header framed the message; attributes that do not fit are
            // reported, the message still counts (analysed as far as it goes).
            r.error = "stun_bad_attribute";
            break;
        }
        attrs.skip((4 - alen % 4) % 4);  // padding (may be absent on the last attribute)
        switch (at) {
            case kAttrMappedAddress: out.mapped = address(value, false, header); break;
            case kAttrXorMappedAddress: out.xor_mapped = address(value, true, header); break;
            case kAttrXorRelayedAddress: out.xor_relayed = address(value, true, header); break;
            case kAttrXorPeerAddress: out.xor_peer = address(value, true, header); break;
            case kAttrUsername: out.has_username = true; break;
            case kAttrMessageIntegrity:
            case kAttrMessageIntegritySha256: out.has_integrity = true; break;
            case kAttrFingerprint: out.has_fingerprint = true; break;
            case kAttrSoftware: out.software = std::string(core::as_text(value)); break;
            case kAttrLifetime: {
                core::ByteReader v(value);
                std::uint32_t secs = 0;
                if (v.be32(secs)) out.lifetime = secs;
                break;
            }
            case kAttrErrorCode:
                if (value.size() >= 4) out.error_code = (value[2] & 0x07) * 100 + value[3];
                break;
            default: break;
        }
    }
    r.status = ParseStatus::Ok;
    r.consumed = kHeader + length;
    return r;
}

std::size_t channel_data_length(core::Bytes b, bool stream) {
    if (b.size() < 4 || (b[0] & 0xC0) != 0x40) return 0;
    std::size_t length = (std::size_t{b[2]} << 8) | b[3];
    std::size_t total = 4 + length;
    if (stream) total += (4 - length % 4) % 4;  // RFC 8656 §12.5: padded over TCP
    return b.size() >= total ? total : 0;
}

std::string_view method_name(std::uint16_t method) {
    switch (method) {
        case kBinding: return "binding";
        case kAllocate: return "allocate";
        case kRefresh: return "refresh";
        case kSend: return "send";
        case kData: return "data";
        case kCreatePermission: return "create_permission";
        case kChannelBind: return "channel_bind";
        default: return "other";
    }
}

std::string_view class_name(StunClass c) {
    switch (c) {
        case StunClass::Request: return "request";
        case StunClass::Indication: return "indication";
        case StunClass::Success: return "success";
        case StunClass::Error: return "error";
    }
    return "request";
}

}  // namespace vca::probes::stun
