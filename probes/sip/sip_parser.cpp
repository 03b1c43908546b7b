// SIP message grammar (see sip_parser.hpp for the contract).
#include "probes/sip/sip_parser.hpp"

#include <array>
#include <cstdint>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"

namespace vca::probes::sip {
namespace {

// SIP tokens and header names are case-insensitive ASCII (RFC 3261 §7.3.1);
// trim() drops SP, HTAB, CR and LF.
using core::ascii::iequals;
using core::ascii::is_alpha;
using core::ascii::is_blank;
using core::ascii::is_digit;
using core::ascii::istarts_with;
using core::ascii::lower;
using core::ascii::trim;

// RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" /
// "+" / "`" / "'" / "~").
bool is_token_char(char c) {
    if (is_alpha(c) || is_digit(c)) return true;
    switch (c) {
        case '-': case '.': case '!': case '%': case '*': case '_': case '+': case '`':
        case '\'': case '~':
            return true;
        default:
            return false;
    }
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!is_token_char(c)) return false;
    }
    return true;
}

// RFC 3986 §3.1 scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
// Request-URI (RFC 3261 §25.1) is a SIP-URI, SIPS-URI or absoluteURI: all
// start with a scheme; no SP or control characters.
bool is_request_uri(std::string_view s) {
    std::size_t i = 0;
    if (s.empty() || !is_alpha(s[0])) return false;
    while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' ||
                            s[i] == '.')) {
        ++i;
    }
    if (i >= s.size() || s[i] != ':') return false;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) return false;
    }
    return true;
}

// One line from `pos`: the text without its CRLF/LF, and where the next line
// starts. False when no LF follows (the line is incomplete).
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

constexpr std::string_view kSipVersion = "SIP/2.0";

// RFC 3261 §7.1 Request-Line = Method SP Request-URI SP SIP-Version CRLF;
// §7.2 Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF
// (literal strings are case-insensitive, RFC 3261 §25). A Status-Line whose
// reason phrase and its SP are both missing is tolerated.
bool parse_start_line(std::string_view line, SipMessageView& msg) {
    if (istarts_with(line, kSipVersion) && line.size() > kSipVersion.size() &&
        line[kSipVersion.size()] == ' ') {
        const std::string_view rest = line.substr(kSipVersion.size() + 1);
        if (rest.size() < 3 || !is_digit(rest[0]) || !is_digit(rest[1]) || !is_digit(rest[2])) {
            return false;
        }
        const int code = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
        if (code < 100 || code > 699) return false;  // §21: 1xx..6xx
        if (rest.size() > 3 && rest[3] != ' ') return false;
        msg.is_request = false;
        msg.status_code = code;
        msg.reason = rest.size() > 4 ? rest.substr(4) : std::string_view{};
        return true;
    }
    const std::size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos) return false;
    const std::size_t sp2 = line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos) return false;
    const std::string_view method = line.substr(0, sp1);
    const std::string_view uri = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    if (!is_token(method) || !is_request_uri(uri) || !iequals(version, kSipVersion)) return false;
    msg.is_request = true;
    msg.method = method;
    msg.request_uri = uri;
    return true;
}

// An incomplete first line can still become a valid start line only if it
// holds no control characters (other than a final CR) and begins like one.
bool plausible_partial_start_line(std::string_view partial) {
    if (!partial.empty() && partial.back() == '\r') partial.remove_suffix(1);
    for (char c : partial) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) return false;
    }
    const std::size_t sp = partial.find(' ');
    const std::string_view first = partial.substr(0, sp);
    if (istarts_with(kSipVersion, first) || istarts_with(first, kSipVersion)) return true;
    for (char c : first) {
        if (!is_token_char(c)) return false;
    }
    return true;
}

