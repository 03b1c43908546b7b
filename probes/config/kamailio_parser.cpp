#include "probes/config/kamailio_parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "probes/config/config_limits.hpp"
#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;
using text::trim;

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string_view first_token(std::string_view s) {
    s = trim(s);
    std::size_t n = 0;
    while (n < s.size() && !std::isspace(static_cast<unsigned char>(s[n]))) ++n;
    return s.substr(0, n);
}

// Calls visit(i, c) for each character of `s` outside quoted strings ('...'
// or "...", where a backslash escapes the next character); the quotes
// themselves are not visited.
template <typename Visit>
void for_each_unquoted(std::string_view s, Visit visit) {
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote != 0) {
            if (c == '\\') ++i;
            else if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else {
            visit(i, c);
        }
    }
}

// Splits "a, b, c" at top-level commas (not inside quotes or parentheses).
std::vector<std::string_view> split_args(std::string_view s) {
    std::vector<std::string_view> args;
    int depth = 0;
    std::size_t start = 0;
    for_each_unquoted(s, [&](std::size_t i, char c) {
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == ',' && depth == 0) {
            args.push_back(trim(s.substr(start, i - start)));
            start = i + 1;
        }
    });
    args.push_back(trim(s.substr(start)));
    return args;
}

// "a" "b" (adjacent string literals are joined) → ab; other text as is.
std::string unquote_all(std::string_view s) {
    s = trim(s);
    if (s.empty() || (s.front() != '"' && s.front() != '\'')) return std::string(s);
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        if (i >= s.size()) break;
        const char q = s[i];
        if (q != '"' && q != '\'') return std::string(s);  // mixed expression: keep as written
        ++i;
        while (i < s.size() && s[i] != q) {
            if (s[i] == '\\' && i + 1 < s.size()) ++i;
            out += s[i++];
        }
        ++i;
    }
    return out;
}

constexpr std::array<std::string_view, 16> kRouteKeywords{
    "route",        "request_route", "reply_route",  "onreply_route", "failure_route", "branch_route",
    "local_route",  "startup_route", "error_route",  "event_route",   "onsend_route",  "timer_route",
    "preroute",     "branch_failure_route", "cgi_route", "sctp_route"};

bool starts_route_block(std::string_view s) {
    for (std::string_view k : kRouteKeywords) {
        if (!s.starts_with(k)) continue;
        const std::string_view rest = trim(s.substr(k.size()));
        if (rest.starts_with("{") || rest.starts_with("[") || rest.starts_with("(")) return true;
    }
    return false;
}

class ScriptReader {
public:
    explicit ScriptReader(ConfigBuilder& out) : out_(out) {}

    void read(std::string_view input) {
        for (const text::Line& line : text::split_lines(input, out_)) {
            if (out_.full() || stopped_) break;
            on_line(line);
        }
        if (!stopped_ && !pending_.empty()) out_.issue(pending_line_, "statement is not finished at the end of the file");
        if (!conds_.empty() || overflow_ > 0) out_.issue(0, "#!ifdef or #!ifndef without #!endif");
        finish();
    }

private:
    struct Cond {
        bool parent_active = true;
        bool taking = true;  // the current branch's own condition
        bool else_seen = false;
    };

    [[nodiscard]] bool active() const { return overflow_ == 0 && (conds_.empty() || (conds_.back().parent_active && conds_.back().taking)); }

    void on_line(const text::Line& line) {
        std::string_view s = line.text;
        if (in_block_comment_) {
            const auto end = s.find("*/");
            if (end == std::string_view::npos) return;
            in_block_comment_ = false;
            s = s.substr(end + 2);
        }
        const std::string_view t = trim(s);
        if (t.starts_with("#!")) {
            directive(t, line.number);
            return;
        }
        const std::string code = strip_comments(s);
        if (trim(code).empty()) return;
        if (pending_.empty()) pending_line_ = line.number;
        if (!pending_.empty()) pending_ += ' ';
        pending_ += trim(code);
        if (++pending_lines_ > limits::kMaxJoinedLines) {
            out_.issue(pending_line_, "statement spans more than " + std::to_string(limits::kMaxJoinedLines) + " lines: skipped");
            reset_pending();
            return;
        }
        if (open_parens(pending_) > 0) return;
        const std::string statement = std::move(pending_);
        const int at = pending_line_;
        reset_pending();
        on_statement(trim(statement), at);
    }

