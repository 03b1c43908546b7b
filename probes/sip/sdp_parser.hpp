// probes/sip SDP parser: the parts of a session description (RFC 8866) that
// an audit needs: media, ports, transport protocol, addresses, SDES crypto
// suites (RFC 4568), DTLS fingerprint/setup (RFC 8122, RFC 5763), ICE
// candidates (RFC 8839) and direction. Plus the two helpers that find SDP in
// a SIP body (Content-Type check and a minimal multipart splitter).
//
// Pure functions: no I/O, no state, no exceptions, no crash on any input.
// SECRETS: an a=crypto line's key material (inline:...) is never copied into
// any output; only the suite name and the fact that a key was present are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "probes/sip/sip_parser.hpp"

namespace vca::probes::sip {

struct SdpMedia {
    std::string media;                  // "audio", "video", "application", ...
    std::uint16_t port = 0;
    std::string proto;                  // "RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF", ...
    std::vector<std::string> formats;   // fmt list (payload types for RTP)
    std::optional<std::string> connection_addr;  // media-level c=, else the session-level one
    std::vector<std::string> crypto_suites;      // a=crypto suite names, wire order
    bool has_crypto_key = false;        // an a=crypto line carried inline: key material
    std::optional<std::string> fingerprint;  // "sha-256 AB:CD:..." (hash name lower-cased);
                                             // media-level, else session-level
    std::optional<std::string> setup;        // a=setup role, media-level else session-level
    std::vector<std::string> candidates;     // a=candidate values (after "candidate:")
    std::optional<std::string> direction;    // sendrecv/sendonly/recvonly/inactive,
                                             // media-level else session-level
};

struct SdpSession {
    std::optional<std::string> origin_addr;      // o= unicast-address
    std::optional<std::string> connection_addr;  // session-level c= address
    std::optional<std::string> session_fingerprint;
    std::vector<SdpMedia> media;
    // A limit was hit (core::limits::kMaxSdpMedia m= sections, or
    // kMaxSdpMediaEntries formats/suites/candidates per section); the excess
    // was dropped. The facts layer records it as anomaly `sdp_limit`.
    bool limit_hit = false;
};

// Parses an SDP body. Tolerant: unknown or malformed attribute lines are
// skipped, CRLF or LF line ends. Invalid only when the first non-empty line
// is not "v=" or an m= line is malformed (fewer than 3 fields, or a port that
// is not a number 0..65535); `out` then holds what was parsed before it,
// with session-level values already inherited. `out` is reset first.
ParseStatus parse_sdp(std::string_view text, SdpSession& out);

// True for "application/sdp" (case-insensitive, parameters ignored).
bool is_sdp_content_type(std::string_view content_type);

// The bodies of the parts of a multipart body (RFC 2046 §5.1.1; the boundary
// comes from the content type's boundary= parameter, quoted or not) whose
// Content-Type is application/sdp. Views into `body`. Empty when the content
// type is not multipart/* or has no boundary. At most
// core::limits::kMaxMultipartParts parts are examined; nested multiparts are
// not descended into.
std::vector<std::string_view> multipart_parts(std::string_view body, std::string_view content_type);

}  // namespace vca::probes::sip
