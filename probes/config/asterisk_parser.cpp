#include "probes/config/asterisk_parser.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "probes/config/config_limits.hpp"
#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;
using ascii::iequals;
using text::trim;

struct Entry {
    std::string key;
    std::string value;
    int line = 0;
};

struct Section {
    std::string name;
    int line = 0;
    bool is_template = false;
    std::vector<Entry> entries;  // inherited ones first

    // Last value of `key`: later lines override earlier ones (and a
    // section's own keys override inherited ones).
    [[nodiscard]] const Entry* get(std::string_view key) const {
        for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            if (iequals(it->key, key)) return &*it;
        return nullptr;
    }
    [[nodiscard]] std::string type() const {
        const Entry* e = get("type");
        return e ? ascii::to_lower(trim(e->value)) : std::string{};
    }
    [[nodiscard]] bool has_any(std::initializer_list<std::string_view> keys) const {
        return std::any_of(keys.begin(), keys.end(), [&](std::string_view k) { return get(k) != nullptr; });
    }
};

// ------------------------------------------------------------------ syntax

// The part of a line outside comments. `;` starts a comment unless escaped
// (`\;`); `;--` (not `;---`) opens a block comment that `--;` closes, and
// blocks nest, as in Asterisk's config loader.
std::string strip_comments(std::string_view line, int& block_depth) {
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
        const std::string_view rest = line.substr(i);
        const bool opens = rest.starts_with(";--") && (rest.size() == 3 || rest[3] != '-');
        if (block_depth > 0) {
            if (rest.starts_with("--;")) {
                --block_depth;
                i += 3;
            } else if (opens) {
                if (static_cast<std::size_t>(block_depth) < limits::kMaxNesting) ++block_depth;
                i += 3;
            } else {
                ++i;
            }
            continue;
        }
        if (rest.starts_with("\\;")) {
            out += ';';
            i += 2;
        } else if (opens) {
            ++block_depth;
            i += 3;
        } else if (rest.front() == ';') {
            break;
        } else {
            out += rest.front();
            ++i;
        }
    }
    return out;
}

class IniReader {
public:
    explicit IniReader(ConfigBuilder& out) : out_(out) {}

    std::vector<Section> read(std::string_view input) {
        int block_depth = 0;
        int block_start = 0;
        for (const text::Line& line : text::split_lines(input, out_)) {
            if (out_.full()) break;
            const int before = block_depth;
            const std::string content = strip_comments(line.text, block_depth);
            if (before == 0 && block_depth > 0) block_start = line.number;
            const std::string_view s = trim(content);
            if (s.empty()) continue;
            if (s.front() == '#')
                directive(s, line.number);
            else if (s.front() == '[')
                header(s, line.number);
            else
                assignment(s, line.number);
        }
        if (block_depth > 0) out_.issue(block_start, "block comment ';--' is never closed with '--;'");
        return std::move(sections_);
    }

private:
    void directive(std::string_view s, int line) {
        const auto space = s.find_first_of(" \t");
        const std::string_view word = s.substr(0, space);
        if (word != "#include" && word != "#tryinclude" && word != "#exec") {
            out_.issue(line, "unknown directive (expected #include, #tryinclude or #exec)");
            return;
        }
        std::string_view arg = space == std::string_view::npos ? std::string_view{} : trim(s.substr(space));
        if (arg.size() >= 2 && arg.front() == '<' && arg.back() == '>') arg = arg.substr(1, arg.size() - 2);
        arg = text::strip_quotes(arg);
        if (arg.empty()) {
            out_.issue(line, std::string(word) + " without a file name");
            return;
        }
        out_.raw(std::string(word), std::string(arg), line);
    }

