// What runs inside a TLS/DTLS session: the precedence ALPN (specific) > SNI >
// ALPN (HTTP) > use_srtp > port, as app_attribution.hpp documents.
#include "probes/tls/app_attribution.hpp"

#include <gtest/gtest.h>

namespace vca::probes::tls {
namespace {

std::string guess(const AttributionInput& in) {
    auto g = guess_tls_app(in);
    return g ? std::string(g->app) + "/" + std::string(g->basis) : "none";
}

AttributionInput tcp(std::int64_t port) {
    AttributionInput in;
    in.server_port = port;
    return in;
}

TEST(TlsAppAttribution, PortsAlone) {
    EXPECT_EQ(guess(tcp(5061)), "sip/port");
    EXPECT_EQ(guess(tcp(443)), "https/port");
    EXPECT_EQ(guess(tcp(1300)), "h323/port");
    EXPECT_EQ(guess(tcp(5349)), "turn/port");
    EXPECT_EQ(guess(tcp(636)), "ldap/port");
    EXPECT_EQ(guess(tcp(47001)), "none");
}

TEST(TlsAppAttribution, AlpnOutranksPort) {
    auto in = tcp(443);
    in.client_alpn = {"stun.turn"};
    EXPECT_EQ(guess(in), "turn/alpn");
    in = tcp(5061);
    in.client_alpn = {"h2", "http/1.1"};
    EXPECT_EQ(guess(in), "https/alpn");
    in.client_alpn = {"foo", "sip/2"};  // an unregistered SIP id some stacks send
    EXPECT_EQ(guess(in), "sip/alpn");
}

TEST(TlsAppAttribution, ServerChoiceIsTheOnlyAlpnThatCounts) {
    auto in = tcp(443);
    in.client_alpn = {"stun.turn", "http/1.1"};
    in.server_alpn = "http/1.1";
    EXPECT_EQ(guess(in), "https/alpn");
}

TEST(TlsAppAttribution, SniOutranksHttpAlpnAndPort) {
    auto in = tcp(443);
    in.client_alpn = {"http/1.1"};
    in.sni = "SIP.hanoi.gov.vn";
    EXPECT_EQ(guess(in), "sip/sni");
    in.sni = "turn.example.org";
    in.client_alpn.clear();
    EXPECT_EQ(guess(in), "turn/sni");
    in.sni = "sipgate.example.org";  // not a "sip" label
    EXPECT_EQ(guess(in), "https/port");
    in.sni = "sip";  // a bare label names a host, not a service
    EXPECT_EQ(guess(in), "https/port");
}

TEST(TlsAppAttribution, DtlsSrtpIsWebrtcAndDtlsPortsDifferFromTcp) {
    AttributionInput in;
    in.dtls = true;
    in.server_port = 443;
    EXPECT_EQ(guess(in), "none");
    in.srtp = true;
    EXPECT_EQ(guess(in), "webrtc/use_srtp");
    in.client_alpn = {"c-webrtc"};
    EXPECT_EQ(guess(in), "webrtc/alpn");
    AttributionInput turn;
    turn.dtls = true;
    turn.server_port = 5349;
    EXPECT_EQ(guess(turn), "turn/port");
}

}  // namespace
}  // namespace vca::probes::tls
