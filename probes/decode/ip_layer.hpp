// Network and transport layers: IPv4 (RFC 791), IPv6 (RFC 8200) with its
// extension headers, then TCP (RFC 9293) or UDP (RFC 768).
#pragma once

#include "probes/decode/packet.hpp"

namespace vca::probes::decode {

DecodeResult decode_ipv4(core::Bytes data);
DecodeResult decode_ipv6(core::Bytes data);

// Decodes the transport header of `protocol` into `out.packet`; `data` is the
// IP payload as captured, `stated_len` the length the IP header claims for it.
void decode_transport(std::uint8_t protocol, core::Bytes data, std::uint32_t stated_len,
                      DecodeResult& out);

// The payload of a datagram reassembled from fragments (probes/flow), whose
// outer header `out` already describes. A tunnelled packet (IP-in-IP,
// protocol 4; 6in4, protocol 41) is decoded in its place as when it arrives
// unfragmented: `out` becomes the inner packet's decode, which may itself be
// a Fragment. Anything else becomes the transport of `out`, with ip_length
// the reassembled size plus a minimal outer header.
void decode_reassembled(std::uint8_t protocol, core::Bytes payload, DecodeResult& out);

}  // namespace vca::probes::decode
