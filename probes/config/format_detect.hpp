// Which configuration format a file is in, from its name and its content.
// XML and JSON are recognised by their root (after a BOM, the XML declaration
// and comments); text formats by distinctive lines, or by well-known file
// names when the content alone is not enough (a fully commented sample).
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

// file_name may be a bare name or a path; only its last element is used.
Format detect_format(std::string_view file_name, std::string_view text);

}  // namespace vca::probes::config
