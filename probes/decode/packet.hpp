// Decoded view of one frame down to the transport header. Pure: bytes in,
// header fields and payload view out, plus a status; nothing is copied and
// every span points into the frame (valid as long as the frame is).
#pragma once

#include <cstdint>
#include <string_view>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::decode {

enum class DecodeStatus {
    Ok,           // IP + TCP/UDP decoded
    NotIp,        // ARP, LLDP, ...: nothing for us, not an anomaly
    OtherIpProto, // IP but neither TCP nor UDP (ICMP, SCTP, ...)
    Fragment,     // IPv4/IPv6 fragment: not reassembled yet (anomaly)
    Malformed,    // a header that lies about its length or fields (anomaly)
    Truncated,    // frame ends inside a header (anomaly)
    Unsupported,  // link type we do not decode
};

inline constexpr std::uint8_t kTcp = 6;
inline constexpr std::uint8_t kUdp = 17;

namespace tcp_flags {
inline constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;
}

struct PacketView {
    std::uint8_t ip_version = 0;
    core::Bytes src_addr, dst_addr;  // 4 or 16 bytes
    std::uint8_t protocol = 0;       // IP protocol number (after IPv6 extension headers)
    std::uint32_t ip_length = 0;     // IP datagram length as the header states it
    std::uint16_t src_port = 0, dst_port = 0;
    std::uint32_t seq = 0, ack = 0;  // TCP only
    std::uint8_t tcp_flags = 0;      // TCP only
    core::Bytes payload;             // transport payload actually captured
    bool payload_clipped = false;    // snaplen cut the payload short of what the header says
    // Fragments (status Fragment): where this piece sits in the original datagram.
    std::uint32_t frag_id = 0;
    std::uint32_t frag_offset = 0;   // bytes
    bool more_fragments = false;
    core::Bytes fragment;            // this fragment's share of the IP payload
};

struct DecodeResult {
    DecodeStatus status = DecodeStatus::Ok;
    PacketView packet;
    std::string_view anomaly;  // stable snake_case name when status is an anomaly
};

// Decode a frame of link type `dlt` (libpcap DLT numbering).
DecodeResult decode_frame(int dlt, core::Bytes frame);

// True for link types decode_frame understands.
bool linktype_supported(int dlt);

}  // namespace vca::probes::decode
