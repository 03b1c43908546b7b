// Polycom SoundPoint IP / VVX configuration (SIP 3.x sip.cfg and phone1.cfg,
// UC Software 4.x polycomConfig files, Asterisk res_phoneprov templates).
// Every parameter is an attribute whose name is the dotted key; elements only
// group them. Files may start with a UTF-8 BOM, hold ${VAR} template
// variables, or be a bare attribute list without an element (line templates).
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_polycom_xml(std::string_view text);

}  // namespace vca::probes::config
