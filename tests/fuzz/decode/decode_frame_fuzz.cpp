// Fuzz harness: link, IP and transport decoding of one frame. The first byte
// picks the link type, the rest is the frame.
#include <array>
#include <cstdint>
#include <cstddef>

#include "probes/decode/packet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr std::array kLinkTypes{1, 113, 276, 12, 101, 228, 229, 0, 108, 147};
    if (size == 0) return 0;
    int dlt = kLinkTypes[data[0] % kLinkTypes.size()];
    auto r = vca::probes::decode::decode_frame(dlt, vca::core::Bytes(data + 1, size - 1));
    // Every view must lie inside the frame.
    const auto* begin = data + 1;
    const auto* end = data + size;
    for (auto span : {r.packet.payload, r.packet.src_addr, r.packet.dst_addr})
        if (!span.empty() && (span.data() < begin || span.data() + span.size() > end)) __builtin_trap();
    return 0;
}
