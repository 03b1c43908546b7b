// nginx configuration: directives `name args;`, blocks `name args { ... }`,
// `#` comments, single- and double-quoted arguments. Raw keys are the block
// path and the directive name ("server.location.proxy_pass"), values the
// arguments joined by single spaces. `include` is recorded, not followed.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_nginx_conf(std::string_view text);

}  // namespace vca::probes::config
