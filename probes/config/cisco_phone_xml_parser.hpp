// Cisco Unified IP Phone configuration SEP<MAC>.cnf.xml (CUCM-style, also
// served by Asterisk over TFTP): an element tree under <device>. Raw keys are
// element paths below <device> ("sipProfile.sipLines.line[1].authPassword");
// #name# markers of provisioning templates are placeholders.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_cisco_phone_xml(std::string_view text);

}  // namespace vca::probes::config