// Content-Length = 1*DIGIT (RFC 3261 §20.14). Saturates instead of
// overflowing; the stream limit check rejects absurd values.
bool parse_length(std::string_view v, std::size_t& out) {
    v = trim(v);
    if (v.empty()) return false;
    std::size_t n = 0;
    for (char c : v) {
        if (!is_digit(c)) return false;
        if (n > (SIZE_MAX - 9) / 10) {
            n = SIZE_MAX;
        } else {
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
    }
    out = n;
    return true;
}

SipParseResult invalid(std::string_view why) {
    SipParseResult r;
    r.status = ParseStatus::Invalid;
    r.error = why;
    return r;
}

struct Compact {
    char letter;
    std::string_view name;
};

// RFC 3261 §7.3.3 (c e f i k l m s t v) and the IANA "Header Fields"
// registry: a j d (RFC 3841), b (RFC 3892), o u (RFC 6665), r (RFC 3515),
// x (RFC 4028), y (RFC 8224), n (RFC 4474, obsolete).
constexpr std::array<Compact, 20> kCompactForms = {{
    {'a', "Accept-Contact"},  {'b', "Referred-By"},     {'c', "Content-Type"},
    {'d', "Request-Disposition"}, {'e', "Content-Encoding"}, {'f', "From"},
    {'i', "Call-ID"},         {'j', "Reject-Contact"},  {'k', "Supported"},
    {'l', "Content-Length"},  {'m', "Contact"},         {'n', "Identity-Info"},
    {'o', "Event"},           {'r', "Refer-To"},        {'s', "Subject"},
    {'t', "To"},              {'u', "Allow-Events"},    {'v', "Via"},
    {'x', "Session-Expires"}, {'y', "Identity"},
}};

bool same_header(std::string_view a, std::string_view b) {
    return iequals(canonical_header_name(a), canonical_header_name(b));
}

}  // namespace

std::string_view canonical_header_name(std::string_view name) {
    if (name.size() == 1) {
        const char c = lower(name[0]);
        for (const auto& f : kCompactForms) {
            if (f.letter == c) return f.name;
        }
    }
    return name;
}

std::optional<std::string_view> SipMessageView::header(std::string_view canonical_name) const {
    for (const auto& h : headers) {
        if (same_header(h.name, canonical_name)) return h.value;
    }
    return std::nullopt;
}

std::vector<std::string_view> SipMessageView::header_values(std::string_view canonical_name) const {
    std::vector<std::string_view> out;
    for (const auto& h : headers) {
        if (same_header(h.name, canonical_name)) out.push_back(h.value);
    }
    return out;
}

SipParseResult parse_sip_message(core::Bytes data, bool datagram) {
    const std::string_view s = core::as_text(data);
    // RFC 5626 §3.5.1 keep-alives (and RFC 3261 §7.5: empty lines before the
    // start line are ignored).
    std::size_t pos = 0;
    while (pos < s.size()) {
        if (s[pos] == '\n') {
            ++pos;
        } else if (s[pos] == '\r' && pos + 1 < s.size() && s[pos + 1] == '\n') {
            pos += 2;
        } else {
            break;
        }
    }
    const std::size_t skipped = pos;
    if (pos == s.size() || (pos + 1 == s.size() && s[pos] == '\r')) {
        SipParseResult r;
        r.status = ParseStatus::NeedMore;
        r.consumed = datagram ? s.size() : skipped;
        r.error = "sip_keepalive";
        return r;
    }

    SipParseResult out;
    SipMessageView& msg = out.msg;
    // A datagram that ends before the empty line closing the headers (cut by
    // a snap length or a lost fragment) still yields what it holds: its
    // complete lines, no body, body_truncated and a note in `error`.
    bool cut = false;
    Line line;
    if (!next_line(s, pos, line)) {
        if (!plausible_partial_start_line(s.substr(pos))) return invalid("sip_bad_start_line");
        if (!datagram) {
            out.consumed = skipped;
            return out;  // NeedMore
        }
        std::string_view only = s.substr(pos);
        if (!only.empty() && only.back() == '\r') only.remove_suffix(1);
        if (!parse_start_line(only, msg)) return invalid("sip_bad_start_line");
        cut = true;
        pos = s.size();
    } else {
        if (!parse_start_line(line.text, msg)) return invalid("sip_bad_start_line");
        pos = line.next;
    }

    // Header fields up to the empty line (RFC 3261 §7.3). Folded lines extend
    // the previous value: [value_begin, value_end) indexes into `s`.
    std::size_t value_begin = 0;
    std::size_t value_end = 0;
    bool have_header = false;
    auto flush_value = [&]() {
        if (have_header) msg.headers.back().value = s.substr(value_begin, value_end - value_begin);
    };
    std::size_t body_start = s.size();
    while (!cut) {
        if (!next_line(s, pos, line)) {
            if (datagram) {  // the partial last line, if any, is dropped
                cut = true;
                break;
            }
            SipParseResult more;
            more.consumed = skipped;
            return more;  // NeedMore
        }
        const std::size_t line_begin = pos;
        pos = line.next;
        if (line.text.empty()) {
            body_start = pos;
            break;
        }
        if (is_blank(line.text.front())) {  // RFC 3261 §7.3.1 continuation (LWS)
            if (!have_header) return invalid("sip_bad_folding");
            const std::string_view t = trim(line.text);
            if (!t.empty()) {
                const std::size_t t_begin = static_cast<std::size_t>(t.data() - s.data());
                if (value_begin == value_end) value_begin = t_begin;
                value_end = t_begin + t.size();
            }
            continue;
        }
        const std::size_t colon = line.text.find(':');
        if (colon == std::string_view::npos) return invalid("sip_header_no_colon");
        std::string_view name = line.text.substr(0, colon);
        while (!name.empty() && is_blank(name.back())) name.remove_suffix(1);  // HCOLON
        if (!is_token(name)) return invalid("sip_bad_header_name");
        if (msg.headers.size() >= core::limits::kMaxSipHeaders) return invalid("sip_header_limit");
        flush_value();
        const std::string_view v = trim(line.text.substr(colon + 1));
        value_begin = v.empty() ? line_begin + line.text.size()
                                : static_cast<std::size_t>(v.data() - s.data());
        value_end = value_begin + v.size();
        msg.headers.push_back(SipHeaderView{name, {}});
        have_header = true;
    }
    flush_value();

    // Content-Length (RFC 3261 §20.14); repeated copies must agree.
    for (const auto& h : msg.headers) {
        if (!same_header(h.name, "Content-Length")) continue;
        std::size_t n = 0;
        if (!parse_length(h.value, n)) return invalid("sip_bad_content_length");
        if (msg.content_length && *msg.content_length != n) return invalid("sip_bad_content_length");
        msg.content_length = n;
    }

    const std::string_view rest = s.substr(body_start);
    if (datagram) {  // RFC 3261 §18.3: the datagram bounds the message
        msg.body = rest;
        if (cut) {
            msg.body_truncated = true;
            out.error = "sip_headers_unterminated";
        } else if (msg.content_length) {
            if (*msg.content_length <= rest.size()) {
                msg.body = rest.substr(0, *msg.content_length);
            } else {
                msg.body_truncated = true;
            }
        }
        out.status = ParseStatus::Ok;
        out.consumed = s.size();
        return out;
    }
    if (!msg.content_length) return invalid("sip_missing_content_length");
    if (*msg.content_length > core::limits::kMaxSipBody) return invalid("sip_body_limit");
    if (rest.size() < *msg.content_length) {
        SipParseResult more;
        more.consumed = skipped;
        return more;  // NeedMore
    }
    msg.body = rest.substr(0, *msg.content_length);
    out.status = ParseStatus::Ok;
    out.consumed = body_start + *msg.content_length;
    return out;
}

