// Java .properties files (Jitsi sip-communicator.properties, BigBlueButton
// bigbluebutton.properties): `key=value`, `key: value` or `key value`,
// `#` and `!` comments, a trailing backslash continues the line, backslash
// escapes (\:, \=, \t, \uXXXX) in keys and values. `${key}` references to
// other keys of the file are resolved for the normalised values.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_java_properties(std::string_view text);

}  // namespace vca::probes::config