    void header(std::string_view s, int line) {
        const auto close = s.find(']');
        if (close == std::string_view::npos) {
            out_.issue(line, "section header without ']'");
            current_.reset();
            return;
        }
        const std::string name(trim(s.substr(1, close - 1)));
        std::string_view rest = trim(s.substr(close + 1));
        std::vector<std::string_view> options;
        if (!rest.empty()) {
            const auto end = rest.find(')');
            if (rest.front() != '(' || end == std::string_view::npos || !trim(rest.substr(end + 1)).empty()) {
                out_.issue(line, "text after section header is not '(options)'");
            } else {
                std::string_view list = rest.substr(1, end - 1);
                while (!list.empty()) {
                    const auto comma = list.find(',');
                    options.push_back(trim(list.substr(0, comma)));
                    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
                }
            }
        }
        if (name.empty()) {
            out_.issue(line, "empty section name");
            current_.reset();
            return;
        }
        const bool append = std::find(options.begin(), options.end(), "+") != options.end();
        if (append) {
            // [name](+) adds to the most recent section of that name.
            if (const auto it = last_.find(name); it != last_.end()) {
                current_ = it->second;
                return;
            }
            out_.issue(line, "'(+)' adds to a section that was not defined before");
        }
        if (sections_.size() >= limits::kMaxSections) {
            out_.issue(line, "more than " + std::to_string(limits::kMaxSections) + " sections: the rest is not read");
            current_.reset();
            return;
        }
        Section section;
        section.name = name;
        section.line = line;
        std::size_t inherited = 0;
        for (std::string_view option : options) {
            if (option == "!") {
                section.is_template = true;
                continue;
            }
            if (option == "+" || option.empty()) continue;
            if (++inherited > limits::kMaxTemplatesPerSection) {
                out_.issue(line, "more than " + std::to_string(limits::kMaxTemplatesPerSection) + " templates inherited");
                break;
            }
            const Section* tmpl = find_template(option);
            if (tmpl == nullptr) {
                out_.issue(line, "inherits from a section not defined before it");
                continue;
            }
            for (const Entry& e : tmpl->entries) {
                if (out_.full()) break;
                out_.raw(name + "." + e.key, e.value, e.line);
                section.entries.push_back(e);
            }
        }
        const std::size_t index = sections_.size();
        last_[name] = index;
        first_.emplace(name, index);
        if (section.is_template) first_template_.emplace(name, index);
        sections_.push_back(std::move(section));
        current_ = index;
    }

    // A template of that name, else any section of that name (Asterisk lets
    // any earlier section be inherited).
    const Section* find_template(std::string_view name) const {
        const std::string key(name);
        if (const auto it = first_template_.find(key); it != first_template_.end()) return &sections_[it->second];
        if (const auto it = first_.find(key); it != first_.end()) return &sections_[it->second];
        return nullptr;
    }

    void assignment(std::string_view s, int line) {
        const auto eq = s.find('=');
        if (eq == std::string_view::npos) {
            out_.issue(line, "line is neither [section], key = value nor #include");
            return;
        }
        const std::string key(trim(s.substr(0, eq)));
        std::string_view value = s.substr(eq + 1);
        if (!value.empty() && value.front() == '>') value.remove_prefix(1);  // key => value
        if (key.empty()) {
            out_.issue(line, "setting without a key before '='");
            return;
        }
        if (!current_) {
            out_.issue(line, "setting outside any [section]");
            out_.raw(key, std::string(trim(value)), line);
            return;
        }
        Section& section = sections_[*current_];
        out_.raw(section.name + "." + key, std::string(trim(value)), line);
        section.entries.push_back(Entry{key, std::string(trim(value)), line});
    }

    ConfigBuilder& out_;
    std::vector<Section> sections_;
    std::optional<std::size_t> current_;
    // Section indices by name: the latest, the first, the first template.
    std::unordered_map<std::string, std::size_t> last_, first_, first_template_;
};

// ------------------------------------------------------------------ which file

enum class Kind { Pjsip, ChanSip, Manager, Http, Rtp, Logger, Ooh323, Other };

const Section* general_of(const std::vector<Section>& sections) {
    for (const Section& s : sections)
        if (iequals(s.name, "general")) return &s;
    return nullptr;
}

