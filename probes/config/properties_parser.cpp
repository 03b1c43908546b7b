#include "probes/config/properties_parser.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "probes/config/config_limits.hpp"
#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;

struct Property {
    std::string key;
    std::string value;
    int line = 0;
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\f'; }

std::string_view ltrim(std::string_view s) {
    while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
    return s;
}

// Odd number of trailing backslashes: the line continues on the next one.
bool continues(std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && s[s.size() - 1 - n] == '\\') ++n;
    return n % 2 == 1;
}

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string unescape(std::string_view s, ConfigBuilder& out, int line) {
    std::string r;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            r += s[i];
            continue;
        }
        const char c = s[++i];
        switch (c) {
            case 't': r += '\t'; break;
            case 'n': r += '\n'; break;
            case 'r': r += '\r'; break;
            case 'f': r += '\f'; break;
            case 'u': {
                unsigned cp = 0;
                bool ok = i + 4 < s.size();  // four hex digits follow the 'u'
                for (std::size_t k = 1; ok && k <= 4; ++k) {
                    const int h = hex(s[i + k]);
                    if (h < 0) ok = false;
                    else cp = cp * 16 + static_cast<unsigned>(h);
                }
                if (ok) {
                    append_utf8(r, cp);
                    i += 4;
                } else {
                    out.issue(line, "malformed \\uXXXX escape");
                    r += "\\u";
                }
                break;
            }
            default: r += c;
        }
    }
    return r;
}

// Standard base64 text decoding to printable ASCII, else nullopt (the value
// is then not a base64-encoded password).
std::optional<std::string> decode_base64(std::string_view s) {
    if (s.empty() || s.size() % 4 != 0) return std::nullopt;
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    std::size_t pad = 0;
    for (char c : s) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '+') v = 62;
        else if (c == '/') v = 63;
        else if (c == '=') {
            ++pad;
            continue;
        } else {
            return std::nullopt;
        }
        if (pad > 0) return std::nullopt;  // data after padding
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            const char byte = static_cast<char>((acc >> bits) & 0xFF);
            if (byte < 0x20 || byte > 0x7E) return std::nullopt;
            out += byte;
        }
    }
    if (pad > 2 || out.empty()) return std::nullopt;
    return out;
}

std::vector<Property> read(std::string_view input, ConfigBuilder& out) {
    std::vector<Property> props;
    const std::vector<text::Line> lines = text::split_lines(input, out);
    for (std::size_t i = 0; i < lines.size() && !out.full(); ++i) {
        std::string_view first = ltrim(lines[i].text);
        if (first.empty() || first.front() == '#' || first.front() == '!') continue;
        const int number = lines[i].number;
        std::string logical(first);
        std::size_t joined = 1;
        while (continues(logical) && i + 1 < lines.size()) {
            if (++joined > limits::kMaxJoinedLines) {
                out.issue(number, "more than " + std::to_string(limits::kMaxJoinedLines) + " continuation lines: cut");
                break;
            }
            logical.pop_back();
            logical += ltrim(lines[++i].text);
        }
        if (continues(logical)) logical.pop_back();  // continuation at the end of the file
        // The key ends at the first unescaped '=', ':' or blank.
        std::size_t k = 0;
        while (k < logical.size() && logical[k] != '=' && logical[k] != ':' && !is_ws(logical[k])) k += logical[k] == '\\' ? 2 : 1;
        k = std::min(k, logical.size());
        std::string_view rest = ltrim(std::string_view(logical).substr(k));
        if (!rest.empty() && (rest.front() == '=' || rest.front() == ':')) rest = ltrim(rest.substr(1));
        const std::string key = unescape(std::string_view(logical).substr(0, k), out, number);
        if (key.empty()) {
            out.issue(number, "property without a key");
            continue;
        }
        Property p{key, unescape(rest, out, number), number};
        out.raw(p.key, p.value, number);
        props.push_back(std::move(p));
    }
    return props;
}

