// Kamailio (kamailio.cfg) and OpenSIPS (opensips.cfg) scripts, up to the
// first route block: global `name=value` parameters, the preprocessor
// (`#!define`, `#!trydef`, `#!redefine`, `#!undef`, `#!ifdef`/`#!ifndef`/
// `#!else`/`#!endif`, `#!substdef`, `#!include_file`), `loadmodule "x.so"`
// and `modparam("module", "param", value)` (possibly over several lines).
// `#` starts a comment unless it is `#!`; `//` and `/* */` comments too.
//
// Conditionals are evaluated with the names defined so far in the file;
// statements in an inactive branch are kept as raw settings with the key
// prefixed "inactive:" and are not normalised. Routing logic after the first
// route block is not configuration and is not read.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_kamailio_cfg(std::string_view text);

}  // namespace vca::probes::config
