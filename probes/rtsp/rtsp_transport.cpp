#include "probes/rtsp/rtsp_transport.hpp"

#include "auditor/core/ascii.hpp"

namespace vca::probes::rtsp {
namespace {

using core::ascii::iequals;
using core::ascii::trim;

std::optional<std::uint16_t> port_number(std::string_view s) {
    auto n = core::ascii::parse_decimal(trim(s));
    if (!n || *n > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(*n);
}

// "5000-5001" or "5000" (RFC 2326 §12.39 port-range).
std::optional<PortRange> port_range(std::string_view s) {
    const std::size_t dash = s.find('-');
    auto first = port_number(s.substr(0, dash));
    if (!first) return std::nullopt;
    if (dash == std::string_view::npos) return PortRange{*first, *first};
    auto last = port_number(s.substr(dash + 1));
    if (!last) return std::nullopt;
    return PortRange{*first, *last};
}

std::string unquote(std::string_view v) {
    v = trim(v);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return std::string(v);
}

}  // namespace

bool RtspTransport::over_rtsp_connection() const {
    return interleaved.has_value() || core::ascii::iends_with(profile, "/TCP");
}

bool RtspTransport::srtp() const { return profile.find("SAVP") != std::string::npos; }

std::optional<RtspTransport> parse_transport(std::string_view value) {
    // Commas separate transport-specs; none appears inside one (quoted mode lists aside, rare).
    std::string_view spec = trim(value.substr(0, value.find(',')));
    RtspTransport t;
    bool first = true;
    while (!spec.empty() || first) {
        const std::size_t semi = spec.find(';');
        const std::string_view param = trim(spec.substr(0, semi));
        spec = semi == std::string_view::npos ? std::string_view() : spec.substr(semi + 1);
        if (first) {
            first = false;
            if (param.empty() || param.find('/') == std::string_view::npos) return std::nullopt;
            t.profile = core::ascii::to_upper(param);
            continue;
        }
        const std::size_t eq = param.find('=');
        const std::string_view name = trim(param.substr(0, eq));
        const std::string_view val = eq == std::string_view::npos ? std::string_view() : trim(param.substr(eq + 1));
        if (iequals(name, "unicast")) t.multicast = false;
        else if (iequals(name, "multicast")) t.multicast = true;
        else if (iequals(name, "client_port")) t.client_port = port_range(val);
        else if (iequals(name, "server_port")) t.server_port = port_range(val);
        else if (iequals(name, "port")) t.port = port_range(val);
        else if (iequals(name, "interleaved")) t.interleaved = port_range(val);
        else if (iequals(name, "destination") && !val.empty()) t.destination = unquote(val);
        else if (iequals(name, "source") && !val.empty()) t.source = unquote(val);
        else if (iequals(name, "mode") && !val.empty()) t.mode = core::ascii::to_lower(unquote(val));
    }
    return t;
}

}  // namespace vca::probes::rtsp
