// Test helper: hand-built RTP packets (RFC 3550 §5.1 layout, written octet
// by octet here so the tests do not depend on the parser they check).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::rtp::test {

struct PacketSpec {
    std::uint8_t payload_type = 0;
    std::uint16_t seq = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0x11223344;
    bool marker = false;
    std::vector<std::uint32_t> csrcs;
    bool extension = false;
    std::uint16_t extension_profile = 0xBEDE;
    std::uint16_t extension_words = 0;
    std::uint8_t padding = 0;  // octets of padding to append (count in the last one)
};

inline void put16(std::vector<std::uint8_t>& b, std::uint32_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
inline void put32(std::vector<std::uint8_t>& b, std::uint32_t v) {
    put16(b, v >> 16);
    put16(b, v & 0xFFFF);
}

inline std::vector<std::uint8_t> rtp_packet(const PacketSpec& s, const std::vector<std::uint8_t>& payload) {
    std::vector<std::uint8_t> b;
    b.push_back(static_cast<std::uint8_t>(0x80 | (s.padding ? 0x20 : 0) | (s.extension ? 0x10 : 0) |
                                          (s.csrcs.size() & 0x0F)));
    b.push_back(static_cast<std::uint8_t>((s.marker ? 0x80 : 0) | (s.payload_type & 0x7F)));
    put16(b, s.seq);
    put32(b, s.timestamp);
    put32(b, s.ssrc);
    for (const std::uint32_t c : s.csrcs) put32(b, c);
    if (s.extension) {
        put16(b, s.extension_profile);
        put16(b, s.extension_words);
        for (std::uint32_t i = 0; i < s.extension_words; ++i) put32(b, 0x10000000U + i);
    }
    b.insert(b.end(), payload.begin(), payload.end());
    if (s.padding) {
        for (std::uint8_t i = 1; i < s.padding; ++i) b.push_back(0);
        b.push_back(s.padding);
    }
    return b;
}

inline std::vector<std::uint8_t> random_bytes(std::mt19937& rng, std::size_t n) {
    std::uniform_int_distribution<int> octet(0, 255);
    std::vector<std::uint8_t> b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(octet(rng));
    return b;
}

inline core::Bytes view(const std::vector<std::uint8_t>& b) { return {b.data(), b.size()}; }

}  // namespace vca::probes::rtp::test
