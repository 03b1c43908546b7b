// probes/sip parser: the pure grammar of SIP messages (RFC 3261 §7, §25):
// start line, header fields (compact forms, folding), body framing by
// Content-Length on streams and by the datagram on UDP.
//
// Pure functions of their input: no I/O, no state, no exceptions, no crash on
// any input (fuzzed by tests/fuzz/sip_parser_fuzz.cpp). Every string_view in
// a SipMessageView points into the caller's buffer and is valid only while
// that buffer is; copy what you keep.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::sip {

using ParseStatus = core::ParseStatus;

struct SipHeaderView {
    std::string_view name;   // as sent (may be a compact form such as "i")
    // Trimmed value. A folded header (RFC 3261 §7.3.1 continuation lines) is
    // one value whose view still contains the line breaks; unfold() it when a
    // single line is needed.
    std::string_view value;
};

struct SipMessageView {
    bool is_request = false;
    std::string_view method;        // requests only
    std::string_view request_uri;   // requests only
    int status_code = 0;            // responses only (100..699)
    std::string_view reason;        // responses only, may be empty
    std::vector<SipHeaderView> headers;  // wire order, at most core::limits::kMaxSipHeaders
    std::string_view body;
    std::optional<std::size_t> content_length;  // the Content-Length value, if present
    // Datagram only: the datagram ended before the message did (Content-Length
    // promised more bytes than it had, or the headers were cut).
    bool body_truncated = false;

    // First value of the header `canonical_name` ("Call-ID", "From", ...),
    // matched case-insensitively and through compact forms in both
    // directions (RFC 3261 §7.3.3: "i" finds Call-ID and vice versa).
    [[nodiscard]] std::optional<std::string_view> header(std::string_view canonical_name) const;
    // Every value of that header in wire order (Via, Record-Route, ...).
    [[nodiscard]] std::vector<std::string_view> header_values(std::string_view canonical_name) const;
};

struct SipParseResult {
    ParseStatus status = ParseStatus::NeedMore;
    // Bytes of the input this call accounted for. Ok: leading keep-alives +
    // the message (a stream caller drops them and parses the rest; a datagram
    // is consumed whole). NeedMore: only the leading keep-alive line ends,
    // which the caller may drop. Invalid: 0.
    std::size_t consumed = 0;
    SipMessageView msg;
    // Invalid: the reason, a stable snake_case name usable as an anomaly name.
    // Ok/NeedMore: empty, or a non-fatal note ("sip_keepalive",
    // "sip_headers_unterminated") the caller may record as an anomaly.
    std::string_view error;
};

// Parses one SIP message from the front of `data`.
//  - Line ends may be CRLF or bare LF; leading empty lines (RFC 5626 §3.5.1
//    CRLF keep-alives) are skipped. Input holding only keep-alives is
//    NeedMore with consumed = its size and error "sip_keepalive".
//  - Start line: `Method SP Request-URI SP SIP/2.0` or
//    `SIP/2.0 SP 3DIGIT SP Reason-Phrase` (RFC 3261 §7.1, §7.2, §25.1; the
//    version is matched case-insensitively, the status code must be
//    100..699, and a status line lacking both the last SP and the reason is
//    tolerated), else Invalid "sip_bad_start_line". On a stream, an
//    incomplete first line is rejected as soon as it holds a character no
//    start line can contain.
//  - Header lines: `name HCOLON value`; a line without a colon is Invalid
//    "sip_header_no_colon"; more than kMaxSipHeaders fields is Invalid
//    "sip_header_limit"; an unparsable or conflicting Content-Length is
//    Invalid "sip_bad_content_length".
//  - datagram = true (UDP, RFC 3261 §18.3): the body is the rest of the
//    datagram, trimmed to Content-Length when that is smaller; when it is
//    larger, body_truncated is set. A datagram cut before the empty line
//    ending the headers is still Ok with the complete header lines it holds
//    (a partial last line is dropped), an empty body, body_truncated, and
//    error "sip_headers_unterminated" (tshark decodes such datagrams too).
//    consumed = size.
//  - datagram = false (TCP/TLS stream): the body is exactly Content-Length
//    bytes; a missing Content-Length is Invalid "sip_missing_content_length"
//    (§18.3); one above core::limits::kMaxSipBody is Invalid "sip_body_limit";
//    incomplete headers or body are NeedMore. `consumed` lets the caller parse
//    several messages from one segment.
SipParseResult parse_sip_message(core::Bytes data, bool datagram);

// Cheap sniff from a flow's first bytes: a SIP response line, or a request
// line whose method is a token followed by SP and a URI and, when the line is
// complete, SP "SIP/2.0".
bool looks_like_sip(core::Bytes first_bytes);

// The URI inside a From/To/Contact value (RFC 3261 §20.10, §25.1 name-addr /
// addr-spec): `"Bob" <sip:bob@x>;tag=1` -> `sip:bob@x`; bare
// `sip:bob@x;tag=1` -> `sip:bob@x` (without angle brackets the parameters
// belong to the header). A quoted display name may itself contain '<'.
// Returns a view into `name_addr`; empty if there is none.
std::string_view uri_of(std::string_view name_addr);

// The full name for a compact header form ("i" -> "Call-ID", RFC 3261
// §7.3.3 and the IANA registry); other names are returned unchanged.
std::string_view canonical_header_name(std::string_view name);

// A folded header value as one line: each line break and the whitespace
// around it become a single SP (RFC 3261 §7.3.1).
std::string unfold(std::string_view value);

}  // namespace vca::probes::sip
