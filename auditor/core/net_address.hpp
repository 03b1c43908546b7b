// IP addresses as text (the facts schema stores addresses as text) and CIDR
// matching for the site policy's allowed/management networks.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vca::core {

// Canonical text form (RFC 5952 for IPv6) of 4 or 16 address bytes.
std::string format_ip(std::span<const std::uint8_t> addr);

struct Cidr {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 stored in the first 4 bytes
    bool v6 = false;
    int prefix = 0;
};

// "10.0.0.0/8", "2001:db8::/32", or a bare address (full-length prefix).
std::optional<Cidr> parse_cidr(std::string_view text);

// True when `ip` (text) lies inside `net`. False for unparsable text.
bool cidr_contains(const Cidr& net, std::string_view ip);

// True when `ip` lies inside any of the comma/space-separated CIDRs in `list`.
bool ip_in_cidr_list(std::string_view ip, std::string_view list);

// The CIDRs of such a list (unparsable items left out), to test many
// addresses against one list without parsing it each time.
std::vector<Cidr> parse_cidr_list(std::string_view list);
bool ip_in_cidrs(std::string_view ip, std::span<const Cidr> nets);

}  // namespace vca::core
