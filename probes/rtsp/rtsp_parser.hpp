// probes/rtsp parser: one element from the front of an RTSP byte stream
// (RTSP/1.0, RFC 2326; RTSP/2.0, RFC 7826): a request or response (start
// line, header fields, Content-Length body), or an interleaved binary frame
// ('$', channel, 16-bit length, data; RFC 2326 §10.12, RFC 7826 §14).
//
// Pure functions: no I/O, no state, no exceptions, no crash on any input.
// Views point into the caller's buffer; the caller buffers, never the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::rtsp {

using ParseStatus = core::ParseStatus;

struct RtspHeaderView {
    std::string_view name;
    std::string_view value;  // trimmed; a folded value still holds its line breaks
};

struct RtspMessageView {
    bool is_request = false;
    std::string_view method;       // requests: OPTIONS, DESCRIBE, SETUP, PLAY, ...
    std::string_view uri;          // requests: as sent (may hold userinfo: redact before keeping)
    std::string_view version;      // "RTSP/1.0", "RTSP/2.0"
    int status_code = 0;           // responses: 100..999
    std::string_view reason;       // responses, may be empty
    std::vector<RtspHeaderView> headers;  // wire order, at most limits::kMaxRtspHeaders
    std::string_view body;         // Content-Length bytes (none when the header is absent, §12.14)

    // First value of a header, name matched case-insensitively.
    [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
};

struct InterleavedFrame {
    std::uint8_t channel = 0;
    core::Bytes data;
};

enum class ElementKind { Message, Interleaved };

struct RtspParseResult {
    ParseStatus status = ParseStatus::NeedMore;
    // Ok: bytes of the element plus the empty lines before it. NeedMore: the
    // leading empty lines only (the caller may drop them). Invalid: 0.
    std::size_t consumed = 0;
    ElementKind kind = ElementKind::Message;
    RtspMessageView msg;       // kind Message
    InterleavedFrame frame;    // kind Interleaved
    // Invalid: a stable snake_case reason usable as an anomaly name.
    std::string_view error;
};

// Parses the element at the front of `data` (a TCP stream of one direction).
//  - '$' starts an interleaved frame: NeedMore until its 4-byte header and
//    `length` data bytes are all present.
//  - Otherwise a message: `Method SP URI SP RTSP/x.y` or `RTSP/x.y SP 3DIGIT
//    [SP reason]`, CRLF or bare LF line ends, header fields `name: value`
//    (continuation lines folded in), an empty line, then Content-Length bytes.
//    Invalid: "rtsp_bad_start_line", "rtsp_header_no_colon",
//    "rtsp_header_limit", "rtsp_head_limit", "rtsp_bad_content_length",
//    "rtsp_body_limit".
RtspParseResult parse_rtsp_element(core::Bytes data);

// Cheap sniff of a flow's first bytes: an RTSP status line, or a request line
// whose URI is rtsp://, rtsps://, rtspu:// or "*" and, once the line is
// complete, whose version is RTSP/x.y.
bool looks_like_rtsp(core::Bytes first_bytes);

}  // namespace vca::probes::rtsp
