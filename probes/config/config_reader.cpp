#include "probes/config/config_reader.hpp"

#include "probes/config/asterisk_parser.hpp"
#include "probes/config/cisco_phone_xml_parser.hpp"
#include "probes/config/coturn_parser.hpp"
#include "probes/config/format_detect.hpp"
#include "probes/config/freeswitch_xml_parser.hpp"
#include "probes/config/grandstream_text_parser.hpp"
#include "probes/config/grandstream_xml_parser.hpp"
#include "probes/config/hocon_parser.hpp"
#include "probes/config/kamailio_parser.hpp"
#include "probes/config/kamailio_tls_parser.hpp"
#include "probes/config/nginx_parser.hpp"
#include "probes/config/polycom_xml_parser.hpp"
#include "probes/config/properties_parser.hpp"
#include "probes/config/roomos_parser.hpp"
#include "probes/config/shell_env_parser.hpp"
#include "probes/config/spring_beans_parser.hpp"
#include "probes/config/yealink_parser.hpp"

namespace vca::probes::config {
namespace {

ParsedConfig parse_as(Format f, std::string_view text, const FreeswitchVars& vars) {
    switch (f) {
        case Format::YealinkCfg: return parse_yealink_cfg(text);
        case Format::GrandstreamText: return parse_grandstream_text(text);
        case Format::GrandstreamXml: return parse_grandstream_xml(text);
        case Format::PolycomXml: return parse_polycom_xml(text);
        case Format::CiscoPhoneXml: return parse_cisco_phone_xml(text);
        case Format::RoomOsXml: return parse_roomos_xml(text);
        case Format::RoomOsJson: return parse_roomos_json(text);
        case Format::AsteriskIni: return parse_asterisk_ini(text);
        case Format::FreeswitchXml: return parse_freeswitch_xml(text, vars);
        case Format::KamailioCfg: return parse_kamailio_cfg(text);
        case Format::KamailioTlsCfg: return parse_kamailio_tls_cfg(text);
        case Format::CoturnConf: return parse_coturn_conf(text);
        case Format::JitsiHocon: return parse_hocon(text);
        case Format::JavaProperties: return parse_java_properties(text);
        case Format::ShellEnv: return parse_shell_env(text);
        case Format::NginxConf: return parse_nginx_conf(text);
        case Format::SpringBeansXml: return parse_spring_beans_xml(text);
        case Format::Unknown: break;
    }
    return {};
}

}  // namespace

ParsedConfig read_config(std::string_view file_name, std::string_view text, const FreeswitchVars& vars) {
    const Format f = detect_format(file_name, text);
    ParsedConfig parsed = parse_as(f, text, vars);
    parsed.format = f;  // the detector's word, whatever the parser set
    return parsed;
}

FreeswitchVars freeswitch_vars_of(std::string_view file_name, std::string_view text) {
    if (detect_format(file_name, text) != Format::FreeswitchXml) return {};
    return collect_freeswitch_vars(text);
}

}  // namespace vca::probes::config
