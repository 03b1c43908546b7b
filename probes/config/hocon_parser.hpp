// HOCON, as used by Jitsi (jvb.conf, jicofo.conf, jibri.conf, reference.conf,
// application.conf): nested `{}` objects, `key = value`, `key: value`,
// `key { }`, `+=`, dotted keys, arrays `[ ]`, quoted ("..." and """...""")
// and unquoted strings, value concatenation (`5 seconds`), `#` and `//`
// comments, `include "file"` (recorded, not read), `${path}` / `${?path}`
// substitutions resolved within the file (unresolved ones stay verbatim and
// count as placeholders), and ERB `<%= var %>` templates (placeholders).
//
// Raw keys are full dotted paths; array elements are "path[i]"; an empty
// array is one raw setting "path" = "[]". Raw values are as written with
// quotes removed; normalised values have substitutions resolved.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_hocon(std::string_view text);

}  // namespace vca::probes::config
