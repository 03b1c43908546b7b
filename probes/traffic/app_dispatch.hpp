// Which application probe analyses a flow: a port table (data, not an
// if/else chain) first, then content sniffing for unknown ports.
#pragma once

#include <cstdint>
#include <string_view>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::traffic {

// H245: the separate H.245 connection of an H.323 call, known only from the
// address its call signalling announced (no port or content tells it).
enum class App { None, Tls, Sip, Stun, H323, H245, Ras, Rtsp };

std::string_view app_name(App app);

// By well-known port of either endpoint; None if no entry matches.
App app_by_port(std::uint8_t protocol, std::uint16_t port_a, std::uint16_t port_b);

// By the first payload bytes of a flow.
App app_by_content(std::uint8_t protocol, core::Bytes payload);

}  // namespace vca::probes::traffic
