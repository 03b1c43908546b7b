// One entry point for every configuration format: detect, then parse.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

using FreeswitchVars = std::map<std::string, std::string>;

// Detects the format from the file name and content and parses it. FreeSWITCH
// files get the $${name} variables of the set's vars.xml.
ParsedConfig read_config(std::string_view file_name, std::string_view text, const FreeswitchVars& vars);

// The X-PRE-PROCESS variables a FreeSWITCH vars.xml defines (empty for any
// other file).
FreeswitchVars freeswitch_vars_of(std::string_view file_name, std::string_view text);

}  // namespace vca::probes::config
