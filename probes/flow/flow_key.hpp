// FlowKey: a transport 5-tuple in canonical order, so both directions of a
// conversation find the same flow.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>

#include "probes/decode/packet.hpp"

namespace vca::probes::flow {

struct Endpoint {
    std::array<std::uint8_t, 16> addr{};
    std::uint8_t addr_len = 0;  // 4 or 16
    std::uint16_t port = 0;

    [[nodiscard]] core::Bytes address() const { return {addr.data(), addr_len}; }
    friend bool operator==(const Endpoint& a, const Endpoint& b) {
        return a.addr_len == b.addr_len && a.port == b.port && a.addr == b.addr;
    }
    friend bool operator<(const Endpoint& a, const Endpoint& b) {
        if (a.addr_len != b.addr_len) return a.addr_len < b.addr_len;
        int c = std::memcmp(a.addr.data(), b.addr.data(), a.addr_len);
        if (c != 0) return c < 0;
        return a.port < b.port;
    }
};

Endpoint source_of(const decode::PacketView& p);
Endpoint destination_of(const decode::PacketView& p);

struct FlowKey {
    std::uint8_t protocol = 0;
    Endpoint low, high;  // low < high (or equal for a packet to itself)

    static FlowKey of(const decode::PacketView& p);
    friend bool operator==(const FlowKey& a, const FlowKey& b) {
        return a.protocol == b.protocol && a.low == b.low && a.high == b.high;
    }
};

struct FlowKeyHash {
    std::size_t operator()(const FlowKey& k) const noexcept;
};

}  // namespace vca::probes::flow
