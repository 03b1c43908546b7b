// SDP grammar and SIP body helpers (see sdp_parser.hpp for the contract).
#include "probes/sip/sdp_parser.hpp"

#include <cstddef>
#include <utility>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"

namespace vca::probes::sip {
namespace {

// SDP tokens are case-insensitive ASCII (RFC 8866 §5); trim() drops SP,
// HTAB, CR and LF.
using core::ascii::iequals;
using core::ascii::is_blank;
using core::ascii::lower;
using core::ascii::trim;

// Splits on runs of SP/HTAB (RFC 8866 §9 uses single SP; tolerate more).
// At most `max` fields; the last one is whatever follows the previous.
std::vector<std::string_view> fields(std::string_view s, std::size_t max) {
    std::vector<std::string_view> out;
    s = trim(s);
    while (!s.empty() && out.size() + 1 < max) {
        std::size_t end = 0;
        while (end < s.size() && !is_blank(s[end])) ++end;
        out.push_back(s.substr(0, end));
        s = trim(s.substr(end));
    }
    if (!s.empty()) out.push_back(s);
    return out;
}

std::string_view first_field(std::string_view s) {
    s = trim(s);
    std::size_t end = 0;
    while (end < s.size() && !is_blank(s[end])) ++end;
    return s.substr(0, end);
}

bool parse_port(std::string_view s, std::uint16_t& port) {
    // RFC 8866 §5.14: <port>[/<number of ports>]
    const std::size_t slash = s.find('/');
    std::string_view p = s.substr(0, slash);
    if (p.empty() || p.size() > 5) return false;
    unsigned v = 0;
    for (char c : p) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    if (v > 65535) return false;
    if (slash != std::string_view::npos) {
        const std::string_view n = s.substr(slash + 1);
        if (n.empty() || n.size() > 5) return false;
        for (char c : n) {
            if (c < '0' || c > '9') return false;
        }
    }
    port = static_cast<std::uint16_t>(v);
    return true;
}

// RFC 4568 §9.1: srtp-crypto-suite = 1*(ALPHA / DIGIT / "_"). Anything else
// in that position (for instance a misplaced "inline:" key) is not a suite
// name and is never stored.
bool is_crypto_suite_name(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '_';
        if (!ok) return false;
    }
    return true;
}

// True when some key-param "inline:<key-info>" with non-empty key-info
// appears (RFC 4568 §9.1/§6.1). The key itself is looked at, never copied.
bool has_inline_key(std::string_view s) {
    constexpr std::string_view kInline = "inline:";
    for (std::size_t i = 0; i + kInline.size() < s.size(); ++i) {
        if (iequals(s.substr(i, kInline.size()), kInline)) {
            const char next = s[i + kInline.size()];
            if (!is_blank(next) && next != ';' && next != '|') return true;
        }
    }
    return false;
}

bool is_direction(std::string_view a) {
    return a == "sendrecv" || a == "sendonly" || a == "recvonly" || a == "inactive";
}

template <typename T>
void push_limited(std::vector<T>& v, T value, bool& limit_hit) {
    if (v.size() >= core::limits::kMaxSdpMediaEntries) {
        limit_hit = true;
        return;
    }
    v.push_back(std::move(value));
}

struct SessionDefaults {
    std::optional<std::string> setup;
    std::optional<std::string> direction;
};

// RFC 8866 §5.7 (c=), RFC 8122 §5 / RFC 4145 §4 (fingerprint, setup may be
// session-level), RFC 8866 §6.7 (direction may be session-level): media
// without their own value inherit the session's.
void inherit(SdpSession& s, const SessionDefaults& d) {
    for (auto& m : s.media) {
        if (!m.connection_addr) m.connection_addr = s.connection_addr;
        if (!m.fingerprint) m.fingerprint = s.session_fingerprint;
        if (!m.setup) m.setup = d.setup;
        if (!m.direction) m.direction = d.direction;
    }
}

// "sha-256 AB:CD..." -> hash name lower-cased, one SP, fingerprint as sent.
std::optional<std::string> normalise_fingerprint(std::string_view v) {
    const auto f = fields(v, 2);
    if (f.size() != 2) return std::nullopt;
    std::string out;
    out.reserve(v.size());
    for (char c : f[0]) out.push_back(lower(c));
    out.push_back(' ');
    out.append(first_field(f[1]));
    return out;
}

// The value of parameter `name` in "type/sub; a=b; name="v"" (RFC 2045 §5.1:
// token or quoted-string). Empty when absent.
std::string_view content_type_param(std::string_view ct, std::string_view name) {
    std::size_t i = ct.find(';');
    while (i != std::string_view::npos && i < ct.size()) {
        ++i;  // past ';'
        while (i < ct.size() && is_blank(ct[i])) ++i;
        const std::size_t eq = ct.find('=', i);
        if (eq == std::string_view::npos) return {};
        const std::size_t semi = ct.find(';', i);
        if (semi < eq) {  // a parameter without '=': skip it
            i = semi;
            continue;
        }
        const std::string_view pname = trim(ct.substr(i, eq - i));
        std::size_t v = eq + 1;
        while (v < ct.size() && is_blank(ct[v])) ++v;
        std::string_view value;
        std::size_t after = v;
        if (v < ct.size() && ct[v] == '"') {
            std::size_t e = v + 1;
            while (e < ct.size() && ct[e] != '"') e += (ct[e] == '\\') ? 2 : 1;
            const std::size_t end = e < ct.size() ? e : ct.size();
            value = ct.substr(v + 1, end - v - 1);
            after = end;
        } else {
            std::size_t e = v;
            while (e < ct.size() && ct[e] != ';' && !is_blank(ct[e])) ++e;
            value = ct.substr(v, e - v);
            after = e;
        }
        if (iequals(pname, name)) return value;
        i = ct.find(';', after);
    }
    return {};
}

}  // namespace

