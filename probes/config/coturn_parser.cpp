#include "probes/config/coturn_parser.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <vector>

#include "probes/config/config_text.hpp"
#include "probes/config/ip_range.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;
using text::trim;

struct Option {
    std::string name;
    std::string value;  // unquoted
    int line = 0;
};

class Options {
public:
    void add(Option o) { all_.push_back(std::move(o)); }
    [[nodiscard]] const Option* last(std::string_view name) const {
        for (auto it = all_.rbegin(); it != all_.rend(); ++it)
            if (it->name == name) return &*it;
        return nullptr;
    }
    [[nodiscard]] bool has(std::string_view name) const { return last(name) != nullptr; }
    // The latest of several options, or null when none is present.
    [[nodiscard]] const Option* latest(std::initializer_list<std::string_view> names) const {
        const Option* best = nullptr;
        for (std::string_view n : names)
            if (const Option* o = last(n); o && (!best || o->line > best->line)) best = o;
        return best;
    }
    [[nodiscard]] const std::vector<Option>& all() const { return all_; }

private:
    std::vector<Option> all_;
};

bool valid_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

// The password=... field of a userdb connection string
// ("host=db dbname=coturn user=coturn password=x connect_timeout=30").
std::string connection_password(std::string_view conn) {
    std::size_t pos = 0;
    while (pos < conn.size()) {
        while (pos < conn.size() && std::isspace(static_cast<unsigned char>(conn[pos]))) ++pos;
        std::size_t end = pos;
        while (end < conn.size() && !std::isspace(static_cast<unsigned char>(conn[end]))) ++end;
        const std::string_view field = conn.substr(pos, end - pos);
        if (ascii::istarts_with(field, "password=")) return std::string(text::strip_quotes(field.substr(9)));
        pos = end;
    }
    // mongo form: mongodb://user:password@host/db
    return text::url_password(conn);
}

void tls_min_version(ConfigBuilder& out, const Options& o, bool modern_tls) {
    if (o.has("no-tls") && o.has("no-dtls")) return;  // no TLS or DTLS listener at all
    // coturn >= 4.7 disables TLS 1.0/1.1 unless `tlsv1` / `tlsv1_1` enable
    // them; older releases accept them unless `no-tlsv1` / `no-tlsv1_1`.
    const bool on10 = o.has("tlsv1") || (!modern_tls && !o.has("no-tlsv1"));
    const bool on11 = o.has("tlsv1_1") || (!modern_tls && !o.has("no-tlsv1_1"));
    const bool on12 = !o.has("no-tlsv1_2");
    const std::string min = on10 ? "1.0" : on11 ? "1.1" : on12 ? "1.2" : "1.3";
    if (const Option* said = o.latest({"tlsv1", "tlsv1_1", "no-tlsv1", "no-tlsv1_1", "no-tlsv1_2"}))
        out.set("tls.min_version", min, said->name, said->line, false);
    else
        out.set_default("tls.min_version", min);
}

