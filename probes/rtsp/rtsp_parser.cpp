// RTSP element grammar (see rtsp_parser.hpp for the contract).
#include "probes/rtsp/rtsp_parser.hpp"

#include "auditor/core/ascii.hpp"
#include "probes/rtsp/rtsp_limits.hpp"

namespace vca::probes::rtsp {
namespace {

using core::ascii::iequals;
using core::ascii::is_alpha;
using core::ascii::is_blank;
using core::ascii::is_digit;
using core::ascii::istarts_with;
using core::ascii::trim;

constexpr char kInterleavedMagic = '$';  // RFC 2326 §10.12
constexpr std::size_t kInterleavedHeader = 4;

// RFC 2326 §15.1 method = token (RFC 2616 §2.2): visible ASCII minus separators.
bool is_token_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
    return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_token_char(c)) return false;
    return true;
}

// "RTSP/" 1*DIGIT "." 1*DIGIT (RFC 2326 §3.1, RFC 7826 §7.1); the name is case-sensitive
// in the grammar but tolerated in any case, as the SIP parser does.
bool is_version(std::string_view v) {
    if (!istarts_with(v, "RTSP/")) return false;
    std::string_view n = v.substr(5);
    const std::size_t dot = n.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot + 1 == n.size()) return false;
    for (std::size_t i = 0; i < n.size(); ++i)
        if (i != dot && !is_digit(n[i])) return false;
    return true;
}

// A request URI: "*" or scheme ":" followed by visible characters.
bool is_uri(std::string_view s) {
    if (s == "*") return true;
    if (s.empty() || !is_alpha(s[0])) return false;
    std::size_t i = 0;
    while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
    if (i >= s.size() || s[i] != ':') return false;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) return false;
    }
    return true;
}

struct Line {
    std::string_view text;
    std::size_t next = 0;
};

bool next_line(std::string_view s, std::size_t pos, Line& out) {
    const std::size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) return false;
    std::size_t end = nl;
    if (end > pos && s[end - 1] == '\r') --end;
    out.text = s.substr(pos, end - pos);
    out.next = nl + 1;
    return true;
}

bool parse_start_line(std::string_view line, RtspMessageView& m) {
    if (istarts_with(line, "RTSP/")) {
        const std::size_t sp = line.find(' ');
        if (sp == std::string_view::npos || !is_version(line.substr(0, sp))) return false;
        std::string_view rest = line.substr(sp + 1);
        if (rest.size() < 3 || !is_digit(rest[0]) || !is_digit(rest[1]) || !is_digit(rest[2])) return false;
        if (rest.size() > 3 && rest[3] != ' ') return false;
        m.is_request = false;
        m.version = line.substr(0, sp);
        m.status_code = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
        if (m.status_code < 100) return false;
        m.reason = rest.size() > 4 ? rest.substr(4) : std::string_view();
        return true;
    }
    const std::size_t a = line.find(' ');
    if (a == std::string_view::npos) return false;
    const std::size_t b = line.find(' ', a + 1);
    if (b == std::string_view::npos || line.find(' ', b + 1) != std::string_view::npos) return false;
    const std::string_view method = line.substr(0, a), uri = line.substr(a + 1, b - a - 1), version = line.substr(b + 1);
    if (!is_token(method) || !is_uri(uri) || !is_version(version)) return false;
    m.is_request = true;
    m.method = method;
    m.uri = uri;
    m.version = version;
    return true;
}

// A character no start line holds: lets a stream reject binary data before
// a line end arrives.
bool impossible_in_start_line(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\r' && c != '\t') || u == 0x7f;
}

RtspParseResult invalid(std::string_view reason) {
    RtspParseResult r;
    r.status = ParseStatus::Invalid;
    r.error = reason;
    return r;
}

}  // namespace

std::optional<std::string_view> RtspMessageView::header(std::string_view name) const {
    for (const auto& h : headers)
        if (iequals(h.name, name)) return h.value;
    return std::nullopt;
}

