// Fuzz harness: RTP/RTCP header parsing and the sniff on the whole input,
// then the input cut into datagrams (each prefixed by a length octet) fed to
// the stream tracker with every hint, and the facts written.
#include <cstdint>
#include <string>

#include "probes/rtp/rtp_header.hpp"
#include "probes/rtp/rtp_tracker.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace rtp = vca::probes::rtp;
    const vca::core::Bytes bytes(data, size);
    rtp::RtpHeader h;
    (void)rtp::parse_rtp(bytes, h);
    rtp::RtcpCompound c;
    (void)rtp::parse_rtcp(bytes, c);
    (void)rtp::looks_like_rtp(bytes);

    rtp::RtpTracker tracker(1);
    tracker.set_clock_rate(1, 96, 90000);
    const std::string a = "192.0.2.1", b = "192.0.2.2";
    std::size_t pos = 0;
    std::int64_t frame = 0;
    while (pos < size) {
        const std::size_t len = data[pos++];
        const std::size_t take = len < size - pos ? len : size - pos;
        const vca::core::Bytes datagram(data + pos, take);
        ++frame;
        const auto hint = static_cast<rtp::Hint>(frame % 4);
        const int direction = static_cast<int>(frame & 1);
        tracker.on_datagram(1 + (frame % 3), direction, direction ? b : a, 5004, direction ? a : b, 5006, datagram,
                            static_cast<double>(frame) * 0.02, frame, hint);
        pos += take;
    }
    vca::facts::MemorySink sink;
    tracker.emit(sink);
    return 0;
}
