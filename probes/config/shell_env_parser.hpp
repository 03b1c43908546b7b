// Shell environment files (/etc/jitsi/*/config, *.env): `KEY=value` with an
// optional `export`, values unquoted, "double" or 'single' quoted, `#`
// comments (also after an unquoted value).
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_shell_env(std::string_view text);

}  // namespace vca::probes::config
