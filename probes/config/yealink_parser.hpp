// Yealink provisioning files: `.cfg` (first line `#!version:x.x.x.x`, then
// `key = value`) and `.boot` files, which add `include:config <url|file>`
// lines naming further files to fetch. Keys keep their `static.` prefix in
// the raw settings; the normalised mapping treats `static.x` and `x` alike.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_yealink_cfg(std::string_view text);

}  // namespace vca::probes::config
