// Grandstream P-value text files: `Pnnn = value` lines with `#` comments
// (the source form of the Grandstream configuration tool).
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_grandstream_text(std::string_view text);

}  // namespace vca::probes::config