Kind classify(const std::vector<Section>& sections) {
    static constexpr std::array<std::string_view, 14> kPjsipTypes{
        "transport", "endpoint", "aor", "auth", "identify", "registration", "domain_alias", "contact", "acl",
        "system", "outbound-publish", "inbound-publish", "phoneprov", "resource_list"};
    for (const Section& s : sections) {
        const std::string type = s.type();
        if (std::find(kPjsipTypes.begin(), kPjsipTypes.end(), type) != kPjsipTypes.end()) return Kind::Pjsip;
        if (type == "global" && s.has_any({"endpoint_identifier_order", "user_agent", "default_outbound_endpoint"}))
            return Kind::Pjsip;
    }
    const Section* general = general_of(sections);
    auto general_has = [&](std::initializer_list<std::string_view> keys) { return general && general->has_any(keys); };
    if (general_has({"h323id", "e164", "gatekeeper", "h225portrange", "h245tunneling", "faststart"})) return Kind::Ooh323;
    if (general_has({"rtpstart", "rtpend", "icesupport", "stunaddr", "turnaddr", "strictrtp", "rtpchecksums"}))
        return Kind::Rtp;
    for (const Section& s : sections)
        if (iequals(s.name, "logfiles")) return Kind::Logger;
    if (general_has({"dateformat", "rotatestrategy", "appendhostname", "queue_log", "use_callids"})) return Kind::Logger;
    if (general_has({"allowguest", "udpbindaddr", "tcpbindaddr", "tcpenable", "alwaysauthreject", "srvlookup",
                     "bindport", "tlsclientmethod", "tlsdontverifyserver"}))
        return Kind::ChanSip;
    for (const Section& s : sections) {
        const std::string type = s.type();
        if (type == "peer" || type == "friend" || type == "user") return Kind::ChanSip;
    }
    if (general_has({"port", "webenabled", "displayconnects", "timestampevents", "httptimeout", "authlimit",
                     "allowmultiplelogin"}))
        return Kind::Manager;
    for (const Section& s : sections)
        if (!iequals(s.name, "general") && s.has_any({"read", "write"}) && s.get("secret")) return Kind::Manager;
    if (general_has({"servername", "bindport", "prefix", "enablestatic", "sessionlimit", "session_inactivity",
                     "redirect", "tlsenable", "enabled"}))
        return Kind::Http;
    return Kind::Other;
}

// ------------------------------------------------------------------ normalising

std::string qualified(const Section& s, const Entry& e) { return s.name + "." + e.key; }

// Port of "addr:port", "[v6]:port" or "port"; "" when there is none.
std::string port_of(std::string_view addr) {
    addr = trim(addr);
    std::string_view port;
    if (!addr.empty() && addr.front() == '[') {
        const auto close = addr.find("]:");
        if (close != std::string_view::npos) port = addr.substr(close + 2);
    } else if (const auto colon = addr.find(':'); colon != std::string_view::npos && addr.find(':', colon + 1) == std::string_view::npos) {
        port = addr.substr(colon + 1);
    }
    return text::parse_int(port) ? std::string(port) : std::string{};
}

// Host of "addr:port" / "[v6]:port" / "addr".
std::string host_of(std::string_view addr) {
    addr = trim(addr);
    if (!addr.empty() && addr.front() == '[') {
        const auto close = addr.find(']');
        return std::string(close == std::string_view::npos ? addr : addr.substr(1, close - 1));
    }
    if (const auto colon = addr.find(':'); colon != std::string_view::npos && addr.find(':', colon + 1) == std::string_view::npos)
        return std::string(addr.substr(0, colon));
    return std::string(addr);
}

void set_bool(ConfigBuilder& out, std::string_view key, const Section& s, const Entry& e, bool invert = false) {
    if (const auto b = text::parse_bool(e.value))
        out.set(key, text::on_off(*b != invert), qualified(s, e), e.line);
}

void set_transports(ConfigBuilder& out, const Section& s, const Entry& e) {
    std::string_view list = e.value;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const std::string t = ascii::to_lower(trim(list.substr(0, comma)));
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        if (t == "udp" || t == "tcp" || t == "tls" || t == "ws" || t == "wss") out.set("sip.transport", t, qualified(s, e), e.line);
    }
}

