#include "probes/config/config_model.hpp"

#include <array>
#include <cctype>

namespace vca::probes::config {
namespace {

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

}  // namespace

std::string_view format_name(Format f) {
    switch (f) {
        case Format::Unknown: return "unknown";
        case Format::YealinkCfg: return "yealink_cfg";
        case Format::GrandstreamText: return "grandstream_text";
        case Format::GrandstreamXml: return "grandstream_xml";
        case Format::PolycomXml: return "polycom_xml";
        case Format::CiscoPhoneXml: return "cisco_phone_xml";
        case Format::RoomOsXml: return "roomos_xml";
        case Format::RoomOsJson: return "roomos_json";
        case Format::AsteriskIni: return "asterisk_ini";
        case Format::FreeswitchXml: return "freeswitch_xml";
        case Format::KamailioCfg: return "kamailio_cfg";
        case Format::KamailioTlsCfg: return "kamailio_tls_cfg";
        case Format::CoturnConf: return "coturn_conf";
        case Format::JitsiHocon: return "hocon";
        case Format::JavaProperties: return "java_properties";
        case Format::ShellEnv: return "shell_env";
        case Format::NginxConf: return "nginx_conf";
        case Format::SpringBeansXml: return "spring_beans_xml";
    }
    return "unknown";
}

bool is_placeholder(std::string_view v) {
    // Template engines used by provisioning systems: Provisioner {$x},
    // Jinja {{ x }}, Asterisk/shell ${X}, ERB <%= x %>, Cisco #x#, Wazo %NULL%,
    // and literal <NAME> markers.
    if (contains(v, "{$") || contains(v, "{{") || contains(v, "${") || contains(v, "<%") ||
        contains(v, "%NULL%"))
        return true;
    if (v.size() >= 3 && v.front() == '#' && v.back() == '#') return true;
    if (v.size() >= 3 && v.front() == '<' && v.back() == '>') return true;
    return false;
}

bool is_secret_key(std::string_view raw_key) {
    std::string k = ascii::to_lower(raw_key);
    // The last path element decides: "auth.password" is a secret,
    // "sec.pwd.length.admin" is a policy about one.
    if (auto dot = k.find_last_of(".:/"); dot != std::string::npos) k = k.substr(dot + 1);
    if (contains(k, "length") || contains(k, "policy") || contains(k, "file") || contains(k, "path") ||
        contains(k, "enable") || contains(k, "mode") || contains(k, "type") || contains(k, "algorithm"))
        return false;
    constexpr std::array kWords{"password", "passwd", "passphrase", "pwd", "secret", "community", "salt",
                                "token", "credential", "authpw", "auth_pw", "apikey", "api_key",
                                "private_key", "privkey"};
    for (const char* w : kWords)
        if (contains(k, w)) return true;
    // Short words only as a whole word of the key: "pin" and "psk", but not
    // the "pin" inside "natsipping".
    for (std::string_view word : {std::string_view("pin"), std::string_view("psk")}) {
        for (std::size_t at = k.find(word); at != std::string::npos; at = k.find(word, at + 1)) {
            bool left = at == 0 || std::isalnum(static_cast<unsigned char>(k[at - 1])) == 0;
            std::size_t after = at + word.size();
            bool right = after == k.size() || std::isalnum(static_cast<unsigned char>(k[after])) == 0;
            if (left && right) return true;
        }
    }
    // "auth-pass", "cli_pass", "pass" (but not "bypass").
    if (k == "pass" || ((k.size() > 4 && k.compare(k.size() - 4, 4, "pass") == 0) &&
                        (k[k.size() - 5] == '-' || k[k.size() - 5] == '_' || k[k.size() - 5] == '.')))
        return true;
    // Grandstream P-values that hold passwords: P2 admin, P34/P35 SIP account.
    return k == "p2" || k == "p34" || k == "p196" || k == "p35";
}

}  // namespace vca::probes::config
