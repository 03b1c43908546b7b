// Every buffer or table that grows with input has its bound here, in one place.
// Hitting a limit records a named anomaly (see DESIGN.md "Conventions").
#pragma once

#include <cstddef>
#include <cstdint>

namespace vca::core::limits {

// Flow table: distinct 5-tuples tracked at once. Beyond it new flows are
// counted in anomaly `flow_table_full` and not analysed by application probes.
inline constexpr std::size_t kMaxFlows = 1'000'000;

// Payload segments of an unrecognised TCP flow checked for a TLS handshake
// that starts late (STARTTLS upgrades).
inline constexpr std::uint32_t kMaxUpgradeSniffSegments = 16;

// Per-direction bytes buffered for handshake parsing (TLS records arrive split
// across segments). A TLS ClientHello/ServerHello/Certificate flight fits well
// within it; beyond it the flow gets `tcp_buffer_limit`.
inline constexpr std::size_t kMaxStreamBuffer = 256 * 1024;

// Stop feeding a TCP direction to the TLS parser after this many bytes: the
// handshake is over long before, and application data is encrypted anyway.
inline constexpr std::size_t kMaxTlsInspectBytes = 512 * 1024;

// Largest TLS handshake message accepted (RFC 8446 §4: 2^24-1 is the wire
// maximum; real certificate chains are far smaller).
inline constexpr std::size_t kMaxTlsHandshakeMessage = 128 * 1024;

// SIP (RFC 3261 §7): header lines kept per message, body bytes examined.
inline constexpr std::size_t kMaxSipHeaders = 256;
inline constexpr std::size_t kMaxSipBody = 64 * 1024;
// SIP over TCP (RFC 3261 §18.3): bytes held per direction while a message
// (headers + Content-Length body) is incomplete. Beyond it: `sip_buffer_limit`.
inline constexpr std::size_t kMaxSipStreamBuffer = 128 * 1024;

// SDP (RFC 8866 §5.14): m= sections kept per body, and formats, a=crypto
// suites or a=candidate lines kept per m= section. The excess is dropped and
// SdpSession::limit_hit set (anomaly `sdp_limit`).
inline constexpr std::size_t kMaxSdpMedia = 64;
inline constexpr std::size_t kMaxSdpMediaEntries = 256;

// Parts examined in one multipart SIP body (RFC 2046 §5.1) when looking for SDP.
inline constexpr std::size_t kMaxMultipartParts = 32;

// STUN/TURN over TCP: bytes held per direction while a message is incomplete,
// and TURN allocations recorded per flow (each a turn_relays row).
inline constexpr std::size_t kMaxStunStreamBuffer = 64 * 1024;
inline constexpr std::size_t kMaxTurnRelaysPerFlow = 256;

// Anomaly rows kept per name per input; the rest are counted in one summary row.
inline constexpr std::size_t kMaxAnomaliesPerName = 1000;

// Fact rows written per SQLite transaction.
inline constexpr std::size_t kStoreBatchRows = 5000;

// Captured bytes accepted for one frame (larger snaplen records are invalid).
inline constexpr std::size_t kMaxFrameBytes = 262'144;

}  // namespace vca::core::limits

