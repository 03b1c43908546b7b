// Link layers (one table, dispatch as data): Ethernet with 802.1Q/802.1ad,
// Linux cooked v1/v2, raw IP, BSD loopback. Each yields the network-layer
// protocol (an EtherType) and the remaining bytes.
#include <array>

#include "probes/decode/packet.hpp"
#include "probes/decode/ip_layer.hpp"

namespace vca::probes::decode {
namespace {

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherIpv6 = 0x86dd;
constexpr std::uint16_t kEtherVlan = 0x8100;
constexpr std::uint16_t kEtherQinQ = 0x88a8;
constexpr std::uint16_t kEtherNone = 0;
constexpr std::uint16_t kEtherPppoeSession = 0x8864;
constexpr std::uint16_t kPppIpv4 = 0x0021;
constexpr std::uint16_t kPppIpv6 = 0x0057;

struct LinkResult {
    DecodeStatus status;
    std::uint16_t ethertype;
    std::string_view anomaly;
};

// IEEE 802.3 / 802.1Q: up to two VLAN tags are skipped.
LinkResult ethernet(core::ByteReader& r) {
    std::uint16_t type = 0;
    if (!r.skip(12) || !r.be16(type)) return {DecodeStatus::Truncated, 0, "ethernet_truncated"};
    for (int tags = 0; (type == kEtherVlan || type == kEtherQinQ) && tags < 2; ++tags) {
        if (!r.skip(2) || !r.be16(type)) return {DecodeStatus::Truncated, 0, "vlan_truncated"};
    }
    if (type == kEtherPppoeSession) {  // RFC 2516 §4: DSL uplinks of commune offices
        std::uint16_t ppp = 0;
        if (!r.skip(6) || !r.be16(ppp)) return {DecodeStatus::Truncated, 0, "pppoe_truncated"};
        if (ppp == kPppIpv4) return {DecodeStatus::Ok, kEtherIpv4, {}};
        if (ppp == kPppIpv6) return {DecodeStatus::Ok, kEtherIpv6, {}};
        return {DecodeStatus::NotIp, kEtherNone, {}};
    }
    return {DecodeStatus::Ok, type, {}};
}

// Linux cooked capture v1 (DLT_LINUX_SLL): 16-byte header, protocol last.
LinkResult linux_sll(core::ByteReader& r) {
    std::uint16_t type = 0;
    if (!r.skip(14) || !r.be16(type)) return {DecodeStatus::Truncated, 0, "sll_truncated"};
    return {DecodeStatus::Ok, type, {}};
}

// Linux cooked capture v2 (DLT_LINUX_SLL2): 20-byte header, protocol first.
LinkResult linux_sll2(core::ByteReader& r) {
    std::uint16_t type = 0;
    if (!r.be16(type) || !r.skip(18)) return {DecodeStatus::Truncated, 0, "sll2_truncated"};
    return {DecodeStatus::Ok, type, {}};
}

// Raw IP: the version nibble says which.
LinkResult raw_ip(core::ByteReader& r) {
    auto first = r.peek();
    if (!first) return {DecodeStatus::Truncated, 0, "ip_truncated"};
    int version = *first >> 4;
    if (version == 4) return {DecodeStatus::Ok, kEtherIpv4, {}};
    if (version == 6) return {DecodeStatus::Ok, kEtherIpv6, {}};
    return {DecodeStatus::Malformed, 0, "ip_bad_version"};
}

// BSD loopback: a 4-byte address family in the writer's byte order (DLT_NULL)
// or network order (DLT_LOOP). AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30.
LinkResult bsd_loopback(core::ByteReader& r, bool network_order) {
    std::uint32_t family = 0;
    bool ok = network_order ? r.be32(family) : r.le32(family);
    if (!ok) return {DecodeStatus::Truncated, 0, "loopback_truncated"};
    if (!network_order && family > 0xffff) {  // written big-endian by the capturing host
        family = ((family & 0xff) << 24) | ((family & 0xff00) << 8) | ((family >> 8) & 0xff00) |
                 (family >> 24);
    }
    if (family == 2) return {DecodeStatus::Ok, kEtherIpv4, {}};
    if (family == 24 || family == 28 || family == 30) return {DecodeStatus::Ok, kEtherIpv6, {}};
    return {DecodeStatus::NotIp, kEtherNone, {}};
}

enum class Link { Ethernet, Sll, Sll2, Raw, Ipv4, Ipv6, Null, Loop };

struct LinkEntry {
    int dlt;
    Link link;
};

// libpcap DLT numbers (pcap/dlt.h): DLT_RAW is 12 on Linux, 14 on OpenBSD,
// and LINKTYPE_RAW (101) can surface unmapped from pcapng.
constexpr std::array kLinks{
    LinkEntry{1, Link::Ethernet}, LinkEntry{113, Link::Sll},  LinkEntry{276, Link::Sll2},
    LinkEntry{12, Link::Raw},     LinkEntry{14, Link::Raw},   LinkEntry{101, Link::Raw},
    LinkEntry{228, Link::Ipv4},   LinkEntry{229, Link::Ipv6}, LinkEntry{0, Link::Null},
    LinkEntry{108, Link::Loop},
};

const LinkEntry* find_link(int dlt) {
    for (const auto& e : kLinks)
        if (e.dlt == dlt) return &e;
    return nullptr;
}

}  // namespace

bool linktype_supported(int dlt) { return find_link(dlt) != nullptr; }

DecodeResult decode_frame(int dlt, core::Bytes frame) {
    DecodeResult out;
    const LinkEntry* entry = find_link(dlt);
    if (entry == nullptr) {
        out.status = DecodeStatus::Unsupported;
        out.anomaly = "link_unsupported";
        return out;
    }
    core::ByteReader r(frame);
    LinkResult link{DecodeStatus::Ok, 0, {}};
    switch (entry->link) {
        case Link::Ethernet: link = ethernet(r); break;
        case Link::Sll: link = linux_sll(r); break;
        case Link::Sll2: link = linux_sll2(r); break;
        case Link::Raw: link = raw_ip(r); break;
        case Link::Ipv4: link = {DecodeStatus::Ok, kEtherIpv4, {}}; break;
        case Link::Ipv6: link = {DecodeStatus::Ok, kEtherIpv6, {}}; break;
        case Link::Null: link = bsd_loopback(r, false); break;
        case Link::Loop: link = bsd_loopback(r, true); break;
    }
    if (link.status != DecodeStatus::Ok) {
        out.status = link.status;
        out.anomaly = link.anomaly;
        return out;
    }
    if (link.ethertype == kEtherIpv4) return decode_ipv4(r.rest());
    if (link.ethertype == kEtherIpv6) return decode_ipv6(r.rest());
    out.status = DecodeStatus::NotIp;
    return out;
}

}  // namespace vca::probes::decode
