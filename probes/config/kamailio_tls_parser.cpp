#include "probes/config/kamailio_tls_parser.hpp"

#include <string>
#include <vector>

#include "probes/config/config_limits.hpp"
#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;
using text::trim;

struct Entry {
    std::string key;
    std::string value;
    int line = 0;
};

struct Profile {
    std::string name;  // "server:default"
    int line = 0;
    bool server = false;
    std::vector<Entry> entries;

    [[nodiscard]] const Entry* get(std::string_view key) const {
        for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            if (ascii::iequals(it->key, key)) return &*it;
        return nullptr;
    }
};

void normalise(ConfigBuilder& out, const Profile& p) {
    auto raw_key = [&](const Entry& e) { return p.name + "." + e.key; };
    if (const Entry* e = p.get("method")) {
        if (const auto v = text::tls_version(e->value)) out.set("tls.min_version", *v, raw_key(*e), e->line, false);
    }
    // A server verifies clients only when it requires their certificate
    // (verify_certificate alone checks a certificate only if one is sent);
    // a client verifies the server with verify_certificate. Both stay raw.
    const Entry* decisive = p.get(p.server ? "require_certificate" : "verify_certificate");
    if (decisive != nullptr) {
        if (const auto b = text::parse_bool(decisive->value))
            out.set("tls.verify_peer", text::on_off(*b), raw_key(*decisive), decisive->line, false);
    } else {
        out.set_default("tls.verify_peer", "off");  // both default to no
    }
    if (const Entry* e = p.get("cipher_list")) out.set("tls.ciphers", e->value, raw_key(*e), e->line);
}

}  // namespace

ParsedConfig parse_kamailio_tls_cfg(std::string_view input) {
    ConfigBuilder out(Format::KamailioTlsCfg);
    out.device().vendor = "Kamailio";
    out.device().product = "Kamailio";
    out.device().role = "sip_server";
    std::vector<Profile> profiles;
    for (const text::Line& line : text::split_lines(input, out)) {
        if (out.full()) break;
        const std::string_view s = trim(line.text);
        if (s.empty() || s.front() == '#') continue;
        if (s.front() == '[') {
            const auto close = s.find(']');
            const std::string name(close == std::string_view::npos ? std::string_view{} : trim(s.substr(1, close - 1)));
            const bool server = ascii::istarts_with(name, "server:");
            if (!server && !ascii::istarts_with(name, "client:")) {
                out.issue(line.number, "profile is not [server:...] or [client:...]");
                profiles.push_back(Profile{"", line.number, false, {}});  // its keys are kept raw, not judged
                continue;
            }
            if (profiles.size() >= limits::kMaxSections) {
                out.issue(line.number, "too many profiles: the rest is not read");
                break;
            }
            profiles.push_back(Profile{name, line.number, server, {}});
            continue;
        }
        const auto eq = s.find('=');
        if (eq == std::string_view::npos || trim(s.substr(0, eq)).empty()) {
            out.issue(line.number, "line is not 'key = value'");
            continue;
        }
        const std::string key(trim(s.substr(0, eq)));
        const std::string value(trim(s.substr(eq + 1)));
        if (profiles.empty()) {
            out.issue(line.number, "setting before any [server:...] or [client:...] profile");
            out.raw(key, value, line.number);
            continue;
        }
        Profile& p = profiles.back();
        out.raw(p.name.empty() ? key : p.name + "." + key, value, line.number);
        p.entries.push_back(Entry{key, value, line.number});
    }
    for (const Profile& p : profiles)
        if (!p.name.empty()) normalise(out, p);
    return out.take();
}

}  // namespace vca::probes::config
