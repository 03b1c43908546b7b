// Polycom attribute configuration → raw settings and the normalised
// vocabulary (see polycom_xml_parser.hpp).
#include "probes/config/polycom_xml_parser.hpp"

#include <map>
#include <vector>

#include "probes/config/config_xml.hpp"

namespace vca::probes::config {
namespace {

using markup::ConfigBuilder;
using ascii::to_lower;
using markup::parse_bool;

std::vector<std::string> split_key(std::string_view key) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i <= key.size()) {
        std::size_t dot = key.find('.', i);
        if (dot == std::string_view::npos) dot = key.size();
        parts.push_back(to_lower(key.substr(i, dot - i)));
        i = dot + 1;
    }
    return parts;
}

bool is_transport_key(const std::vector<std::string>& p) {
    // voIpProt.server.N.transport, reg.N.server.M.transport,
    // voIpProt.SIP.outboundProxy.transport
    if (p.size() == 4 && p[0] == "voipprot" && p[1] == "server" && p[3] == "transport") return true;
    if (p.size() == 5 && p[0] == "reg" && p[2] == "server" && p[4] == "transport") return true;
    return p.size() == 4 && p[0] == "voipprot" && p[1] == "sip" && p[2] == "outboundproxy" && p[3] == "transport";
}

// DNSnaptr lets DNS choose among UDP, TCP and TLS; TCPpreferred falls back to UDP.
std::vector<std::string> transports_of(std::string_view value) {
    const std::string v = to_lower(ascii::trim(value));
    if (v == "dnsnaptr") return {"dnsnaptr"};
    if (v == "tcppreferred") return {"tcp", "udp"};
    if (v == "udponly") return {"udp"};
    if (v == "tcponly") return {"tcp"};
    if (v == "tls") return {"tls"};
    return {};
}

class PolycomMapper {
public:
    explicit PolycomMapper(ConfigBuilder& out) : out_(out) {
        for (const RawSetting& r : out_.raws()) last_[to_lower(r.key)] = r;
    }

    void map_each() {
        for (const RawSetting& r : out_.raws()) map_one(r);
        map_srtp();
        map_web();
    }

private:
    const RawSetting* find(std::string_view key) const {
        auto it = last_.find(to_lower(key));
        return it == last_.end() ? nullptr : &it->second;
    }

    // UC Software applies a device.* parameter only with its companion
    // device.<x>.set="1"; when the file has the companion set otherwise, the
    // value is inert. Without a companion another file may set it.
    bool device_value_applies(const RawSetting& r) const {
        if (!ascii::istarts_with(r.key, "device.") || ascii::iends_with(r.key, ".set")) return true;
        const RawSetting* companion = find(r.key + ".set");
        return companion == nullptr || ascii::trim(companion->value) == "1";
    }

    // Sets key from r: placeholders verbatim, empty values nothing.
    void value_setting(std::string_view key, const RawSetting& r) {
        std::string_view v = ascii::trim(r.value);
        if (v.empty()) return;
        if (is_placeholder(v)) {
            out_.set_placeholder(key, std::string(v), r);
            return;
        }
        out_.set(key, std::string(v), r);
    }

    void bool_setting(std::string_view key, const RawSetting& r) {
        if (is_placeholder(r.value)) {
            out_.set_placeholder(key, r.value, r);
            return;
        }
        if (auto b = parse_bool(r.value)) out_.set(key, markup::on_off(*b), r);
    }

    void map_one(const RawSetting& r) {
        if (!device_value_applies(r)) return;
        const std::vector<std::string> p = split_key(r.key);
        const std::string k = to_lower(r.key);
        if (is_transport_key(p)) {
            if (is_placeholder(r.value)) {
                out_.set_placeholder("sip.transport", r.value, r);
                return;
            }
            for (const std::string& t : transports_of(r.value)) out_.set("sip.transport", t, r);
        } else if (p.size() == 4 && p[0] == "reg" && p[2] == "auth" && p[3] == "password") {
            value_setting("sip.password", r);
        } else if (k == "device.auth.localadminpassword") {
            value_setting("admin.password", r);
        } else if (k == "tcpipapp.sntp.address" || k == "device.sntp.servername") {
            value_setting("ntp.server", r);
        } else if (k == "device.syslog.servername") {
            value_setting("syslog.server", r);
        } else if (k == "call.autoanswer.sip" || k == "call.autoanswer.h323") {
            bool_setting("auto_answer", r);
        } else if (k == "voipprot.h323.enable") {
            bool_setting("h323.enabled", r);
        } else if (k == "feature.callrecording.enabled") {
            bool_setting("recording.allowed", r);
        } else if (k == "device.prov.servername") {
            value_setting("provisioning.url", r);
            if (!is_placeholder(r.value) && find("device.prov.serverType") == nullptr)
                if (auto scheme = markup::url_scheme(r.value)) out_.set("provisioning.scheme", *scheme, r);
        } else if (k == "device.prov.servertype") {
            if (is_placeholder(r.value)) {
                out_.set_placeholder("provisioning.scheme", r.value, r);
                return;
            }
            const std::string t = to_lower(ascii::trim(r.value));
            if (t == "ftp" || t == "tftp" || t == "http" || t == "https" || t == "ftps")
                out_.set("provisioning.scheme", t, r);
        } else if (p.size() >= 2 && p.back() == "enabled" &&
                   (p[p.size() - 2] == "telnetd" || p[p.size() - 2] == "telnet")) {
            bool_setting("mgmt.telnet", r);  // firmware-specific names, e.g. diags.telnetd.enabled
        }
    }

