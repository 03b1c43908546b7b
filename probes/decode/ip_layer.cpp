#include "probes/decode/ip_layer.hpp"

#include <algorithm>

#include "auditor/core/limits.hpp"

namespace vca::probes::decode {
namespace {

DecodeResult fail(DecodeStatus s, std::string_view anomaly) {
    DecodeResult r;
    r.status = s;
    r.anomaly = anomaly;
    return r;
}

// RFC 8200 §4: extension headers we step over to reach the upper layer.
bool is_ipv6_extension(std::uint8_t next) {
    return next == 0 || next == 43 || next == 60 || next == 51 || next == 135;
}

// IP-in-IP tunnels (RFC 2003 protocol 4, RFC 4213 6in4 and RFC 2473 protocol 41):
// the conversation is the inner packet's, so it is decoded in the outer one's place.
constexpr std::uint8_t kIpInIp = 4;
constexpr std::uint8_t kIpv6InIp = 41;

DecodeResult decode_ipv4_at(core::Bytes data, int depth);
DecodeResult decode_ipv6_at(core::Bytes data, int depth);

bool tunnel(std::uint8_t proto) { return proto == kIpInIp || proto == kIpv6InIp; }

DecodeResult decode_tunnelled(std::uint8_t proto, core::Bytes inner, int depth) {
    if (depth >= core::limits::kMaxIpTunnelDepth) return fail(DecodeStatus::Malformed, "ip_tunnel_too_deep");
    return proto == kIpInIp ? decode_ipv4_at(inner, depth + 1) : decode_ipv6_at(inner, depth + 1);
}

}  // namespace

DecodeResult decode_ipv4(core::Bytes data) { return decode_ipv4_at(data, 0); }
DecodeResult decode_ipv6(core::Bytes data) { return decode_ipv6_at(data, 0); }

namespace {

DecodeResult decode_ipv4_at(core::Bytes data, int depth) {
    core::ByteReader r(data);
    std::uint8_t ver_ihl = 0, tos = 0, ttl = 0, proto = 0;
    std::uint16_t total = 0, id = 0, frag = 0, csum = 0;
    if (!r.u8(ver_ihl) || !r.u8(tos) || !r.be16(total) || !r.be16(id) || !r.be16(frag) ||
        !r.u8(ttl) || !r.u8(proto) || !r.be16(csum))
        return fail(DecodeStatus::Truncated, "ipv4_truncated");
    if ((ver_ihl >> 4) != 4) return fail(DecodeStatus::Malformed, "ipv4_bad_version");
    std::size_t header_len = std::size_t{ver_ihl & 0x0fu} * 4;
    if (header_len < 20 || total < header_len) return fail(DecodeStatus::Malformed, "ipv4_bad_header");
    DecodeResult out;
    core::ByteReader addrs(data);
    addrs.skip(12);
    if (!addrs.bytes(4, out.packet.src_addr) || !addrs.bytes(4, out.packet.dst_addr))
        return fail(DecodeStatus::Truncated, "ipv4_truncated");
    if (data.size() < header_len) return fail(DecodeStatus::Truncated, "ipv4_truncated");
    out.packet.ip_version = 4;
    out.packet.protocol = proto;
    out.packet.ip_length = total;
    bool more_fragments = (frag & 0x2000) != 0;
    std::uint16_t offset = frag & 0x1fff;
    // Ethernet pads short frames: the IP total length, not the frame, bounds the payload.
    std::size_t available = std::min<std::size_t>(data.size(), total);
    if (more_fragments || offset != 0) {
        // RFC 791: the offset counts 8-octet units; the flow module reassembles.
        out.status = DecodeStatus::Fragment;
        out.packet.frag_id = id;
        out.packet.frag_offset = std::uint32_t{offset} * 8;
        out.packet.more_fragments = more_fragments;
        out.packet.fragment = data.subspan(header_len, available - header_len);
        out.packet.payload_clipped = available < total;
        return out;
    }
    core::Bytes payload = data.subspan(header_len, available - header_len);
    if (tunnel(proto)) return decode_tunnelled(proto, payload, depth);
    decode_transport(proto, payload, static_cast<std::uint32_t>(total - header_len), out);
    return out;
}

DecodeResult decode_ipv6_at(core::Bytes data, int depth) {
    core::ByteReader r(data);
    std::uint32_t first = 0;
    std::uint16_t payload_len = 0;
    std::uint8_t next = 0, hop = 0;
    if (!r.be32(first) || !r.be16(payload_len) || !r.u8(next) || !r.u8(hop))
        return fail(DecodeStatus::Truncated, "ipv6_truncated");
    if ((first >> 28) != 6) return fail(DecodeStatus::Malformed, "ipv6_bad_version");
    DecodeResult out;
    if (!r.bytes(16, out.packet.src_addr) || !r.bytes(16, out.packet.dst_addr))
        return fail(DecodeStatus::Truncated, "ipv6_truncated");
    out.packet.ip_version = 6;
    out.packet.ip_length = std::uint32_t{payload_len} + 40;
    std::uint32_t remaining_len = payload_len;
    for (int hops = 0; is_ipv6_extension(next) || next == 44; ++hops) {
        if (hops > 8) return fail(DecodeStatus::Malformed, "ipv6_extension_chain");
        if (next == 44) {
            // RFC 8200 §4.5: next header, reserved, offset (13 bits, 8-octet units) + M flag, id.
            std::uint8_t frag_next = 0, reserved = 0;
            std::uint16_t off_flags = 0;
            std::uint32_t ident = 0;
            if (!r.u8(frag_next) || !r.u8(reserved) || !r.be16(off_flags) || !r.be32(ident))
                return fail(DecodeStatus::Truncated, "ipv6_truncated");
            if (remaining_len < 8) return fail(DecodeStatus::Malformed, "ipv6_bad_extension");
            remaining_len -= 8;
            out.packet.protocol = frag_next;
            out.status = DecodeStatus::Fragment;
            out.packet.frag_id = ident;
            out.packet.frag_offset = std::uint32_t{static_cast<std::uint16_t>(off_flags >> 3)} * 8;
            out.packet.more_fragments = (off_flags & 1) != 0;
            core::Bytes rest = r.rest();
            out.packet.fragment = rest.subspan(0, std::min<std::size_t>(rest.size(), remaining_len));
            out.packet.payload_clipped = rest.size() < remaining_len;
            return out;
        }
        std::uint8_t ext_next = 0, ext_len = 0;
        if (!r.u8(ext_next) || !r.u8(ext_len)) return fail(DecodeStatus::Truncated, "ipv6_truncated");
        // RFC 4302 §2.2: AH counts in 4-octet units minus 2; others in 8-octet units minus 1.
        std::size_t total = next == 51 ? (std::size_t{ext_len} + 2) * 4 : (std::size_t{ext_len} + 1) * 8;
        if (total > remaining_len) return fail(DecodeStatus::Malformed, "ipv6_bad_extension");
        if (!r.skip(total - 2)) return fail(DecodeStatus::Truncated, "ipv6_truncated");
        remaining_len -= static_cast<std::uint32_t>(total);
        next = ext_next;
    }
    out.packet.protocol = next;
    core::Bytes rest = r.rest();
    core::Bytes payload = rest.subspan(0, std::min<std::size_t>(rest.size(), remaining_len));
    if (tunnel(next)) return decode_tunnelled(next, payload, depth);
    decode_transport(next, payload, remaining_len, out);
    return out;
}

}  // namespace

void decode_reassembled(std::uint8_t protocol, core::Bytes payload, DecodeResult& out) {
    if (tunnel(protocol)) {
        out = decode_tunnelled(protocol, payload, 0);
        return;
    }
    out.packet.payload = {};
    decode_transport(protocol, payload, static_cast<std::uint32_t>(payload.size()), out);
    out.packet.ip_length = static_cast<std::uint32_t>(payload.size()) + (out.packet.ip_version == 4 ? 20u : 40u);
}

void decode_transport(std::uint8_t protocol, core::Bytes data, std::uint32_t stated_len,
                      DecodeResult& out) {
    core::ByteReader r(data);
    auto& p = out.packet;
    if (protocol == kUdp) {
        std::uint16_t len = 0, csum = 0;
        if (!r.be16(p.src_port) || !r.be16(p.dst_port) || !r.be16(len) || !r.be16(csum)) {
            out.status = DecodeStatus::Truncated;
            out.anomaly = "udp_truncated";
            return;
        }
        if (len < 8 || len > stated_len) {
            out.status = DecodeStatus::Malformed;
            out.anomaly = "udp_bad_length";
            return;
        }
        core::Bytes rest = r.rest();
        std::size_t want = len - 8u;
        p.payload = rest.subspan(0, std::min(rest.size(), want));
        p.payload_clipped = rest.size() < want;
        out.status = DecodeStatus::Ok;
        return;
    }
    if (protocol == kTcp) {
        std::uint8_t off = 0, flags = 0;
        std::uint16_t window = 0;
        if (!r.be16(p.src_port) || !r.be16(p.dst_port) || !r.be32(p.seq) || !r.be32(p.ack) ||
            !r.u8(off) || !r.u8(flags) || !r.be16(window)) {
            out.status = DecodeStatus::Truncated;
            out.anomaly = "tcp_truncated";
            return;
        }
        std::size_t header_len = static_cast<std::size_t>(off >> 4) * 4;
        if (header_len < 20 || header_len > stated_len) {
            out.status = DecodeStatus::Malformed;
            out.anomaly = "tcp_bad_header";
            return;
        }
        if (data.size() < header_len) {
            out.status = DecodeStatus::Truncated;
            out.anomaly = "tcp_truncated";
            return;
        }
        p.tcp_flags = flags;
        std::size_t want = stated_len - header_len;
        core::Bytes rest = data.subspan(header_len);
        p.payload = rest.subspan(0, std::min(rest.size(), want));
        p.payload_clipped = rest.size() < want;
        out.status = DecodeStatus::Ok;
        return;
    }
    out.status = DecodeStatus::OtherIpProto;
}

}  // namespace vca::probes::decode
