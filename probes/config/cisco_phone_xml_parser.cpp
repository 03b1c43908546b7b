// Cisco SEP<MAC>.cnf.xml → raw settings and the normalised vocabulary (see
// cisco_phone_xml_parser.hpp).
//
// Numeric enumerations are mapped only where their meaning is documented
// consistently; the others stay raw so that no rule judges a guess:
// - deviceSecurityMode (CUCM phone security profile): 1 non-secure,
//   2 authenticated (TLS signalling, RTP media), 3 encrypted (TLS + SRTP).
// - transportLayerProtocol, used when the mode is non-secure: 2 UDP, 4 TCP
//   (CUCM's "TCP+UDP" default also writes 4; it is never TLS). 1 ("device
//   default") and 3 are not documented consistently: raw.
// - line autoAnswerEnabled: 0 off and 3 "auto answer with speakerphone" are
//   documented; 1 and 2 are not (headset? per firmware?): raw.
// - vendorConfig webAccess / sshAccess: 0 is said to mean enabled on some
//   models and disabled on others; raw until verified per model.
#include "probes/config/cisco_phone_xml_parser.hpp"

#include <map>
#include <string>
#include <vector>

#include "probes/config/config_xml.hpp"

namespace vca::probes::config {
namespace {

using markup::ConfigBuilder;

// Path segments without their [index].
std::vector<std::string> segments(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i <= path.size()) {
        std::size_t dot = path.find('.', i);
        if (dot == std::string_view::npos) dot = path.size();
        std::string_view s = path.substr(i, dot - i);
        if (std::size_t bracket = s.find('['); bracket != std::string_view::npos) s = s.substr(0, bracket);
        out.emplace_back(s);
        i = dot + 1;
    }
    return out;
}

class CiscoMapper {
public:
    explicit CiscoMapper(ConfigBuilder& out) : out_(out) {}

    void map_all() {
        for (const RawSetting& r : out_.raws()) map_one(r);
        map_security();
    }

private:
    void value_setting(std::string_view key, const RawSetting& r) {
        if (r.value.empty()) return;
        if (is_placeholder(r.value))
            out_.set_placeholder(key, r.value, r);
        else
            out_.set(key, r.value, r);
    }

    void map_one(const RawSetting& r) {
        const std::vector<std::string> s = segments(r.key);
        const std::string& last = s.back();
        const std::string parent = s.size() >= 2 ? s[s.size() - 2] : std::string();
        if (s.size() == 1 && (last == "deviceSecurityMode" || last == "transportLayerProtocol")) {
            top_[last] = r;
        } else if (last == "name" && parent == "ntp") {
            value_setting("ntp.server", r);
        } else if (s.size() == 1 && last == "encrConfig") {
            if (is_placeholder(r.value))
                out_.set_placeholder("config.encrypted", r.value, r);
            else if (auto b = markup::parse_bool(r.value))
                out_.set("config.encrypted", markup::on_off(*b), r);
        } else if (s.size() == 1 && last == "loadInformation") {
            value_setting("firmware.version", r);
            if (!r.value.empty() && !is_placeholder(r.value)) out_.device().firmware = r.value;
        } else if (last == "voipControlPort" && parent == "sipProfile") {
            value_setting("sip.port", r);
        } else if (last == "sshPassword" || (last == "phonePassword" && parent == "commonProfile")) {
            value_setting("admin.password", r);
        } else if (last == "authPassword" && parent == "line") {
            value_setting("sip.password", r);
        } else if (last == "autoAnswerEnabled") {
            if (is_placeholder(r.value))
                out_.set_placeholder("auto_answer", r.value, r);
            else if (r.value == "0")
                out_.set("auto_answer", "off", r);
            else if (r.value == "3")
                out_.set("auto_answer", "on", r);
        }
    }

    void map_security() {
        auto mode = top_.find("deviceSecurityMode");
        auto transport = top_.find("transportLayerProtocol");
        std::string m = mode == top_.end() ? std::string() : mode->second.value;
        if (mode != top_.end() && is_placeholder(m)) {
            out_.set_placeholder("media.srtp", m, mode->second);
            out_.set_placeholder("sip.transport", m, mode->second);
            return;
        }
        if (m == "1" || m == "2") out_.set("media.srtp", "off", mode->second);
        if (m == "3") out_.set("media.srtp", "required", mode->second);
        if (m == "2" || m == "3") {
            out_.set("sip.transport", "tls", mode->second);
            return;
        }
        if (transport == top_.end() || !(m.empty() || m == "1")) return;
        const RawSetting& t = transport->second;
        if (is_placeholder(t.value))
            out_.set_placeholder("sip.transport", t.value, t);
        else if (t.value == "2")
            out_.set("sip.transport", "udp", t);
        else if (t.value == "4")
            out_.set("sip.transport", "tcp", t);
    }

    ConfigBuilder& out_;
    std::map<std::string, RawSetting> top_;
};

}  // namespace

ParsedConfig parse_cisco_phone_xml(std::string_view text) {
    ConfigBuilder out(Format::CiscoPhoneXml);
    text = markup::bounded(text, out);
    out.device().vendor = "Cisco";
    out.device().role = "phone";

    markup::XmlDocument doc(text);
    out.issues(doc.issues());
    markup::walk_elements(
        doc, doc.document_element(), {"button", "item"},
        [&](const markup::ElementVisit& v) {
            if (!markup::has_child_elements(v.element))
                out.raw(std::string(v.path), markup::text_of(v.element), doc.line_of(v.element));
        },
        out);

    CiscoMapper(out).map_all();
    return out.take();
}

}  // namespace vca::probes::config