void normalise(ConfigBuilder& out, const Options& o, bool modern_tls, bool modern_cli) {
    tls_min_version(out, o, modern_tls);
    bool users = false;
    bool denied = false;
    for (const Option& opt : o.all()) {
        const std::string& n = opt.name;
        if (n == "cipher-list") {
            out.set("tls.ciphers", opt.value, n, opt.line);
        } else if (n == "denied-peer-ip") {
            // Written as ranges ("10.0.0.0-10.255.255.255"); the vocabulary
            // and the rules speak CIDR. IPv6 ranges stay as written.
            std::vector<std::string> blocks = ipv4_range_to_cidrs(opt.value);
            if (blocks.empty()) out.set("turn.denied_peers", opt.value, n, opt.line);
            for (auto& b : blocks) out.set("turn.denied_peers", std::move(b), n, opt.line);
            denied = true;
        } else if (n == "static-auth-secret") {
            out.set("service.secret", opt.value, n, opt.line);
        } else if (n == "cli-password") {
            out.set("admin.password", opt.value, n, opt.line);
        } else if (n == "user") {
            // user=name:password (a 0x... value is a key derived from it).
            users = true;
            const auto colon = opt.value.find(':');
            if (colon != std::string::npos && opt.value.compare(colon + 1, 2, "0x") != 0)
                out.set("service.secret", opt.value.substr(colon + 1), n, opt.line);
        } else if (n == "userdb" || n == "mysql-userdb" || n == "psql-userdb" || n == "mongo-userdb" ||
                   n == "redis-userdb") {
            users = true;
            out.set("service.secret", connection_password(opt.value), n, opt.line);
        }
    }
    if (!denied) out.set_default("turn.denied_peers", "none");

    // Loopback peers are refused unless allow-loopback-peers.
    if (const Option* l = o.latest({"allow-loopback-peers", "no-loopback-peers"}))
        out.set("turn.loopback_peers", l->name == "allow-loopback-peers" ? "on" : "off", l->name, l->line, false);
    else
        out.set_default("turn.loopback_peers", "off");

    // Without lt-cred-mech, use-auth-secret or no-auth, coturn requires
    // credentials only when users are defined.
    if (const Option* a = o.latest({"no-auth", "lt-cred-mech", "use-auth-secret"}))
        out.set("guest_access", a->name == "no-auth" ? "on" : "off", a->name, a->line, false);
    else
        out.set_default("guest_access", users ? "off" : "on");

    if (const Option* w = o.last("web-admin")) {
        out.set("mgmt.https", "on", w->name, w->line, false);
        if (const Option* ip = o.last("web-admin-ip")) out.set("mgmt.bind", ip->value, ip->name, ip->line);
    }

    // The CLI is a telnet console. It is on by default before 4.10, off since.
    bool cli_on = !modern_cli;
    if (const Option* c = o.latest({"cli", "no-cli"})) {
        cli_on = c->name == "cli";
        out.set("mgmt.telnet", text::on_off(cli_on), c->name, c->line, false);
    } else {
        out.set_default("mgmt.telnet", text::on_off(cli_on));
    }
    if (cli_on)
        if (const Option* ip = o.last("cli-ip")) out.set("mgmt.bind", ip->value, ip->name, ip->line);
    // `syslog` sends the log to the local syslog daemon, not to a remote
    // server: kept raw only.
}

}  // namespace

ParsedConfig parse_coturn_conf(std::string_view input) {
    ConfigBuilder out(Format::CoturnConf);
    out.device().vendor = "coturn";
    out.device().product = "coturn";
    out.device().role = "turn";
    Options options;
    bool modern_tls = false;
    bool modern_cli = false;
    for (const text::Line& line : text::split_lines(input, out)) {
        if (out.full()) break;
        std::string_view s = trim(line.text);
        if (s.empty()) continue;
        if (s.front() == '#') {
            // The options a file documents tell which coturn generation wrote it.
            while (!s.empty() && s.front() == '#') s.remove_prefix(1);
            s = trim(s);
            if (s == "tlsv1" || s == "tlsv1_1") modern_tls = true;
            if (s == "cli") modern_cli = true;
            continue;
        }
        if (s.starts_with("--")) s.remove_prefix(2);
        const auto sep = s.find_first_of("= \t");
        const std::string_view name = s.substr(0, sep);
        std::string_view value = sep == std::string_view::npos ? std::string_view{} : trim(s.substr(sep + 1));
        if (value.starts_with('=')) value = trim(value.substr(1));  // "name = value"
        if (!valid_name(name)) {
            out.issue(line.number, "malformed option name");
            continue;
        }
        out.raw(std::string(name), std::string(value), line.number);
        if (name == "tlsv1" || name == "tlsv1_1") modern_tls = true;
        if (name == "cli") modern_cli = true;
        options.add(Option{std::string(name), std::string(text::strip_quotes(value)), line.number});
    }
    normalise(out, options, modern_tls, modern_cli);
    return out.take();
}

}  // namespace vca::probes::config
