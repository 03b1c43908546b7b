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
// An IPv4/IPv6 datagram payload cannot exceed 65535 bytes (jumbograms aside).
inline constexpr std::size_t kMaxDatagramBytes = 65535;

}  // namespace vca::core::limits
