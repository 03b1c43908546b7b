// What application a TLS or DTLS session most likely carries, from what the
// handshake shows in clear: ALPN, SNI, use_srtp and the server port. The
// answer fills tls_sessions.app_guess / app_basis, so rules and reports can
// say "SIP over TLS" without hard-coding port 5061.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vca::probes::tls {

struct AttributionInput {
    bool dtls = false;
    std::int64_t server_port = 0;
    std::optional<std::string> server_alpn;  // the protocol the server selected
    std::vector<std::string> client_alpn;    // what the client offered, in order
    std::optional<std::string> sni;
    bool srtp = false;                       // use_srtp was negotiated (DTLS-SRTP)
};

struct AppGuess {
    std::string_view app;    // sip, https, webrtc, turn, h323, ldap, imap, pop3, smtp, xmpp, ftp, dns
    std::string_view basis;  // alpn, sni, use_srtp, port
};

// Decides in this order, the first that answers wins:
//  1. ALPN naming a protocol other than HTTP (the server's choice, else the
//     first the client offered that is known): stun.turn → turn, webrtc /
//     c-webrtc → webrtc, xmpp-*, imap, pop3, ftp, dot, and any "sip..." name
//     → sip (no SIP ALPN id is registered with IANA; some stacks send one);
//  2. SNI whose first label names a service: sip, sips, voip, sbc → sip;
//     turn, turns, stun → turn; ldap, ldaps → ldap. It comes before HTTP
//     ALPN because SIP over WebSocket (RFC 7118) negotiates http/1.1;
//  3. ALPN h2 / http/1.x → https;
//  4. DTLS with use_srtp → webrtc (DTLS-SRTP keying, RFC 5764);
//  5. the server port: 5061 sip (RFC 3261 §26.2), 443 / 8443 https (this
//     includes WSS), 1300 h323 (H.323 over TLS), 5349 turn (RFC 7350), 636 /
//     3269 ldap, 993 imap, 995 pop3, 465 smtp, 5223 xmpp, 990 ftp, 853 dns.
// nullopt when nothing answers.
std::optional<AppGuess> guess_tls_app(const AttributionInput& in);

}  // namespace vca::probes::tls
