// Helpers of the creds_guard tests: a secret compared without ever printing
// it, and a minimal BER encoder to build SNMP/LDAP messages from their ASN.1.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "probes/creds/secret_guard.hpp"

namespace vca::probes::creds::test_helpers {

// EXPECT_TRUE(same_secret(actual, expected)): on failure only the redacted
// forms appear in the output (DESIGN.md: no secret in clear, even in a test log).
inline ::testing::AssertionResult same_secret(std::string_view actual, std::string_view expected) {
    if (actual == expected) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "secret differs: got " << redact(actual) << ", expected "
                                         << redact(expected);
}

using Octets = std::vector<std::uint8_t>;

// One BER element (X.690 §8.1): identifier, definite length (short form, or
// long form up to 3 octets), contents.
inline Octets tlv(std::uint8_t tag, const Octets& contents) {
    Octets out{tag};
    std::size_t n = contents.size();
    if (n < 0x80) {
        out.push_back(static_cast<std::uint8_t>(n));
    } else if (n <= 0xff) {
        out.insert(out.end(), {0x81, static_cast<std::uint8_t>(n)});
    } else if (n <= 0xffff) {
        out.insert(out.end(), {0x82, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n & 0xff)});
    } else {
        out.insert(out.end(), {0x83, static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>((n >> 8) & 0xff),
                               static_cast<std::uint8_t>(n & 0xff)});
    }
    out.insert(out.end(), contents.begin(), contents.end());
    return out;
}

inline Octets cat(std::initializer_list<Octets> parts) {
    Octets out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

inline Octets str(std::string_view s) { return Octets(s.begin(), s.end()); }

// INTEGER contents for small non-negative values (one octet below 0x80).
inline Octets int1(std::uint8_t v) { return tlv(0x02, {v}); }

inline core::Bytes view(const Octets& b) { return {b.data(), b.size()}; }

}  // namespace vca::probes::creds::test_helpers
