// TPKT framing (RFC 1006 §6) of H.225.0 call signalling over TCP (port 1720)
// and of H.245 on its separate TCP connection:
// version 3, a reserved octet, a 16-bit length that counts the 4-octet header.
// Pure: it frames what it is given and never buffers (H225Stream does).
#pragma once

#include <cstddef>
#include <string_view>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::h323 {

using ParseStatus = core::ParseStatus;

inline constexpr std::size_t kTpktHeaderBytes = 4;
inline constexpr std::uint8_t kTpktVersion = 3;

struct TpktResult {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0;  // header + payload when Ok
    core::Bytes payload;       // the packet's contents (a Q.931 message for H.225.0)
    std::string_view error;    // why Invalid
};

// Frames the TPKT at the start of `b`. NeedMore until the whole packet is
// there. A packet with an empty payload (length 4) is Ok with no payload:
// some endpoints send it as a keep-alive.
TpktResult parse_tpkt(core::Bytes b);

// True when `b` starts with a plausible TPKT carrying Q.931 (version 3,
// reserved 0, length above the header, protocol discriminator 0x08): where
// to resume after lost bytes.
bool looks_like_h225_tpkt(core::Bytes b);

// The same without the Q.931 check: a TPKT of the separate H.245 connection,
// whose payload is an H.245 PDU.
bool looks_like_h245_tpkt(core::Bytes b);

}  // namespace vca::probes::h323
