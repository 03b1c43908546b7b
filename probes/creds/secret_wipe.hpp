// wipe(): overwrites a buffer that held a secret before releasing it, so the
// bytes do not linger in freed heap memory.
#pragma once

#include <cstddef>
#include <string>

namespace vca::probes::creds {

inline void wipe(std::string& s) {
    volatile char* p = s.data();  // volatile: the stores must not be elided
    for (std::size_t i = 0; i < s.size(); ++i) p[i] = 0;
    s.clear();
}

}  // namespace vca::probes::creds