void pjsip(ConfigBuilder& out, const std::vector<Section>& sections) {
    for (const Section& s : sections) {
        const std::string type = s.type();
        if (type == "transport") {
            if (const Entry* e = s.get("protocol")) {
                const std::string p = ascii::to_lower(trim(e->value));
                if (p == "udp" || p == "tcp" || p == "tls" || p == "ws" || p == "wss")
                    out.set("sip.transport", p, qualified(s, *e), e->line);
            } else {
                out.set_default("sip.transport", "udp");  // res_pjsip transport protocol default
            }
            if (const Entry* e = s.get("bind")) out.set("sip.port", port_of(e->value), qualified(s, *e), e->line);
            if (const Entry* e = s.get("method")) {
                if (const auto v = text::tls_version(e->value)) out.set("tls.min_version", *v, qualified(s, *e), e->line);
            }
            if (const Entry* e = s.get("verify_server")) set_bool(out, "tls.verify_peer", s, *e);
            if (const Entry* e = s.get("verify_client")) set_bool(out, "tls.verify_peer", s, *e);
            if (const Entry* e = s.get("cipher")) out.set("tls.ciphers", e->value, qualified(s, *e), e->line);
        } else if (type == "endpoint") {
            const Entry* enc = s.get("media_encryption");
            const Entry* webrtc = s.get("webrtc");
            if (enc != nullptr) {
                const std::string v = ascii::to_lower(trim(enc->value));
                if (v == "no") {
                    out.set("media.srtp", "off", qualified(s, *enc), enc->line);
                } else if (v == "sdes" || v == "dtls") {
                    const Entry* opt = s.get("media_encryption_optimistic");
                    const bool optimistic = opt && text::parse_bool(opt->value).value_or(false);
                    out.set("media.srtp", optimistic ? "optional" : "required", qualified(s, *enc), enc->line);
                    out.set("media.srtp_keying", v, qualified(s, *enc), enc->line);
                } else {
                    out.set("media.srtp", enc->value, qualified(s, *enc), enc->line);
                }
            } else if (webrtc && text::parse_bool(webrtc->value).value_or(false)) {
                // webrtc=yes turns on media_encryption=dtls.
                out.set("media.srtp", "required", qualified(s, *webrtc), webrtc->line);
                out.set("media.srtp_keying", "dtls", qualified(s, *webrtc), webrtc->line);
            } else {
                out.set_default("media.srtp", "off");  // media_encryption default: no
            }
            if (iequals(s.name, "anonymous") && !s.is_template)
                out.set("guest_access", "on", s.name + ".type", s.line);  // anonymous endpoint: unauthenticated calls
        } else if (type == "auth") {
            const Entry* auth_type = s.get("auth_type");
            const bool md5 = auth_type && iequals(trim(auth_type->value), "md5");
            if (const Entry* e = s.get("password"); e && !md5) out.set("sip.password", e->value, qualified(s, *e), e->line);
        }
    }
}

void chan_sip(ConfigBuilder& out, const std::vector<Section>& sections) {
    const Section* general = general_of(sections);
    bool transport_seen = false;
    bool general_encryption = false;
    if (general != nullptr) {
        const Section& g = *general;
        if (const Entry* e = g.get("allowguest")) set_bool(out, "guest_access", g, *e);
        else out.set_default("guest_access", "on");  // chan_sip allowguest default: yes
        if (const Entry* e = g.get("transport")) {
            set_transports(out, g, *e);
            transport_seen = true;
        }
        if (const Entry* e = g.get("tlsenable"); e && text::parse_bool(e->value).value_or(false)) {
            out.set("sip.transport", "tls", qualified(g, *e), e->line);
            transport_seen = true;
        }
        if (const Entry* e = g.get("tlsclientmethod")) {
            if (const auto v = text::tls_version(e->value)) out.set("tls.min_version", *v, qualified(g, *e), e->line);
        }
        if (const Entry* e = g.get("tlsdontverifyserver")) set_bool(out, "tls.verify_peer", g, *e, true);
        if (const Entry* e = g.get("tlscipher")) out.set("tls.ciphers", e->value, qualified(g, *e), e->line);
        if (const Entry* e = g.get("encryption")) {
            set_bool(out, "media.srtp", g, *e);
            general_encryption = true;
        }
        if (const Entry* e = g.get("bindport")) out.set("sip.port", e->value, qualified(g, *e), e->line);
    } else {
        out.set_default("guest_access", "on");
    }
    for (const Section& s : sections) {
        if (&s == general) continue;
        const std::string type = s.type();
        if (type != "peer" && type != "friend" && type != "user") continue;
        if (const Entry* e = s.get("transport")) {
            set_transports(out, s, *e);
            transport_seen = true;
        }
        if (const Entry* e = s.get("secret")) out.set("sip.password", e->value, qualified(s, *e), e->line);
        if (const Entry* e = s.get("insecure"); e && ascii::icontains(e->value, "invite"))
            out.set("sip.auth_calls", "off", qualified(s, *e), e->line);  // INVITEs from this peer need no auth
        if (const Entry* e = s.get("encryption")) {
            // encryption=yes: SRTP offered and required for calls to this peer.
            if (const auto b = text::parse_bool(e->value))
                out.set("media.srtp", *b ? "required" : "off", qualified(s, *e), e->line);
        } else if (!general_encryption) {
            out.set_default("media.srtp", "off");
        }
    }
    if (!transport_seen) out.set_default("sip.transport", "udp");
}