ParseStatus parse_sdp(std::string_view text, SdpSession& out) {
    out = SdpSession{};
    SessionDefaults defaults;
    SdpMedia* cur = nullptr;       // the m= section being filled, if any
    bool skipping_media = false;   // an m= section beyond kMaxSdpMedia
    bool seen_version = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty()) continue;
        // RFC 8866 §5: <type>=<value>, type one letter; the first is v=.
        if (!seen_version) {
            if (line.size() < 2 || line[0] != 'v' || line[1] != '=') return ParseStatus::Invalid;
            seen_version = true;
            continue;
        }
        if (line.size() < 2 || line[1] != '=') continue;  // tolerated: skip
        const char type = line[0];
        const std::string_view value = line.substr(2);
        switch (type) {
            case 'o': {  // §5.2 o=<username> <sess-id> <sess-version> <nettype> <addrtype> <addr>
                if (cur || skipping_media) break;
                const auto f = fields(value, 6);
                if (f.size() == 6) out.origin_addr = std::string(first_field(f[5]));
                break;
            }
            case 'c': {  // §5.7 c=<nettype> <addrtype> <connection-address>[/ttl][/n]
                const auto f = fields(value, 3);
                if (f.size() != 3) break;
                const std::string_view addr = first_field(f[2]);
                std::string a(addr.substr(0, addr.find('/')));
                if (a.empty()) break;
                if (cur) {
                    cur->connection_addr = std::move(a);
                } else if (!skipping_media) {
                    out.connection_addr = std::move(a);
                }
                break;
            }
            case 'm': {  // §5.14 m=<media> <port>[/<n>] <proto> <fmt> ...
                const auto f = fields(value, 4);  // f[3]: the whole fmt list
                std::uint16_t port = 0;
                if (f.size() < 3 || !parse_port(f[1], port)) {
                    inherit(out, defaults);
                    return ParseStatus::Invalid;
                }
                cur = nullptr;
                if (out.media.size() >= core::limits::kMaxSdpMedia) {
                    out.limit_hit = true;
                    skipping_media = true;
                    break;
                }
                skipping_media = false;
                SdpMedia m;
                m.media = std::string(f[0]);
                m.port = port;
                m.proto = std::string(f[2]);
                std::string_view fmts = f.size() > 3 ? f[3] : std::string_view{};
                while (!fmts.empty()) {
                    const std::string_view fmt = first_field(fmts);
                    push_limited(m.formats, std::string(fmt), out.limit_hit);
                    fmts = trim(fmts.substr(static_cast<std::size_t>(fmt.data() - fmts.data()) + fmt.size()));
                }
                out.media.push_back(std::move(m));
                cur = &out.media.back();
                break;
            }
            case 'a': {  // §5.13 a=<attribute>[:<value>]
                if (skipping_media) break;
                const std::size_t colon = value.find(':');
                const std::string_view name = trim(value.substr(0, colon));
                const std::string_view aval =
                    colon == std::string_view::npos ? std::string_view{} : trim(value.substr(colon + 1));
                if (name == "crypto") {  // RFC 4568 §9.1, media-level only
                    if (!cur) break;
                    // tag SP suite SP key-params...: store the suite only.
                    const auto f = fields(aval, 3);
                    if (f.size() >= 2 && is_crypto_suite_name(f[1])) {
                        push_limited(cur->crypto_suites, std::string(f[1]), out.limit_hit);
                    }
                    if (has_inline_key(aval)) cur->has_crypto_key = true;
                } else if (name == "fingerprint") {  // RFC 8122 §5
                    auto fp = normalise_fingerprint(aval);
                    if (!fp) break;
                    if (cur) {
                        if (!cur->fingerprint) cur->fingerprint = std::move(fp);
                    } else if (!out.session_fingerprint) {
                        out.session_fingerprint = std::move(fp);
                    }
                } else if (name == "setup") {  // RFC 4145 §4
                    std::string role(first_field(aval));
                    if (role.empty()) break;
                    if (cur) {
                        cur->setup = std::move(role);
                    } else {
                        defaults.setup = std::move(role);
                    }
                } else if (name == "candidate") {  // RFC 8839 §5.1
                    if (cur && !aval.empty()) {
                        push_limited(cur->candidates, std::string(aval), out.limit_hit);
                    }
                } else if (colon == std::string_view::npos && is_direction(name)) {
                    if (cur) {
                        cur->direction = std::string(name);
                    } else {
                        defaults.direction = std::string(name);
                    }
                }
                break;
            }
            default:
                break;  // other line types are not needed
        }
    }
    if (!seen_version) return ParseStatus::Invalid;
    inherit(out, defaults);
    return ParseStatus::Ok;
}

