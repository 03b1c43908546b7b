#include "probes/flow/flow_key.hpp"

#include <algorithm>

namespace vca::probes::flow {
namespace {

Endpoint make(core::Bytes addr, std::uint16_t port) {
    Endpoint e;
    e.addr_len = static_cast<std::uint8_t>(std::min<std::size_t>(addr.size(), 16));
    std::copy_n(addr.begin(), e.addr_len, e.addr.begin());
    e.port = port;
    return e;
}

}  // namespace

Endpoint source_of(const decode::PacketView& p) { return make(p.src_addr, p.src_port); }
Endpoint destination_of(const decode::PacketView& p) { return make(p.dst_addr, p.dst_port); }

FlowKey FlowKey::of(const decode::PacketView& p) {
    FlowKey k;
    k.protocol = p.protocol;
    Endpoint s = source_of(p), d = destination_of(p);
    if (d < s) std::swap(s, d);
    k.low = s;
    k.high = d;
    return k;
}

std::size_t FlowKeyHash::operator()(const FlowKey& k) const noexcept {
    // FNV-1a over the canonical key bytes: cheap and good enough for a hash map.
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const std::uint8_t* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            h ^= p[i];
            h *= 1099511628211ull;
        }
    };
    mix(&k.protocol, 1);
    for (const Endpoint* e : {&k.low, &k.high}) {
        mix(e->addr.data(), e->addr_len);
        std::uint8_t port[2] = {static_cast<std::uint8_t>(e->port >> 8),
                                static_cast<std::uint8_t>(e->port & 0xff)};
        mix(port, 2);
    }
    return static_cast<std::size_t>(h);
}

}  // namespace vca::probes::flow