namespace vca::core::limits {

// IP fragment reassembly (RFC 791 §3.2, RFC 8200 §4.5): datagrams waiting for
// missing pieces, bytes held for them in total, and how long a piece waits.
// Beyond them pieces are dropped with `ip_fragment_limit`.
inline constexpr std::size_t kMaxFragmentedDatagrams = 4096;
inline constexpr std::size_t kMaxFragmentBytes = 16 * 1024 * 1024;
inline constexpr double kFragmentTimeoutSeconds = 30.0;
// IP-in-IP / 6in4 tunnels opened one inside the other; deeper nesting is an
// anomaly (ip_tunnel_too_deep), not a recursion.
inline constexpr int kMaxIpTunnelDepth = 3;
// An IPv4/IPv6 datagram payload cannot exceed 65535 bytes (jumbograms aside).
inline constexpr std::size_t kMaxDatagramBytes = 65535;

// Configuration inputs: a device configuration is kilobytes (the largest
// real one, a RoomOS dump, is under 200 KiB); a folder of a meeting room's
// devices holds tens of files. Larger files are hashed and kept, not parsed.
inline constexpr std::size_t kMaxConfigFileBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxConfigFiles = 2000;

// Digest uses remembered to spot a replayed (realm, nonce, nc); past this
// many, later replays go unnoticed rather than memory growing.
inline constexpr std::size_t kMaxDigestNoncesTracked = 100'000;
// SIP requests with credentials waiting for their response (keyed by
// Call-ID and CSeq); the oldest is given up (outcome unknown) past this.
inline constexpr std::size_t kMaxPendingSipAuth = 10'000;
// Media endpoints announced by SDP and remembered to recognise their RTP flows.
inline constexpr std::size_t kMaxSdpEndpoints = 100'000;
// Offered cipher suites named in tls_sessions.client_cipher_suites; a
// ClientHello may list thousands (fuzzers, scanners), browsers about 20.
inline constexpr std::size_t kMaxOfferedSuitesListed = 128;

// Secrets and BER (probes/creds)
// BER (X.690 §8) nesting the SNMP and LDAP decoders descend; deeper is invalid.
inline constexpr int kMaxBerDepth = 16;
// Weak/default secret list (policy/weak-secrets.yaml or a site's own): file
// size, entries kept and characters per entry. Every digest seen is
// recomputed once per entry, so the entry count bounds time as well as memory.
inline constexpr std::size_t kMaxWeakListFileBytes = 4 * 1024 * 1024;
inline constexpr std::size_t kMaxWeakCandidates = 10'000;
inline constexpr std::size_t kMaxWeakSecretLength = 128;
// A cleartext secret shorter than this is weak whatever the list says.
inline constexpr std::size_t kMinStrongSecretLength = 6;
// SNMP per UDP flow: distinct (community or v3 user, requesting side)
// aggregates, and requests waiting for their answer (oldest forgotten first).
inline constexpr std::size_t kMaxSnmpCredentialsPerFlow = 64;
inline constexpr std::size_t kMaxSnmpPendingRequests = 256;
// LDAP per TCP flow: largest LDAPMessage parsed (larger ones, search results
// mostly, are skipped unread), which also bounds the bytes held per
// direction; and bind attempts recorded.
inline constexpr std::size_t kMaxLdapMessage = 64 * 1024;
inline constexpr std::size_t kMaxLdapBindsPerFlow = 64;

// RTP streams (probes/rtp)
// Streams (flow, direction, SSRC) tracked at once; each holds about 2 KiB of
// fixed-size counters, never payloads. Packets of further streams are counted
// in anomaly `rtp_stream_limit` and not analysed.
inline constexpr std::size_t kMaxRtpStreams = 10'000;
// Unconfirmed candidates: an RTP-looking packet waiting for the next one of
// the same SSRC (random UDP makes many). When full the table is emptied
// (anomaly `rtp_candidate_limit`); a real stream confirms again two packets on.
inline constexpr std::size_t kMaxRtpCandidates = 65'536;
// Clock rates the signalling told (SDP a=rtpmap), per (flow, payload type).
// Beyond it rates are ignored (anomaly `rtp_clock_rate_limit`): jitter of
// those dynamic payload types stays NULL.
inline constexpr std::size_t kMaxRtpClockRates = 10'000;

// Credential watchers (probes/creds)
// Per flow: events found but not yet taken by the caller, and notes (future
// anomalies) likewise; beyond them one is dropped with `creds_event_limit`.
inline constexpr std::size_t kMaxHeldCredentialEvents = 256;
inline constexpr std::size_t kMaxHeldWatcherNotes = 64;
// A command or reply line of FTP, POP3, SMTP, IMAP or a typed telnet line
// (RFC 5321 §4.5.3.1.4 allows 512 for commands; passwords are far shorter).
// A longer line is still counted for pairing but not examined (`creds_line_limit`).
inline constexpr std::size_t kMaxLoginLineBytes = 4096;
// An IMAP command with its literals inline (LOGIN {n} user {n} password).
inline constexpr std::size_t kMaxImapCommandBytes = 16 * 1024;
// HTTP/RTSP head (start line and fields) per message, and fields kept of it
// (only the dozen a login watcher reads). Beyond: `creds_header_limit`.
inline constexpr std::size_t kMaxLoginHeaderBytes = 64 * 1024;
inline constexpr std::size_t kMaxLoginHeaderFields = 64;
// A POSTed login form body examined, and the fields looked at in it; a larger
// body is skipped by counting (`creds_form_limit`).
inline constexpr std::size_t kMaxLoginFormBody = 16 * 1024;
inline constexpr std::size_t kMaxLoginFormFields = 64;
// Start of the page answering a form login that is searched for a password
// input (the login form shown again).
inline constexpr std::size_t kMaxLoginResponseScan = 64 * 1024;
// Requests or commands awaiting their answer per flow (HTTP pipelining, FTP,
// POP3, SMTP, IMAP tags); beyond it the oldest is reported without outcome.
inline constexpr std::size_t kMaxPendingLoginRequests = 64;
// Characters of a request path kept as CredentialEvent.target.
inline constexpr std::size_t kMaxCredentialTargetChars = 1024;
// Telnet: subnegotiation bytes collected (NEW-ENVIRON USER), server text kept
// to recognise a prompt, and server bytes read after a password for its verdict.
inline constexpr std::size_t kMaxTelnetSubnegotiation = 512;
inline constexpr std::size_t kMaxTelnetPromptWindow = 256;
inline constexpr std::size_t kMaxTelnetOutcomeWindow = 4096;

// H.323 (probes/h323)
// H.225.0 call signalling over TCP: bytes held per direction while a TPKT
// (RFC 1006 §6, at most 65535 bytes) is incomplete, plus one more segment.
// Beyond it the bytes are dropped with `h225_buffer_limit`.
inline constexpr std::size_t kMaxH225StreamBuffer = 128 * 1024;
// H.245 addresses announced in call signalling and remembered, so that the
// separate H.245 connections made to them are recognised (one or two per
// call); beyond it the oldest is forgotten.
inline constexpr std::size_t kMaxH245Addresses = 4096;
// Logical channels remembered per H.245 connection, to match each Ack with
// its channel's encryption (a call opens a handful); the oldest goes first.
inline constexpr std::size_t kMaxH245ChannelsPerConnection = 64;
// Q.931 information elements read per message (H.225.0 messages carry about
// ten); the rest are ignored and the row says so.
inline constexpr std::size_t kMaxQ931InformationElements = 64;
// Items of one SEQUENCE OF walked while skipping an H.225.0 PER field (alias
// lists, addresses, protocols); a longer list stops decoding ("unknown").
inline constexpr std::size_t kMaxPerSequenceOfItems = 256;
// Extension-addition presence bits of one PER SEQUENCE (H.225.0 v7 Setup has
// 28); more stop decoding ("unknown").
inline constexpr std::size_t kMaxPerExtensionAdditions = 128;
// Arcs of a protocolIdentifier OID turned into text (H.225.0 uses 6).
inline constexpr std::size_t kMaxOidArcs = 32;

// WebSocket (probes/websocket)
// Opening handshake (RFC 6455 §4): bytes of an HTTP head held per side until
// its blank line (browsers' requests with cookies are a few KiB), and client
// bytes held if they come after the request before the server's 101. A
// longer head makes the flow not_websocket (`handshake_head_limit`).
inline constexpr std::size_t kMaxWebSocketHandshakeBytes = 32 * 1024;
// A data message reassembled from its frames (RFC 6455 §5.4), per direction.
// SIP over WebSocket (RFC 7118 §5) puts one SIP message in one WebSocket
// message, so this matches the SIP stream bound with room to spare. A longer
// message is skipped by counting (`websocket_message_limit`).
inline constexpr std::size_t kMaxWebSocketMessage = 256 * 1024;

}  // namespace vca::core::limits
