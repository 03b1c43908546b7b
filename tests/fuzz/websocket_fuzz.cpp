// Fuzz harness: the input as raw WebSocket frames for each side (split in
// two, the second part perhaps after a gap, one side with a tiny message
// limit and extensions allowed), then as records `[ctl][len][bytes]` (ctl
// bit 0: side, bit 1: after a gap) through UpgradeWatch and, once upgraded,
// FrameStream — the path a TCP flow takes.
#include <array>
#include <cstdint>
#include <optional>

#include "auditor/core/byte_reader.hpp"
#include "probes/websocket/frame_stream.hpp"
#include "probes/websocket/upgrade_watch.hpp"

namespace {

namespace ws = vca::probes::websocket;
using vca::core::Bytes;

volatile std::uint8_t g_sink = 0;

void touch(Bytes message, bool /*after_gap*/) {
    std::uint8_t x = 0;
    for (std::uint8_t b : message) x = static_cast<std::uint8_t>(x ^ b);
    g_sink = x;
}

void raw_frames(Bytes in) {
    for (int side : {0, 1}) {
        ws::FrameOptions o;
        o.extension_negotiated = side == 1;
        if (side == 1) o.max_message = 64;
        ws::FrameStream s(side, touch, [](std::string_view, std::string_view) {}, o);
        const std::size_t cut = in.size() / 3;
        s.feed(in.first(cut), false);
        s.feed(in.subspan(cut), (in.size() & 1) != 0);
        s.feed(in, false);
    }
}

void records(Bytes in) {
    vca::core::ByteReader r(in);
    ws::UpgradeWatch watch;
    std::array<std::optional<ws::FrameStream>, 2> streams;
    auto open = [&](int side) {
        auto& s = streams[static_cast<std::size_t>(side)];
        if (!s) {
            ws::FrameOptions o;
            o.extension_negotiated = watch.extension_negotiated();
            s.emplace(side, touch, nullptr, o);
        }
        return &*s;
    };
    std::uint8_t ctl = 0, len = 0;
    while (r.u8(ctl) && r.u8(len)) {
        Bytes chunk;
        if (!r.bytes(std::min<std::size_t>(len, r.remaining()), chunk)) break;
        const int side = ctl & 1;
        const bool gap = (ctl & 2) != 0;
        const std::size_t at = watch.feed(side, chunk, gap);
        if (at == ws::UpgradeWatch::kNoFrames) continue;
        if (side == 1) {
            const ws::EarlyClientBytes early = watch.take_early_client_bytes();
            if (!early.bytes.empty()) open(0)->feed(Bytes(early.bytes), false);
        }
        open(side)->feed(chunk.subspan(at), gap && at == 0);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Bytes in(data, size);
    raw_frames(in);
    records(in);
    return 0;
}
