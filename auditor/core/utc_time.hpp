// One spelling of instants in reports, ledgers and status lines:
// ISO 8601 UTC to the second ("2026-11-28T05:18:36Z").
#pragma once

#include <string>

namespace vca::core {

std::string iso_utc(double unix_seconds);
std::string iso_utc_now();

}  // namespace vca::core
