// Key material from OpenSSL's CSPRNG.
#pragma once

#include <cstddef>
#include <string>

#include "auditor/core/result.hpp"

namespace vca::sign {

// n random bytes; E413 when the generator is not seeded.
core::Result<std::string> random_bytes(std::size_t n);

}  // namespace vca::sign