bool is_sdp_content_type(std::string_view content_type) {
    const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    return iequals(type, "application/sdp");
}

std::vector<std::string_view> multipart_parts(std::string_view body, std::string_view content_type) {
    std::vector<std::string_view> out;
    const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    constexpr std::string_view kMultipart = "multipart/";
    if (type.size() <= kMultipart.size() || !iequals(type.substr(0, kMultipart.size()), kMultipart)) {
        return out;
    }
    const std::string_view boundary = content_type_param(content_type, "boundary");
    if (boundary.empty() || boundary.size() > 70) return out;  // RFC 2046 §5.1.1: 1..70 chars

    // A delimiter line starts with "--" boundary at the start of a line.
    auto find_delimiter = [&](std::size_t from) -> std::size_t {
        while (from < body.size()) {
            const std::size_t at = body.find(boundary, from);
            if (at == std::string_view::npos || at < 2) {
                if (at == std::string_view::npos) return std::string_view::npos;
                from = at + 1;
                continue;
            }
            const std::size_t dash = at - 2;
            if (body[dash] == '-' && body[dash + 1] == '-' && (dash == 0 || body[dash - 1] == '\n')) {
                return dash;
            }
            from = at + 1;
        }
        return std::string_view::npos;
    };

    std::size_t delim = find_delimiter(0);
    std::size_t parts = 0;
    while (delim != std::string_view::npos && parts < core::limits::kMaxMultipartParts) {
        std::size_t after = delim + 2 + boundary.size();
        if (body.substr(after, 2) == "--") break;  // close-delimiter
        const std::size_t eol = body.find('\n', after);
        if (eol == std::string_view::npos) break;
        const std::size_t part_begin = eol + 1;
        const std::size_t next = find_delimiter(part_begin);
        if (next == std::string_view::npos) break;  // unterminated part: ignored
        // The line break before the next delimiter belongs to it.
        std::size_t part_end = next;
        if (part_end > part_begin && body[part_end - 1] == '\n') --part_end;
        if (part_end > part_begin && body[part_end - 1] == '\r') --part_end;
        const std::string_view part = body.substr(part_begin, part_end - part_begin);
        ++parts;

        // Part headers up to the first empty line (RFC 2046 §5.1.1); the
        // default type is text/plain, so a part without headers is skipped.
        std::string_view part_ct;
        std::size_t p = 0;
        std::size_t content_begin = std::string_view::npos;
        while (p <= part.size()) {
            std::size_t nl = part.find('\n', p);
            const bool last = nl == std::string_view::npos;
            if (last) nl = part.size();
            std::string_view hl = part.substr(p, nl - p);
            if (!hl.empty() && hl.back() == '\r') hl.remove_suffix(1);
            if (hl.empty()) {
                content_begin = last ? part.size() : nl + 1;
                break;
            }
            const std::size_t colon = hl.find(':');
            if (colon != std::string_view::npos && iequals(trim(hl.substr(0, colon)), "Content-Type")) {
                part_ct = trim(hl.substr(colon + 1));
            }
            if (last) break;
            p = nl + 1;
        }
        if (content_begin != std::string_view::npos && is_sdp_content_type(part_ct)) {
            out.push_back(part.substr(content_begin));
        }
        delim = next;
    }
    return out;
}

}  // namespace vca::probes::sip
