// Small ASCII text helpers shared by the SIP and SDP grammars (both are
// case-insensitive in their tokens, RFC 3261 §7.3.1, RFC 8866 §5).
#pragma once

#include <cstddef>
#include <string_view>

namespace vca::probes::sip::text {

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

}  // namespace vca::probes::sip::text
