// IPv4 address ranges as some products write them ("10.0.0.0-10.255.255.255",
// coturn's denied-peer-ip) turned into the CIDR blocks rules compare with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vca::probes::config {

// The fewest CIDR blocks exactly covering an IPv4 range "a.b.c.d-e.f.g.h" or a
// single address; empty when the text is not one (IPv6, names, reversed
// ranges) or would need more than `max_blocks` blocks.
std::vector<std::string> ipv4_range_to_cidrs(std::string_view range, std::size_t max_blocks = 32);

}  // namespace vca::probes::config
