// Fuzz harness: STUN/TURN parsing of one datagram, and the same bytes as a
// TCP stream split in two (plain and RFC 4571 framing).
#include <cstdint>

#include "probes/stun/stun_session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vca::core::Bytes bytes(data, size);
    vca::probes::stun::StunMessage m;
    (void)vca::probes::stun::parse_stun(bytes, m);
    vca::probes::stun::StunSession s;
    s.on_datagram(bytes, 1.0, 1);
    std::size_t half = size / 2;
    s.on_stream(0, bytes.subspan(0, half), false, 1.0, 1);
    s.on_stream(0, bytes.subspan(half), false, 1.0, 2);
    vca::facts::MemorySink sink;
    s.emit(1, 1, sink);
    return 0;
}