bool looks_like_sip(core::Bytes first_bytes) {
    std::string_view s = core::as_text(first_bytes);
    while (!s.empty() && (s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    Line line;
    if (next_line(s, 0, line)) {
        SipMessageView msg;
        return parse_start_line(line.text, msg);
    }
    // Incomplete first line: "SIP/2.0 " + digit, or token SP scheme ":".
    if (istarts_with(s, "SIP/2.0 ")) return s.size() > 8 && is_digit(s[8]);
    const std::size_t sp = s.find(' ');
    if (sp == std::string_view::npos || !is_token(s.substr(0, sp))) return false;
    const std::string_view uri = s.substr(sp + 1);
    const std::size_t colon = uri.find(':');
    return colon != std::string_view::npos && is_request_uri(uri.substr(0, uri.find(' ')));
}

std::string_view uri_of(std::string_view name_addr) {
    const std::string_view s = trim(name_addr);
    std::size_t i = 0;
    if (!s.empty() && s[0] == '"') {  // quoted-string display name (§25.1)
        i = 1;
        while (i < s.size() && s[i] != '"') i += (s[i] == '\\') ? 2 : 1;
        if (i >= s.size()) return {};
        ++i;
    }
    const std::size_t lt = s.find('<', i);
    if (lt != std::string_view::npos) {
        const std::size_t gt = s.find('>', lt + 1);
        const std::size_t end = gt == std::string_view::npos ? s.size() : gt;
        return trim(s.substr(lt + 1, end - lt - 1));
    }
    if (i != 0) return {};  // a display name without <addr-spec>
    // addr-spec: parameters after ';' are header parameters (§20.10).
    std::size_t end = 0;
    while (end < s.size() && s[end] != ';' && !is_blank(s[end]) && s[end] != ',') ++end;
    return s.substr(0, end);
}

std::string unfold(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    std::size_t i = 0;
    while (i < value.size()) {
        const char c = value[i];
        if (c == '\r' || c == '\n') {
            while (!out.empty() && is_blank(out.back())) out.pop_back();
            while (i < value.size() &&
                   (value[i] == '\r' || value[i] == '\n' || is_blank(value[i]))) {
                ++i;
            }
            if (!out.empty() && i < value.size()) out.push_back(' ');
            continue;
        }
        out.push_back(c);
        ++i;
    }
    return out;
}

}  // namespace vca::probes::sip
