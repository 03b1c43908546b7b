// FreeSWITCH XML → raw settings and the normalised vocabulary (see
// freeswitch_xml_parser.hpp).
#include "probes/config/freeswitch_xml_parser.hpp"

#include <vector>

#include "probes/config/config_xml.hpp"
#include "probes/config/config_xml_limits.hpp"

namespace vca::probes::config {
namespace {

namespace limits = markup_limits;
using markup::ConfigBuilder;
using ascii::to_lower;
using markup::parse_bool;
using Vars = std::map<std::string, std::string>;

// ------------------------------------------------------- X-PRE-PROCESS

struct VarSet {
    std::string name;
    std::string written;  // value as written
    std::string value;    // expanded with the variables set before
    int line = 0;
};

// Value of attribute `name` inside one tag's text (no entity decoding: the
// preprocessor works on the raw line).
std::string tag_attribute(std::string_view tag, std::string_view name) {
    std::size_t i = 0;
    while ((i = tag.find(name, i)) != std::string_view::npos) {
        const bool starts_word = i > 0 && (tag[i - 1] == ' ' || tag[i - 1] == '\t' || tag[i - 1] == '\n' ||
                                           tag[i - 1] == '\r');
        std::size_t j = i + name.size();
        while (j < tag.size() && (tag[j] == ' ' || tag[j] == '\t')) ++j;
        if (!starts_word || j >= tag.size() || tag[j] != '=') {
            i += name.size();
            continue;
        }
        ++j;
        while (j < tag.size() && (tag[j] == ' ' || tag[j] == '\t')) ++j;
        if (j >= tag.size() || (tag[j] != '"' && tag[j] != '\'')) return {};
        const char quote = tag[j];
        std::size_t close = tag.find(quote, j + 1);
        if (close == std::string_view::npos) return {};
        return std::string(tag.substr(j + 1, close - j - 1));
    }
    return {};
}

// Replaces $${name} with its value; names nobody set stay as written. Work
// is bounded per value and per file (markup_limits): a value past a bound
// stays as written.
class Expander {
public:
    explicit Expander(const Vars& vars) : vars_(vars) {}

    std::string operator()(std::string_view value) {
        if (value.find("$${") == std::string_view::npos) return std::string(value);
        std::string out;
        std::size_t substitutions = 0;
        if (!expand_into(out, value, 0, substitutions) || out.size() > file_budget_) {
            exhausted_ = exhausted_ || out.size() > file_budget_;
            return std::string(value);
        }
        file_budget_ -= out.size();
        return out;
    }

    [[nodiscard]] bool exhausted() const { return exhausted_; }

private:
    bool expand_into(std::string& out, std::string_view value, std::size_t depth, std::size_t& substitutions) {
        std::size_t i = 0;
        while (i < value.size()) {
            std::size_t at = value.find("$${", i);
            std::size_t close = at == std::string_view::npos ? at : value.find('}', at + 3);
            if (at == std::string_view::npos || close == std::string_view::npos) {
                out.append(value.substr(i));
                break;
            }
            out.append(value.substr(i, at - i));
            auto it = vars_.find(std::string(value.substr(at + 3, close - at - 3)));
            if (it == vars_.end() || depth >= limits::kMaxSubstitutionDepth) {
                out.append(value.substr(at, close + 1 - at));
            } else {
                if (++substitutions > limits::kMaxSubstitutionsPerValue) return false;
                if (!expand_into(out, it->second, depth + 1, substitutions)) return false;
            }
            i = close + 1;
            if (out.size() > limits::kMaxSubstitutedBytes) return false;
        }
        return out.size() <= limits::kMaxSubstitutedBytes;
    }

