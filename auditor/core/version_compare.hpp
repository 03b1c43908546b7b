// Compares firmware/software version strings the way vendors number them:
// runs of digits compare as numbers, everything else as text, separators
// ('.', '-', '_', ' ') only split. "108.86.0.20" > "108.85.255.1",
// "SIP11.9-4-2SR3-1S" < "SIP11.9-4-3SR1-1".
#pragma once

#include <string_view>

namespace vca::core {

// -1 if a < b, 0 if equal, 1 if a > b.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace vca::core
