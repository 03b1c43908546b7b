// Durations as people write them on a command line or in a config file:
// "24h", "15s", "30m", "7d", "1h30m"; a bare number is seconds.
#pragma once

#include <string>
#include <string_view>

#include "auditor/core/result.hpp"

namespace vca::service {

// Longest accepted duration: ten years, far beyond any evaluation interval,
// and small enough that adding it to a Unix time stays exact in a double.
inline constexpr double kMaxDurationSeconds = 10 * 366 * 86400.0;

// Seconds, > 0. E181 naming the option and the text otherwise.
core::Result<double> parse_duration(std::string_view text, std::string_view option);

// "24h", "15s", "1h30m": the shortest form of whole seconds.
std::string duration_text(double seconds);

}  // namespace vca::service