    const Vars& vars_;
    std::size_t file_budget_ = limits::kMaxExpandedBytesPerFile;
    bool exhausted_ = false;
};

// Every <X-PRE-PROCESS cmd="set|stun-set" data="name=value"/> in text order,
// expanded on the way (comments included: see the header).
std::vector<VarSet> scan_var_sets(std::string_view text, Vars& vars, Expander& expand) {
    std::vector<VarSet> sets;
    const markup::LineIndex lines(text);
    constexpr std::string_view kTag = "<X-PRE-PROCESS";
    std::size_t i = 0;
    while ((i = text.find(kTag, i)) != std::string_view::npos) {
        std::size_t end = text.find('>', i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view tag = text.substr(i, end - i);
        const int line = lines.line_of(i);
        i = end;
        const std::string cmd = tag_attribute(tag, "cmd");
        if (cmd != "set" && cmd != "stun-set") continue;  // include, exec-set, env-set: not a literal value
        const std::string data = tag_attribute(tag, "data");
        const std::size_t eq = data.find('=');
        if (eq == std::string::npos || eq == 0) continue;
        if (vars.size() >= limits::kMaxFreeswitchVars) break;
        VarSet s{data.substr(0, eq), data.substr(eq + 1), {}, line};
        s.value = expand(s.written);
        vars[s.name] = s.value;
        sets.push_back(std::move(s));
    }
    return sets;
}

// --------------------------------------------------------------- mapping

// rtp_secure_media: mandatory|true, optional, forbidden|false, each optionally
// followed by ":SUITE:...".
std::optional<std::string> srtp_policy(std::string_view value) {
    const std::string v = to_lower(ascii::trim(value.substr(0, value.find(':'))));
    if (v == "mandatory" || v == "true") return "required";
    if (v == "optional") return "optional";
    if (v == "forbidden" || v == "false") return "off";
    return std::nullopt;
}

struct Param {
    RawSetting raw;
    std::string value;    // $${...} expanded
    std::string context;  // sofia, gateway, user, event_socket, xml_rpc, verto, vars, other
    std::string scope;    // profile, gateway, user or module name
    bool secure = false;  // verto bind-local secure="true"
};

class FreeswitchMapper {
public:
    explicit FreeswitchMapper(ConfigBuilder& out) : out_(out) {}

    void map(const std::vector<Param>& params) {
        for (const Param& p : params)
            if (p.context == "sofia" && to_lower(p.raw.key.substr(p.scope.size() + 1)) == "tls-only")
                tls_only_[p.scope] = parse_bool(p.value).value_or(false);
        for (const Param& p : params) map_one(p);
    }

private:
    // False (and a placeholder setting) when the expanded value is still a
    // template variable.
    bool known(std::string_view key, const Param& p) {
        if (!is_placeholder(p.value)) return true;
        out_.set_placeholder(key, p.value, p.raw);
        return false;
    }

    void text(std::string_view key, const Param& p) {
        if (ascii::trim(p.value).empty() || !known(key, p)) return;
        out_.set(key, std::string(ascii::trim(p.value)), p.raw);
    }

    void tls_version(const Param& p) {
        if (!known("tls.min_version", p)) return;
        if (auto floor = markup::tls_floor(p.value)) out_.set("tls.min_version", *floor, p.raw);
    }

    void auth_calls(const Param& p) {
        if (!known("sip.auth_calls", p)) return;
        auto b = parse_bool(p.value);
        if (!b) return;
        out_.set("sip.auth_calls", markup::on_off(*b), p.raw);
        if (!*b) out_.set("guest_access", "on", p.raw);
    }

    void stun_server(const Param& p) {
        if (ascii::istarts_with(ascii::trim(p.value), "stun:")) out_.set("turn.server", p.value, p.raw);
    }

    void map_one(const Param& p) {
        const std::string name = to_lower(p.context == "vars" ? p.raw.key : p.raw.key.substr(p.scope.size() + 1));
        if (p.context == "vars") return map_var(name, p);
        if (p.context == "sofia") return map_sofia(name, p);
        if (p.context == "event_socket") {
            if (name == "listen-ip") text("mgmt.bind", p);
            if (name == "listen-port") out_.set("mgmt.tcp_api", "on", p.raw);
            if (name == "password") text("admin.password", p);
        } else if (p.context == "xml_rpc") {
            if (name == "http-port") out_.set("mgmt.http", "on", p.raw);
            if (name == "auth-pass") text("admin.password", p);
        } else if (p.context == "verto") {
            if (name == "bind-local") out_.set("sip.transport", p.secure ? "wss" : "ws", p.raw);
            if (name == "blind-reg" && parse_bool(p.value) == true) out_.set("guest_access", "on", p.raw);
            if (name == "userauth" && parse_bool(p.value) == false) out_.set("guest_access", "on", p.raw);
        } else if (p.context == "gateway" || p.context == "user") {
            if (name == "password") text("sip.password", p);
        }
    }

    void map_sofia(const std::string& name, const Param& p) {
        if (name == "sip-port") {
            text("sip.port", p);
            // Sofia listens on UDP and TCP at sip-port unless tls-only.
            if (!tls_only_[p.scope]) {
                out_.set("sip.transport", "udp", p.raw);
                out_.set("sip.transport", "tcp", p.raw);
            }
        } else if (name == "tls") {
            if (!known("sip.transport", p)) return;
            if (parse_bool(p.value) == true) out_.set("sip.transport", "tls", p.raw);
        } else if (name == "tls-sip-port") {
            // The port only matters when tls is on; the tls param says so.
        } else if (name == "tls-version") {
            tls_version(p);
        } else if (name == "tls-ciphers") {
            text("tls.ciphers", p);
        } else if (name == "tls-verify-policy") {
            if (!known("tls.verify_peer", p)) return;
            out_.set("tls.verify_peer", markup::on_off(to_lower(ascii::trim(p.value)) != "none"), p.raw);
        } else if (name == "auth-calls") {
            auth_calls(p);
        } else if (name == "accept-blind-reg" || name == "accept-blind-auth") {
            if (parse_bool(p.value) == true) out_.set("guest_access", "on", p.raw);
        } else if (name == "ws-binding") {
            out_.set("sip.transport", "ws", p.raw);
        } else if (name == "wss-binding") {
            out_.set("sip.transport", "wss", p.raw);
        } else if (name == "ext-rtp-ip" || name == "ext-sip-ip") {
            stun_server(p);
        }
    }

    void map_var(const std::string& name, const Param& p) {
        if (name == "default_password") {
            text("sip.password", p);  // the password of every user of the shipped directory
        } else if (name == "sip_tls_version") {
            tls_version(p);
        } else if (name == "sip_tls_ciphers") {
            text("tls.ciphers", p);
        } else if (name == "internal_auth_calls" || name == "external_auth_calls") {
            auth_calls(p);
        } else if (name == "internal_ssl_enable" || name == "external_ssl_enable") {
            if (known("sip.transport", p) && parse_bool(p.value) == true) out_.set("sip.transport", "tls", p.raw);
        } else if (name == "rtp_secure_media" || name == "rtp_secure_media_inbound" ||
                   name == "rtp_secure_media_outbound") {
            if (!known("media.srtp", p)) return;
            if (auto policy = srtp_policy(p.value)) out_.set("media.srtp", *policy, p.raw);
        } else if (name == "external_rtp_ip" || name == "external_sip_ip") {
            stun_server(p);
        } else if (name == "console_loglevel") {
            text("log.level", p);
        }
        // default_provider_password stays raw: only the commented-out sample
        // gateway (sip_profiles/external/example.xml) uses it.
    }

    ConfigBuilder& out_;
    std::map<std::string, bool> tls_only_;
};

// Where a <param> sits: the nearest profile, gateway or user, inside which
// module configuration.
void place(const markup::XmlDocument& doc, pugi::xml_node param, Param& p) {
    std::string configuration, holder, holder_name;
    std::string root_name = doc.name_of(doc.document_element());
    for (pugi::xml_node n = param.parent(); n && n.type() == pugi::node_element; n = n.parent()) {
        const std::string name = doc.name_of(n);
        if (holder.empty() && (name == "profile" || name == "gateway" || name == "user")) {
            holder = name;
            holder_name = n.attribute(name == "user" ? "id" : "name").value();
        }
        if (name == "configuration") configuration = n.attribute("name").value();
    }
    std::string module = configuration.substr(0, configuration.find(".conf"));
    if (holder == "gateway" || holder == "user") {
        p.context = holder;
        p.scope = holder_name;
    } else if (holder == "profile" && (module.empty() || module == "sofia")) {
        p.context = "sofia";
        p.scope = holder_name;
    } else if (module == "event_socket" || module == "xml_rpc" || module == "verto") {
        p.context = module;
        p.scope = holder == "profile" ? holder_name : module;
    } else {
        p.context = "other";
        p.scope = holder.empty() ? (module.empty() ? root_name : module) : holder_name;
    }
}

}  // namespace

std::map<std::string, std::string> collect_freeswitch_vars(std::string_view vars_xml_text) {
    Vars vars;
    if (vars_xml_text.size() > limits::kMaxMarkupBytes)
        vars_xml_text = vars_xml_text.substr(0, limits::kMaxMarkupBytes);
    Expander expand(vars);
    (void)scan_var_sets(vars_xml_text, vars, expand);
    return vars;
}

ParsedConfig parse_freeswitch_xml(std::string_view text, const std::map<std::string, std::string>& vars) {
    ConfigBuilder out(Format::FreeswitchXml);
    text = markup::bounded(text, out);
    out.device().vendor = "SignalWire";
    out.device().product = "FreeSWITCH";
    out.device().role = "pbx";

    std::vector<Param> params;
    Vars local = vars;
    bool sets_srtp = false;
    Expander expand(local);
    const std::vector<VarSet> sets = scan_var_sets(text, local, expand);
    for (const VarSet& s : sets) {
        Param p;
        p.raw = out.raw(s.name, s.written, s.line);
        if (p.raw.key.empty()) break;
        p.value = s.value;
        p.context = "vars";
        sets_srtp = sets_srtp || ascii::istarts_with(s.name, "rtp_secure_media");
        params.push_back(std::move(p));
    }

    markup::XmlDocument doc(text);
    out.issues(doc.issues());
    markup::walk_elements(
        doc, doc.document(), {},
        [&](const markup::ElementVisit& v) {
            if (doc.name_of(v.element) != "param") return;
            Param p;
            place(doc, v.element, p);
            const std::string name = v.element.attribute("name").value();
            if (name.empty()) return;
            p.raw = out.raw(p.scope + "." + name, v.element.attribute("value").value(), doc.line_of(v.element));
            if (p.raw.key.empty()) return;
            p.value = expand(p.raw.value);
            p.secure = parse_bool(v.element.attribute("secure").value()).value_or(false);
            params.push_back(std::move(p));
        },
        out);
    if (expand.exhausted())
        out.issue(0, "more than " + std::to_string(limits::kMaxExpandedBytesPerFile) +
                         " bytes of $${...} expansion; later values are left unresolved");

    FreeswitchMapper(out).map(params);
    // vars.xml documents rtp_secure_media but ships without it: no SRTP offered.
    if (!sets.empty() && doc.name_of(doc.document_element()) == "include" && !sets_srtp)
        out.set_default("media.srtp", "off");
    return out.take();
}

}  // namespace vca::probes::config