    // sec.srtp.enable accepts SRTP, .offer offers it, .require refuses calls
    // without it; "" is the default, which is off.
    void map_srtp() {
        const RawSetting* enable = find("sec.srtp.enable");
        const RawSetting* offer = find("sec.srtp.offer");
        const RawSetting* require = find("sec.srtp.require");
        if (!enable && !offer && !require) return;
        for (const RawSetting* r : {require, offer, enable}) {
            if (r && is_placeholder(r->value)) {
                out_.set_placeholder("media.srtp", r->value, *r);
                return;
            }
        }
        auto on = [](const RawSetting* r) { return r && parse_bool(r->value).value_or(false); };
        auto written = [](const RawSetting* r) { return r && !ascii::trim(r->value).empty(); };
        if (on(require)) {
            out_.set("media.srtp", "required", *require);
        } else if (on(offer) || on(enable)) {
            out_.set("media.srtp", "optional", on(offer) ? *offer : *enable);
        } else if (written(require) || written(offer) || written(enable)) {
            const RawSetting* r = written(require) ? require : written(offer) ? offer : enable;
            out_.set("media.srtp", "off", *r);
        } else {
            out_.set_default("media.srtp", "off");
        }
    }

    // httpd.enabled runs the web server, httpd.cfg.enabled its configuration
    // pages; UC 4 adds an HTTPS tunnel (secureTunnelEnabled) that can be made
    // the only way in (secureTunnelRequired).
    void map_web() {
        const RawSetting* server = find("httpd.enabled");
        const RawSetting* pages = find("httpd.cfg.enabled");
        const RawSetting* tunnel = find("httpd.cfg.secureTunnelEnabled");
        const RawSetting* tunnel_only = find("httpd.cfg.secureTunnelRequired");
        auto value = [](const RawSetting* r) { return r ? parse_bool(r->value) : std::nullopt; };
        for (const RawSetting* r : {server, pages, tunnel, tunnel_only}) {
            if (r && is_placeholder(r->value)) {
                out_.set_placeholder("mgmt.http", r->value, *r);
                return;
            }
        }
        if (value(server) == false || value(pages) == false) {
            const RawSetting& r = value(server) == false ? *server : *pages;
            out_.set("mgmt.http", "off", r);
            out_.set("mgmt.https", "off", r);
            return;
        }
        if (value(tunnel_only) == true) {
            out_.set("mgmt.http", "off", *tunnel_only);
            out_.set("mgmt.https", "on", *tunnel_only);
            return;
        }
        if (value(server) == true) out_.set("mgmt.http", "on", *server);
        if (auto t = value(tunnel)) out_.set("mgmt.https", markup::on_off(*t), *tunnel);
    }

    ConfigBuilder& out_;
    std::map<std::string, RawSetting> last_;  // lower-case key → its last occurrence
};

bool is_schema_attribute(std::string_view name) {
    return ascii::istarts_with(name, "xmlns") || ascii::istarts_with(name, "xsi:");
}

}  // namespace

ParsedConfig parse_polycom_xml(std::string_view text) {
    ConfigBuilder out(Format::PolycomXml);
    text = markup::bounded(text, out);
    out.device().vendor = "Polycom";
    out.device().role = "phone";

    markup::XmlDocument doc(text, {.attribute_fragment = true, .template_names = true});
    out.issues(doc.issues());
    markup::walk_elements(
        doc, doc.document(), {},
        [&](const markup::ElementVisit& v) {
            for (pugi::xml_attribute a = v.element.first_attribute(); a; a = a.next_attribute()) {
                std::string name = doc.name_of(a);
                if (is_schema_attribute(name)) continue;
                out.raw(std::move(name), a.value(), doc.line_of(a));
            }
        },
        out);

    PolycomMapper(out).map_each();
    return out.take();
}

}  // namespace vca::probes::config
