#include "probes/tls/app_attribution.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <cctype>
#include <utility>

namespace vca::probes::tls {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// IANA "TLS Application-Layer Protocol Negotiation (ALPN) Protocol IDs",
// the ones a meeting system's traffic may show, HTTP kept apart.
constexpr std::array kAlpnApps{
    Pair{"stun.turn", "turn"}, Pair{"webrtc", "webrtc"}, Pair{"c-webrtc", "webrtc"},
    Pair{"xmpp-client", "xmpp"}, Pair{"xmpp-server", "xmpp"}, Pair{"imap", "imap"},
    Pair{"pop3", "pop3"}, Pair{"ftp", "ftp"}, Pair{"dot", "dns"},
};

std::optional<std::string_view> specific_alpn_app(const std::string& name) {
    const std::string n = lower(name);
    if (n.rfind("sip", 0) == 0) return "sip";
    for (const auto& [id, app] : kAlpnApps)
        if (n == id) return app;
    return std::nullopt;
}

bool http_alpn(const std::string& name) {
    const std::string n = lower(name);
    return n == "h2" || n == "http/1.1" || n == "http/1.0" || n == "http/0.9";
}

constexpr std::array kSniLabels{
    Pair{"sip", "sip"},   Pair{"sips", "sip"},  Pair{"voip", "sip"}, Pair{"sbc", "sip"},
    Pair{"turn", "turn"}, Pair{"turns", "turn"}, Pair{"stun", "turn"}, Pair{"ldap", "ldap"},
    Pair{"ldaps", "ldap"},
};

std::optional<std::string_view> sni_app(const std::string& sni) {
    const std::string n = lower(sni);
    const auto dot = n.find('.');
    if (dot == std::string::npos) return std::nullopt;  // a bare label says nothing about a service
    const std::string_view label(n.data(), dot);
    for (const auto& [l, app] : kSniLabels)
        if (label == l) return app;
    return std::nullopt;
}

struct PortApp {
    std::int64_t port;
    std::string_view app;
};
constexpr std::array kTcpPorts{
    PortApp{5061, "sip"},  PortApp{443, "https"}, PortApp{8443, "https"}, PortApp{1300, "h323"},
    PortApp{5349, "turn"}, PortApp{636, "ldap"},  PortApp{3269, "ldap"},  PortApp{993, "imap"},
    PortApp{995, "pop3"},  PortApp{465, "smtp"},  PortApp{5223, "xmpp"},  PortApp{990, "ftp"},
    PortApp{853, "dns"},
};
// DTLS: TURN over DTLS (RFC 7350) and SIP over DTLS are the ones with ports.
constexpr std::array kUdpPorts{PortApp{5349, "turn"}, PortApp{5061, "sip"}};

}  // namespace

std::optional<AppGuess> guess_tls_app(const AttributionInput& in) {
    std::vector<const std::string*> alpn;
    if (in.server_alpn) alpn.push_back(&*in.server_alpn);
    for (const auto& a : in.client_alpn) alpn.push_back(&a);
    // With a server choice, only that counts; otherwise the client's list.
    if (in.server_alpn) alpn.resize(1);
    for (const auto* a : alpn)
        if (auto app = specific_alpn_app(*a)) return AppGuess{*app, "alpn"};
    if (in.sni)
        if (auto app = sni_app(*in.sni)) return AppGuess{*app, "sni"};
    for (const auto* a : alpn)
        if (http_alpn(*a)) return AppGuess{"https", "alpn"};
    if (in.dtls && in.srtp) return AppGuess{"webrtc", "use_srtp"};
    const auto ports = in.dtls ? std::span<const PortApp>(kUdpPorts) : std::span<const PortApp>(kTcpPorts);
    for (const auto& p : ports)
        if (p.port == in.server_port) return AppGuess{p.app, "port"};
    return std::nullopt;
}

}  // namespace vca::probes::tls