// ${key} references to other properties of the file.
std::string resolve(std::string value, const std::map<std::string, std::string>& all) {
    for (std::size_t depth = 0; depth < limits::kMaxSubstitutionDepth; ++depth) {
        const auto open = value.find("${");
        if (open == std::string::npos) break;
        const auto close = value.find('}', open);
        if (close == std::string::npos) break;
        const auto it = all.find(value.substr(open + 2, close - open - 2));
        if (it == all.end()) break;
        value = value.substr(0, open) + it->second + value.substr(close + 1);
        if (value.size() > limits::kMaxLineLength) break;
    }
    return value;
}

constexpr std::string_view kSipAccounts = "net.java.sip.communicator.impl.protocol.sip.";

void normalise(ConfigBuilder& out, const std::vector<Property>& props) {
    std::map<std::string, std::string> all;
    for (const Property& p : props) all[p.key] = p.value;
    std::set<std::string> accounts;
    std::set<std::string> with_transport;
    DeviceInfo& d = out.device();
    for (const Property& p : props) {
        const std::string v = resolve(p.value, all);
        const std::string& k = p.key;
        if (k.starts_with("org.jitsi.jigasi") || k.starts_with(kSipAccounts)) {
            d.product = "Jigasi";
            d.role = "endpoint";
        } else if (k.starts_with("org.jitsi.videobridge") && !d.product) {
            d.product = "Jitsi Videobridge";
            d.role = "mcu";
        } else if (k.starts_with("bigbluebutton.web.") || k == "securitySalt") {
            d.vendor = "BigBlueButton";
            d.product = "bbb-web";
            d.role = "mcu";
        }
        if (k.starts_with(kSipAccounts)) {
            const std::string_view rest = std::string_view(k).substr(kSipAccounts.size());
            const auto dot = rest.find('.');
            const std::string account(rest.substr(0, dot));
            if (dot == std::string_view::npos) {
                if (accounts.size() < limits::kMaxSections) accounts.insert(account);
                continue;
            }
            const std::string_view prop = rest.substr(dot + 1);
            if (prop == "PASSWORD") {
                // Jitsi stores SIP account passwords base64-encoded.
                out.set("sip.password", decode_base64(v).value_or(v), k, p.line);
            } else if (prop == "DEFAULT_ENCRYPTION") {
                if (const auto b = text::parse_bool(v)) out.set("media.srtp", *b ? "optional" : "off", k, p.line, false);
            } else if (prop == "PREFERRED_TRANSPORT") {
                out.set("sip.transport", ascii::to_lower(v), k, p.line);
                with_transport.insert(account);
            }
        } else if (k.starts_with("org.jitsi.") &&
                   (ascii::iends_with(k, ".PASSWORD") || ascii::iends_with(k, ".SECRET"))) {
            out.set("service.secret", v, k, p.line);
        } else if (k == "defaultGuestPolicy") {
            out.set("guest_access", text::on_off(ascii::iequals(v, "ALWAYS_ACCEPT")), k, p.line, false);
        } else if (k == "bigbluebutton.web.serverURL") {
            const std::string scheme = text::url_scheme(v);
            if (scheme == "http") out.set("mgmt.http", "on", k, p.line, false);
            if (scheme == "https") out.set("mgmt.https", "on", k, p.line, false);
        } else if (k == "securitySalt") {
            out.set("service.secret", v, k, p.line);
        } else if (k == "appLogLevel") {
            out.set("log.level", v, k, p.line);
        } else if (k == "disableRecordingDefault") {
            if (const auto b = text::parse_bool(v)) out.set("recording.allowed", text::on_off(!*b), k, p.line, false);
        }
    }
    // A Jitsi SIP account without PREFERRED_TRANSPORT uses UDP.
    for (const std::string& a : accounts)
        if (with_transport.count(a) == 0) out.set_default("sip.transport", "udp");
}

}  // namespace

ParsedConfig parse_java_properties(std::string_view input) {
    ConfigBuilder out(Format::JavaProperties);
    out.device().vendor = "Jitsi";
    const std::vector<Property> props = read(input, out);
    normalise(out, props);
    if (out.device().role.empty()) out.device().role = "mcu";
    return out.take();
}

}  // namespace vca::probes::config
