// Grandstream XML provisioning file (cfg<MAC>.xml):
// <gs_provision><mac>..</mac><config version="1|2"><Pnnn>value</Pnnn>...;
// comments may sit anywhere inside <config>. Raw keys are the P-value names
// ("P2"), or the alias of <item name="..."> entries; the meaning comes from
// the mapping shared with the text form (grandstream_pvalues.hpp).
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_grandstream_xml(std::string_view text);

}  // namespace vca::probes::config
