// FreeSWITCH XML configuration: vars.xml (<X-PRE-PROCESS cmd="set"
// data="name=value"/>), Sofia SIP profiles (sip_profiles/*.xml) and module
// configurations (autoload_configs/*.conf.xml: event_socket, verto,
// xml_rpc, ...) with <param name=".." value=".."/>.
//
// $${name} is replaced when FreeSWITCH loads its configuration, from the
// variables set before (vars.xml, then the file's own X-PRE-PROCESS lines);
// a variable nobody sets (FreeSWITCH computes local_ip_v4 at run time) stays
// as written and the setting is a placeholder. Raw values are as written,
// raw keys "<profile or module>.<param>" ("internal.tls",
// "event_socket.password"), or the variable's name for X-PRE-PROCESS sets.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

// The variables a vars.xml sets, expanded as FreeSWITCH does: in file order,
// each from those before it. X-PRE-PROCESS lines inside XML comments count:
// FreeSWITCH's preprocessor reads them before the XML parser sees comments.
std::map<std::string, std::string> collect_freeswitch_vars(std::string_view vars_xml_text);

ParsedConfig parse_freeswitch_xml(std::string_view text, const std::map<std::string, std::string>& vars);

}  // namespace vca::probes::config