    void reset_pending() {
        pending_.clear();
        pending_lines_ = 0;
    }

    // Text outside `#`, `//` and `/* */` comments; quotes protect them.
    std::string strip_comments(std::string_view s) {
        std::string out;
        char quote = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if (quote != 0) {
                out += c;
                if (c == '\\' && i + 1 < s.size()) out += s[++i];
                else if (c == quote) quote = 0;
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                out += c;
            } else if (c == '#' || (c == '/' && i + 1 < s.size() && s[i + 1] == '/')) {
                break;
            } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
                const auto end = s.find("*/", i + 2);
                if (end == std::string_view::npos) {
                    in_block_comment_ = true;
                    break;
                }
                i = end + 1;
                out += ' ';
            } else {
                out += c;
            }
        }
        return out;
    }

    static int open_parens(std::string_view s) {
        int depth = 0;
        for_each_unquoted(s, [&](std::size_t, char c) {
            if (c == '(') ++depth;
            if (c == ')') --depth;
        });
        return depth;
    }

    // ---------------------------------------------------------- preprocessor

    void directive(std::string_view s, int line) {
        std::size_t n = 2;
        while (n < s.size() && (is_ident_char(s[n]))) ++n;
        const std::string_view word = s.substr(2, n - 2);
        const std::string_view rest = trim(s.substr(n));
        const std::string_view name = first_token(rest);
        if (word == "ifdef" || word == "ifndef" || word == "ifexp") {
            if (name.empty()) out_.issue(line, "#!" + std::string(word) + " without a name");
            const bool parent = active();
            if (conds_.size() >= limits::kMaxNesting || overflow_ > 0) {
                if (overflow_ == 0) out_.issue(line, "#!ifdef nested deeper than " + std::to_string(limits::kMaxNesting) + " levels");
                ++overflow_;
                return;
            }
            // #!ifexp expressions are not evaluated: the branch counts as not taken.
            const bool defined = defines_.count(std::string(name)) > 0;
            const bool taking = word == "ifdef" ? defined : word == "ifndef" ? !defined : false;
            conds_.push_back(Cond{parent, taking, false});
        } else if (word == "else") {
            if (overflow_ > 0) return;
            if (conds_.empty() || conds_.back().else_seen) {
                out_.issue(line, "#!else without a matching #!ifdef");
                return;
            }
            conds_.back().taking = !conds_.back().taking;
            conds_.back().else_seen = true;
        } else if (word == "endif") {
            if (overflow_ > 0) {
                --overflow_;
                return;
            }
            if (conds_.empty()) {
                out_.issue(line, "#!endif without a matching #!ifdef");
                return;
            }
            conds_.pop_back();
        } else if (word == "define" || word == "trydef" || word == "redefine" || word == "defexp") {
            if (name.empty() || !std::all_of(name.begin(), name.end(), is_ident_char)) {
                out_.issue(line, "#!" + std::string(word) + " without a valid name");
                return;
            }
            const std::string value(trim(rest.substr(name.size())));
            record("#!" + std::string(word) + " " + std::string(name), value, line);
            if (!active()) return;
            if (word == "trydef" && defines_.count(std::string(name)) > 0) return;
            define(std::string(name), value, line);
        } else if (word == "undef") {
            record("#!undef", std::string(name), line);
            if (active()) defines_.erase(std::string(name));
        } else if (word == "substdef" || word == "subst" || word == "substdefs") {
            substdef(word, rest, line);
        } else if (word == "include_file" || word == "import_file") {
            record("#!" + std::string(word), std::string(text::strip_quotes(rest)), line);
        } else if (word == "KAMAILIO" || word == "SER" || word == "MAXCOMPAT" || word == "ALL") {
            // dialect markers
        } else if (word == "OPENSIPS") {
            opensips_ = true;
        } else if (word == "defenv" || word == "defenvs" || word == "trydefenv" || word == "trydefenvs") {
            // The value comes from the environment at start-up: unknown here.
            record("#!" + std::string(word), std::string(rest), line);
            if (active() && !name.empty()) define(std::string(name.substr(0, name.find('='))), "${" + std::string(name) + "}", line);
        } else {
            out_.issue(line, "unknown preprocessor directive");
        }
    }

    void define(std::string name, std::string value, int line) {
        if (defines_.size() >= limits::kMaxDefines && defines_.count(name) == 0) {
            out_.issue(line, "more than " + std::to_string(limits::kMaxDefines) + " #!define names");
            return;
        }
        defines_[std::move(name)] = std::move(value);
    }

    // #!substdef "/ID/value/flags" defines ID as value (and substitutes it).
    void substdef(std::string_view word, std::string_view rest, int line) {
        const std::string_view body = text::strip_quotes(rest);
        record("#!" + std::string(word), std::string(body), line);
        if (body.size() < 3) {
            out_.issue(line, "#!" + std::string(word) + " without /match/replacement/");
            return;
        }
        const char delim = body.front();
        const auto mid = body.find(delim, 1);
        const auto end = mid == std::string_view::npos ? mid : body.find(delim, mid + 1);
        if (end == std::string_view::npos) {
            out_.issue(line, "#!" + std::string(word) + " without /match/replacement/");
            return;
        }
        if (word != "subst" && active())
            define(std::string(body.substr(1, mid - 1)), std::string(body.substr(mid + 1, end - mid - 1)), line);
    }

    // ---------------------------------------------------------- statements

    void record(std::string key, std::string value, int line) {
        if (!active()) key.insert(0, "inactive:");
        out_.raw(std::move(key), std::move(value), line);
    }

    void on_statement(std::string_view s, int line) {
        if (starts_route_block(s)) {
            stopped_ = true;  // routing logic, not configuration
            return;
        }
        const std::string_view word = s.substr(0, std::min(s.find_first_of(" \t(=\""), s.size()));
        if (word == "loadmodule" || word == "loadpath" || word == "include_file" || word == "import_file") {
            record(std::string(word), unquote_all(s.substr(word.size())), line);
            if (word == "loadmodule" && active()) modules_.push_back(unquote_all(s.substr(word.size())));
            return;
        }
        if (word == "modparam") {
            modparam(s, line);
            return;
        }
        const auto eq = s.find('=');
        const std::string_view key = eq == std::string_view::npos ? std::string_view{} : trim(s.substr(0, eq));
        const bool key_ok = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return is_ident_char(c) || c == '.' || c == '-';
        });
        if (!key_ok) {
            // Anything in an inactive branch may be text for humans (SQL, notes).
            if (active()) out_.issue(line, "statement is not a parameter, loadmodule or modparam");
            return;
        }
        const std::string value(trim(s.substr(eq + 1)));
        record(std::string(key), value, line);
        if (active()) global(ascii::to_lower(key), value, line);
    }

    void modparam(std::string_view s, int line) {
        const auto open = s.find('(');
        const auto close = s.rfind(')');
        if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
            if (active()) out_.issue(line, "modparam without (module, parameter, value)");
            return;
        }
        const std::vector<std::string_view> args = split_args(s.substr(open + 1, close - open - 1));
        if (args.size() != 3) {
            if (active()) out_.issue(line, "modparam needs 3 arguments");
            return;
        }
        const std::string module = unquote_all(args[0]);
        const std::string param = unquote_all(args[1]);
        const std::string key = "modparam(" + module + "," + param + ")";
        record(key, std::string(args[2]), line);
        if (active()) module_param(module, param, resolve(args[2]), key, line);
    }

    // A value with #!define names replaced ("DBGLEVEL" → "2").
    std::string resolve(std::string_view v) const {
        std::string value = unquote_all(v);
        for (std::size_t depth = 0; depth < limits::kMaxSubstitutionDepth; ++depth) {
            const auto it = defines_.find(value);
            if (it == defines_.end()) break;
            value = unquote_all(it->second);
        }
        return value;
    }

    // ---------------------------------------------------------- normalising

    void global(const std::string& key, const std::string& value, int line) {
        if (key == "socket" || key == "udp_workers" || key == "tcp_workers" || key == "log_level" ||
            key == "stderror_enabled" || key == "syslog_enabled" || key == "xlog_level")
            opensips_ = true;
        if (key == "listen" || key == "socket") {
            listen_seen_ = true;
            listen(resolve(first_token(value)), key, line);
        } else if (key == "enable_tls" || key == "tls_enable") {
            if (text::parse_bool(resolve(value)).value_or(false)) out_.set("sip.transport", "tls", key, line);
        } else if (key == "disable_tcp") {
            tcp_disabled_ = text::parse_bool(resolve(value)).value_or(false);
        } else if (key == "debug" || key == "log_level") {
            out_.set("log.level", resolve(value), key, line);
        }
        // log_facility / syslog_facility name a facility of the local syslog
        // daemon, not a remote server: raw only.
    }

    void listen(const std::string& socket, const std::string& key, int line) {
        std::string_view s = socket;
        std::string proto;
        if (const auto colon = s.find(':'); colon != std::string_view::npos) {
            const std::string p = ascii::to_lower(s.substr(0, colon));
            constexpr std::array kProtos{"udp", "tcp", "tls", "sctp", "ws", "wss", "bin", "hep_udp", "hep_tcp", "smpp", "msrp"};
            if (std::find(kProtos.begin(), kProtos.end(), p) != kProtos.end()) {
                proto = p;
                s.remove_prefix(colon + 1);
            }
        }
        if (proto.empty()) {
            // No protocol: the address is used for every enabled protocol.
            out_.set("sip.transport", "udp", key, line);
            if (!tcp_disabled_) out_.set("sip.transport", "tcp", key, line);
        } else if (proto == "udp" || proto == "tcp" || proto == "tls" || proto == "ws" || proto == "wss") {
            out_.set("sip.transport", proto, key, line);
        }
        if (const auto colon = s.rfind(':'); colon != std::string_view::npos && s.find(']', colon) == std::string_view::npos) {
            if (text::parse_int(s.substr(colon + 1))) out_.set("sip.port", std::string(s.substr(colon + 1)), key, line);
        }
    }

    // "[domain]value" selects an OpenSIPS TLS domain; the value follows.
    static std::string without_domain(const std::string& v) {
        if (!v.empty() && v.front() == '[') {
            const auto close = v.find(']');
            if (close != std::string::npos) return v.substr(close + 1);
        }
        return v;
    }

    void module_param(const std::string& module, const std::string& param, const std::string& value,
                      const std::string& key, int line) {
        if (param == "db_url") {
            // mysql://user:password@host/db: the database password.
            out_.set("service.secret", text::url_password(value), key, line);
            return;
        }
        if (module != "tls" && module != "tls_mgm") return;
        const std::string v = without_domain(value);
        if (param == "verify_cert" || param == "verify_certificate" || param == "require_cert" ||
            param == "require_certificate") {
            if (const auto b = text::parse_bool(v)) out_.set("tls.verify_peer", text::on_off(*b), key, line);
        } else if (param == "tls_method" || param == "method") {
            if (const auto m = text::tls_version(v)) out_.set("tls.min_version", *m, key, line);
        } else if (param == "ciphers_list" || param == "cipher_list") {
            out_.set("tls.ciphers", v, key, line);
        }
    }

    void finish() {
        for (const std::string& m : modules_)
            if (m.find("signaling.so") != std::string::npos || m.find("proto_") != std::string::npos ||
                m.find("tls_mgm") != std::string::npos)
                opensips_ = true;
        DeviceInfo& d = out_.device();
        d.vendor = opensips_ ? "OpenSIPS" : "Kamailio";
        d.product = d.vendor;
        d.role = "sip_server";
        // Kamailio without listen= binds every local address for UDP and
        // TCP (TCP unless disable_tcp). OpenSIPS needs explicit sockets.
        if (!listen_seen_ && !opensips_) {
            out_.set_default("sip.transport", "udp");
            if (!tcp_disabled_) out_.set_default("sip.transport", "tcp");
        }
    }

    ConfigBuilder& out_;
    std::map<std::string, std::string> defines_;
    std::vector<Cond> conds_;
    std::size_t overflow_ = 0;  // #!ifdef levels beyond kMaxNesting, all inactive
    bool in_block_comment_ = false;
    std::string pending_;
    int pending_line_ = 0;
    std::size_t pending_lines_ = 0;
    bool stopped_ = false;
    bool opensips_ = false;
    bool listen_seen_ = false;
    bool tcp_disabled_ = false;
    std::vector<std::string> modules_;
};

}  // namespace

ParsedConfig parse_kamailio_cfg(std::string_view input) {
    ConfigBuilder out(Format::KamailioCfg);
    ScriptReader(out).read(input);
    return out.take();
}

}  // namespace vca::probes::config
