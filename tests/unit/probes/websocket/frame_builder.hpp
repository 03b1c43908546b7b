// Test helper: WebSocket frames built by hand from RFC 6455 §5.2, so the
// tests do not depend on the decoder they check.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::websocket::test {

using Wire = std::vector<std::uint8_t>;

// How the payload length is written: the shortest form, or forced to the
// 16-bit or 64-bit extended form.
enum class LengthForm { Shortest, Ext16, Ext64 };

struct FrameSpec {
    bool fin = true;
    std::uint8_t rsv = 0;  // RSV1..RSV3 as bits 2..0
    std::uint8_t opcode = 0x1;
    std::optional<std::array<std::uint8_t, 4>> mask;
    LengthForm form = LengthForm::Shortest;
};

inline Wire frame(const FrameSpec& spec, std::string_view payload) {
    Wire w;
    w.push_back(static_cast<std::uint8_t>((spec.fin ? 0x80 : 0) | (spec.rsv << 4) | spec.opcode));
    const std::uint8_t mask_bit = spec.mask ? 0x80 : 0;
    const std::uint64_t n = payload.size();
    LengthForm form = spec.form;
    if (form == LengthForm::Shortest) form = n < 126 ? LengthForm::Shortest : n <= 0xFFFF ? LengthForm::Ext16 : LengthForm::Ext64;
    if (form == LengthForm::Shortest) {
        w.push_back(static_cast<std::uint8_t>(mask_bit | n));
    } else if (form == LengthForm::Ext16) {
        w.push_back(mask_bit | 126);
        w.push_back(static_cast<std::uint8_t>(n >> 8));
        w.push_back(static_cast<std::uint8_t>(n));
    } else {
        w.push_back(mask_bit | 127);
        for (int shift = 56; shift >= 0; shift -= 8) w.push_back(static_cast<std::uint8_t>(n >> shift));
    }
    if (spec.mask) w.insert(w.end(), spec.mask->begin(), spec.mask->end());
    for (std::size_t i = 0; i < payload.size(); ++i) {
        const auto c = static_cast<std::uint8_t>(payload[i]);
        w.push_back(spec.mask ? static_cast<std::uint8_t>(c ^ (*spec.mask)[i % 4]) : c);
    }
    return w;
}

inline Wire text(std::string_view payload) { return frame(FrameSpec{}, payload); }

inline Wire masked_text(std::string_view payload, std::array<std::uint8_t, 4> key = {0x12, 0x34, 0x56, 0x78}) {
    FrameSpec s;
    s.mask = key;
    return frame(s, payload);
}

inline Wire join(std::initializer_list<Wire> parts) {
    Wire all;
    for (const Wire& p : parts) all.insert(all.end(), p.begin(), p.end());
    return all;
}

inline core::Bytes view(const Wire& w) { return {w.data(), w.size()}; }
inline core::Bytes view(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

}  // namespace vca::probes::websocket::test
