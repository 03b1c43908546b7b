#include "probes/rtp/rtp_header.hpp"

namespace vca::probes::rtp {
namespace {

constexpr std::uint8_t kRtcpRangeLow = 192;   // RFC 5761 §4
constexpr std::uint8_t kRtcpRangeHigh = 223;
constexpr std::uint8_t kRtcpTypeLow = kRtcpSenderReport;
constexpr std::uint8_t kRtcpTypeHigh = kRtcpExtendedReport;

RtpResult invalid(std::string_view error) { return RtpResult{ParseStatus::Invalid, error}; }

}  // namespace

RtpResult parse_rtp(core::Bytes datagram, RtpHeader& out) {
    out = RtpHeader{};
    core::ByteReader in(datagram);
    std::uint8_t b0 = 0, b1 = 0;
    if (!in.u8(b0) || !in.u8(b1) || !in.be16(out.sequence) || !in.be32(out.timestamp) || !in.be32(out.ssrc))
        return invalid("rtp_too_short");
    if ((b0 >> 6) != kRtpVersion) return invalid("rtp_bad_version");
    out.padding = (b0 & 0x20) != 0;
    out.extension = (b0 & 0x10) != 0;
    out.csrc_count = static_cast<std::uint8_t>(b0 & 0x0F);
    out.marker = (b1 & 0x80) != 0;
    out.payload_type = static_cast<std::uint8_t>(b1 & 0x7F);
    if (!in.bytes(std::size_t{out.csrc_count} * 4, out.csrcs)) return invalid("rtp_header_overrun");
    if (out.extension) {
        // RFC 3550 §5.3.1: 16-bit profile-defined word, 16-bit length in 32-bit words.
        std::uint16_t words = 0;
        if (!in.be16(out.extension_profile) || !in.be16(words) ||
            !in.bytes(std::size_t{words} * 4, out.extension_data))
            return invalid("rtp_header_overrun");
    }
    out.header_length = in.position();
    out.payload = in.rest();
    RtpResult r{ParseStatus::Ok, {}};
    if (out.padding) {
        // RFC 3550 §5.1: the last octet counts the padding, itself included.
        const std::uint8_t count = datagram.back();
        if (count == 0 || count > out.payload.size()) {
            out.padding_valid = false;
            r.error = "rtp_bad_padding";
        } else {
            out.padding_length = count;
            out.payload = out.payload.first(out.payload.size() - count);
        }
    }
    return r;
}

RtpResult parse_rtcp(core::Bytes datagram, RtcpCompound& out) {
    out = RtcpCompound{};
    core::ByteReader in(datagram);
    while (!in.empty()) {
        const std::size_t start = in.position();
        std::uint8_t b0 = 0, type = 0;
        std::uint16_t words = 0;
        core::Bytes body;
        // RFC 3550 §6.4.1: length is the packet's size in 32-bit words minus one.
        const bool readable = in.u8(b0) && in.u8(type) && in.be16(words) &&
                              in.bytes(std::size_t{words} * 4, body);
        const bool plausible = readable && (b0 >> 6) == kRtpVersion && type >= kRtcpTypeLow && type <= kRtcpTypeHigh;
        if (!plausible) {
            if (out.packets == 0) {
                if (!readable) return invalid("rtcp_too_short");
                return invalid((b0 >> 6) != kRtpVersion ? "rtcp_bad_version" : "rtcp_bad_type");
            }
            out.trailing = datagram.size() - start;
            break;
        }
        if (out.packets == 0) {
            out.first_type = type;
            core::ByteReader ssrc(body);
            // Every RTCP type of RFC 3550/4585/3611 starts its body with the sender's SSRC.
            if (!ssrc.be32(out.sender_ssrc)) return invalid("rtcp_too_short");
        }
        ++out.packets;
    }
    return RtpResult{ParseStatus::Ok, {}};
}

bool rtcp_by_second_octet(core::Bytes datagram) {
    return datagram.size() >= 2 && datagram[1] >= kRtcpRangeLow && datagram[1] <= kRtcpRangeHigh;
}

bool looks_like_rtp(core::Bytes datagram) {
    if (datagram.size() < kRtpFixedHeader) return false;
    if (datagram[0] < 128 || datagram[0] > 191) return false;  // RFC 7983 §7
    const std::uint8_t pt = datagram[1] & 0x7F;
    // RFC 5761 §4: 72-76 would be RTCP SR..APP with the marker set; never RTP.
    if (pt >= 72 && pt <= 76) return false;
    if (rtcp_by_second_octet(datagram)) return false;
    RtpHeader h;
    const RtpResult r = parse_rtp(datagram, h);
    return r.status == ParseStatus::Ok && h.padding_valid;
}

}  // namespace vca::probes::rtp