RtspParseResult parse_rtsp_element(core::Bytes data) {
    const std::string_view s = core::as_text(data);
    std::size_t start = 0;
    while (start < s.size() && (s[start] == '\r' || s[start] == '\n')) ++start;
    RtspParseResult r;
    if (start == s.size()) {
        r.consumed = start;
        return r;  // NeedMore
    }
    if (s[start] == kInterleavedMagic) {
        core::ByteReader rd(data.subspan(start));
        std::uint8_t magic = 0, channel = 0;
        std::uint16_t length = 0;
        if (!rd.u8(magic) || !rd.u8(channel) || !rd.be16(length)) return r;
        core::Bytes payload;
        if (!rd.bytes(length, payload)) return r;
        r.status = ParseStatus::Ok;
        r.kind = ElementKind::Interleaved;
        r.frame = InterleavedFrame{channel, payload};
        r.consumed = start + kInterleavedHeader + length;
        return r;
    }

    Line line;
    if (!next_line(s, start, line)) {
        const std::string_view partial = s.substr(start);
        for (char c : partial)
            if (impossible_in_start_line(c)) return invalid("rtsp_bad_start_line");
        if (partial.size() > limits::kMaxRtspHead) return invalid("rtsp_head_limit");
        return r;
    }
    RtspMessageView m;
    if (!parse_start_line(line.text, m)) return invalid("rtsp_bad_start_line");

    std::size_t pos = line.next;
    bool ended = false;
    while (!ended) {
        if (pos - start > limits::kMaxRtspHead) return invalid("rtsp_head_limit");
        if (!next_line(s, pos, line)) {
            if (s.size() - start > limits::kMaxRtspHead) return invalid("rtsp_head_limit");
            return r;  // NeedMore
        }
        if (line.text.empty()) {
            ended = true;
        } else if (is_blank(line.text.front())) {
            // Continuation of the previous value (RFC 2616 §2.2 LWS, which RTSP/1.0 inherits).
            if (m.headers.empty()) return invalid("rtsp_header_no_colon");
            RtspHeaderView& h = m.headers.back();
            const char* begin = h.value.empty() ? line.text.data() : h.value.data();
            const std::string_view grown(begin, static_cast<std::size_t>(line.text.data() + line.text.size() - begin));
            h.value = trim(grown);
        } else {
            const std::size_t colon = line.text.find(':');
            if (colon == std::string_view::npos) return invalid("rtsp_header_no_colon");
            if (m.headers.size() >= limits::kMaxRtspHeaders) return invalid("rtsp_header_limit");
            m.headers.push_back({trim(line.text.substr(0, colon)), trim(line.text.substr(colon + 1))});
        }
        pos = line.next;
    }

    std::size_t body_length = 0;
    if (auto cl = m.header("Content-Length")) {
        auto n = core::ascii::parse_decimal(*cl);
        if (!n) return invalid("rtsp_bad_content_length");
        if (*n > limits::kMaxRtspBody) return invalid("rtsp_body_limit");
        body_length = static_cast<std::size_t>(*n);
    }
    if (s.size() - pos < body_length) return r;  // NeedMore
    m.body = s.substr(pos, body_length);
    r.status = ParseStatus::Ok;
    r.kind = ElementKind::Message;
    r.msg = std::move(m);
    r.consumed = pos + body_length;
    return r;
}

bool looks_like_rtsp(core::Bytes first_bytes) {
    const std::string_view s = core::as_text(first_bytes);
    if (istarts_with(s, "RTSP/")) {
        const std::size_t sp = s.find(' ');
        return sp != std::string_view::npos && is_version(s.substr(0, sp));
    }
    const std::size_t a = s.find(' ');
    if (a == std::string_view::npos || !is_token(s.substr(0, a))) return false;
    std::string_view rest = s.substr(a + 1);
    const bool rtsp_uri = rest.starts_with("*") || istarts_with(rest, "rtsp://") || istarts_with(rest, "rtsps://") ||
                          istarts_with(rest, "rtspu://");
    if (!rtsp_uri) return false;
    const std::size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) return true;  // the version is not in yet
    std::string_view line = rest.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t b = line.rfind(' ');
    return b != std::string_view::npos && is_version(line.substr(b + 1));
}

}  // namespace vca::probes::rtsp
