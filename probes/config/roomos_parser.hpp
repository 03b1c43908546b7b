// Cisco RoomOS / CE configuration, in its two file forms. Raw keys are the
// dotted xConfiguration paths with indices in brackets
// ("NetworkServices.HTTP.Mode", "SIP.Proxy[1].Address"), the same in both.
// - XML: a <Configuration> element tree (getxml output, configuration.xml
//   backups, putxml bodies); indices are item="n" attributes.
// - JSON: the Webex deviceConfigurations API body ("items": key → {value,
//   source}), bare or inside a recorded HTTP exchange (response.body); an
//   item whose source is "default" gives settings with Source::Default.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_roomos_xml(std::string_view text);
ParsedConfig parse_roomos_json(std::string_view text);

}  // namespace vca::probes::config
