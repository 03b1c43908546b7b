// RTP and RTCP headers (RFC 3550 §5.1, §6.4-6.6) read in place: pure, bytes
// in, fields and views into the caller's datagram out. Also the sniffs that
// pick RTP/RTCP out of unknown UDP flows (RFC 7983 demultiplexing, RFC 5761
// RTP/RTCP multiplexing).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::rtp {

using ParseStatus = core::ParseStatus;

inline constexpr std::size_t kRtpFixedHeader = 12;  // RFC 3550 §5.1
inline constexpr std::uint8_t kRtpVersion = 2;

// RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611 §2).
inline constexpr std::uint8_t kRtcpSenderReport = 200;
inline constexpr std::uint8_t kRtcpReceiverReport = 201;
inline constexpr std::uint8_t kRtcpSdes = 202;
inline constexpr std::uint8_t kRtcpBye = 203;
inline constexpr std::uint8_t kRtcpApp = 204;
inline constexpr std::uint8_t kRtcpTransportFeedback = 205;
inline constexpr std::uint8_t kRtcpPayloadFeedback = 206;
inline constexpr std::uint8_t kRtcpExtendedReport = 207;

struct RtpHeader {
    bool padding = false;
    bool extension = false;
    bool marker = false;
    std::uint8_t csrc_count = 0;
    std::uint8_t payload_type = 0;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    core::Bytes csrcs;                 // csrc_count 32-bit identifiers
    std::uint16_t extension_profile = 0;  // e.g. 0xBEDE one-byte (RFC 8285 §4.2)
    core::Bytes extension_data;        // the extension's 32-bit words, without its 4-byte header
    std::size_t header_length = 0;     // fixed header + CSRCs + extension
    std::uint8_t padding_length = 0;   // set when `padding` and the count is valid
    bool padding_valid = true;         // false: the last octet cannot be a padding count
    // After the header; without the padding when its count is valid. For
    // SRTP this still holds the authentication tag (and an SRTP packet with
    // the P bit has its padding count encrypted, so it reads as invalid).
    core::Bytes payload;
};

struct RtpResult {
    ParseStatus status = ParseStatus::Invalid;
    std::string_view error;  // stable snake_case name when something is wrong
};

// One RTP packet, the whole UDP payload. Invalid (rtp_too_short,
// rtp_bad_version, rtp_header_overrun) when the header cannot be read; Ok
// with error rtp_bad_padding when only the padding count is impossible.
RtpResult parse_rtp(core::Bytes datagram, RtpHeader& out);

struct RtcpCompound {
    std::size_t packets = 0;       // RTCP packets walked through their length fields
    std::uint8_t first_type = 0;
    std::uint32_t sender_ssrc = 0;  // SSRC of the first packet (sender of the report)
    // Bytes after the last packet that walked cleanly: 0 for plain RTCP; an
    // SRTCP compound (RFC 3711 §3.4) is encrypted after its first 8 bytes
    // and ends with the index and the tag, so its walk stops early.
    std::size_t trailing = 0;
};

// An RTCP compound packet (RFC 3550 §6.1): version 2, first packet type
// 200-207 (RFC 5506 allows a reduced-size compound to start with any of
// them) and a first length that fits the datagram.
RtpResult parse_rtcp(core::Bytes datagram, RtcpCompound& out);

// RFC 5761 §4: with RTP and RTCP on one port, a second octet of 192-223 is
// RTCP (RTP payload types 64-95 with the marker bit would collide).
bool rtcp_by_second_octet(core::Bytes datagram);

// Plausibility sniff for RTP on a UDP flow nothing else identified: first
// octet 128-191 (RFC 7983 §7: below are STUN 0-3, ZRTP 16-19, DTLS 20-63,
// TURN ChannelData 64-79; QUIC long headers are 192-255), payload type not
// 72-76 nor a second octet in the RTCP range, header (CSRCs, extension) and
// padding inside the datagram.
bool looks_like_rtp(core::Bytes datagram);

}  // namespace vca::probes::rtp
