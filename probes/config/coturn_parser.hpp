// coturn turnserver.conf: one option per line, `name`, `name=value` or
// `name value` (a leading `--` as on the command line is accepted), `#`
// comments, values optionally quoted. Defaults that matter for security are
// added when the file is silent; some changed in coturn 4.7 (TLS 1.0/1.1 off)
// and 4.10 (CLI off), and the parser tells the generations apart by the
// options the file documents (`tlsv1`, `cli`), since only text is given.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_coturn_conf(std::string_view text);

}  // namespace vca::probes::config