void manager(ConfigBuilder& out, const std::vector<Section>& sections) {
    const Section* general = general_of(sections);
    if (general != nullptr) {
        const Section& g = *general;
        // enabled=yes opens the cleartext port whether or not the TLS port
        // (tlsenable) is also opened.
        if (const Entry* e = g.get("enabled")) set_bool(out, "mgmt.tcp_api", g, *e);
        else out.set_default("mgmt.tcp_api", "off");
        if (const Entry* e = g.get("bindaddr")) out.set("mgmt.bind", e->value, qualified(g, *e), e->line);
    }
    for (const Section& s : sections) {
        if (&s == general) continue;
        if (const Entry* e = s.get("secret")) out.set("admin.password", e->value, qualified(s, *e), e->line);
    }
}

void http(ConfigBuilder& out, const std::vector<Section>& sections) {
    const Section* general = general_of(sections);
    if (general == nullptr) return;
    const Section& g = *general;
    if (const Entry* e = g.get("enabled")) set_bool(out, "mgmt.http", g, *e);
    else out.set_default("mgmt.http", "off");  // http.conf: enabled defaults to no
    const Entry* tls = g.get("tlsenable");
    const bool https = tls && text::parse_bool(tls->value).value_or(false);
    if (tls != nullptr) set_bool(out, "mgmt.https", g, *tls);
    else out.set_default("mgmt.https", "off");
    if (const Entry* e = g.get("bindaddr")) out.set("mgmt.bind", host_of(e->value), qualified(g, *e), e->line);
    if (https) {
        if (const Entry* e = g.get("tlsbindaddr")) out.set("mgmt.bind", host_of(e->value), qualified(g, *e), e->line);
        if (const Entry* e = g.get("tlscipher")) out.set("tls.ciphers", e->value, qualified(g, *e), e->line);
        // tlsdisablev1 defaults to yes, tlsdisablev11 and tlsdisablev12 to no.
        const Entry* v1 = g.get("tlsdisablev1");
        const Entry* v11 = g.get("tlsdisablev11");
        const Entry* v12 = g.get("tlsdisablev12");
        const bool no10 = v1 ? text::parse_bool(v1->value).value_or(true) : true;
        const bool no11 = v11 && text::parse_bool(v11->value).value_or(false);
        const bool no12 = v12 && text::parse_bool(v12->value).value_or(false);
        const std::string min = !no10 ? "1.0" : !no11 ? "1.1" : !no12 ? "1.2" : "1.3";
        const Entry* said = v12 ? v12 : v11 ? v11 : v1;
        if (said != nullptr)
            out.set("tls.min_version", min, qualified(g, *said), said->line);
        else
            out.set_default("tls.min_version", min);
    }
}

void rtp(ConfigBuilder& out, const std::vector<Section>& sections) {
    const Section* general = general_of(sections);
    if (general == nullptr) return;
    const Section& g = *general;
    if (const Entry* e = g.get("stunaddr")) out.set("turn.server", e->value, qualified(g, *e), e->line);
    if (const Entry* e = g.get("turnaddr")) out.set("turn.server", e->value, qualified(g, *e), e->line);
    if (const Entry* e = g.get("turnpassword")) out.set("service.secret", e->value, qualified(g, *e), e->line);
}

void ooh323(ConfigBuilder& out, const std::vector<Section>& sections) {
    const Section* general = general_of(sections);
    if (general == nullptr) return;
    out.set("h323.enabled", "on", general->name, general->line);
    // chan_ooh323 has no H.235 option: its media is never protected by H.235.
    out.set_default("h323.h235", "off");
}

}  // namespace

ParsedConfig parse_asterisk_ini(std::string_view input) {
    ConfigBuilder out(Format::AsteriskIni);
    out.device().vendor = "Sangoma";
    out.device().product = "Asterisk";
    out.device().role = "pbx";
    const std::vector<Section> sections = IniReader(out).read(input);
    switch (classify(sections)) {
        case Kind::Pjsip: pjsip(out, sections); break;
        case Kind::ChanSip: chan_sip(out, sections); break;
        case Kind::Manager: manager(out, sections); break;
        case Kind::Http: http(out, sections); break;
        case Kind::Rtp: rtp(out, sections); break;
        case Kind::Ooh323: ooh323(out, sections); break;
        // logger.conf `syslog.<facility> => levels` channels write to the
        // local syslog daemon, which is not a remote log server: raw only.
        case Kind::Logger: break;
        case Kind::Other: break;
    }
    return out.take();
}

}  // namespace vca::probes::config
