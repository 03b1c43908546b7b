// probes/tls parser: the pure grammar of TLS and DTLS records, handshake
// framing and the hello/certificate messages an auditor needs (versions,
// cipher suites, SNI, ALPN, DTLS-SRTP profiles, certificate chain).
//
// Every function is a pure function of its input bytes: no I/O, no state, no
// exceptions, and no crash on any input (fuzzed by tests/fuzz/tls_parser_fuzz.cpp).
// Bytes are read only through core::ByteReader.
//
// Lifetimes: every core::Bytes inside a *View or *Result points into the
// caller's buffer and is valid only while that buffer is. The owning structs
// (ClientHello, ServerHello) copy what they keep.
//
// Status: Ok; NeedMore (the input is a prefix of something that may still be
// valid: give more bytes; `consumed` is 0); Invalid (never valid whatever
// follows; `error` is a stable snake_case name usable as an anomaly name).
// Framing functions check each header field as soon as its bytes are present,
// so a short input whose first byte is already impossible is Invalid, not
// NeedMore.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::tls {

using ParseStatus = core::ParseStatus;

// ContentType (RFC 8446 §5.1, RFC 5246 §6.2.1, RFC 6520 §3 for heartbeat).
inline constexpr std::uint8_t kChangeCipherSpec = 20;
inline constexpr std::uint8_t kAlert = 21;
inline constexpr std::uint8_t kHandshake = 22;
inline constexpr std::uint8_t kApplicationData = 23;
inline constexpr std::uint8_t kHeartbeat = 24;

// HandshakeType (RFC 8446 §4, RFC 5246 §7.4, RFC 6347 §4.3.2).
inline constexpr std::uint8_t kClientHello = 1;
inline constexpr std::uint8_t kServerHello = 2;
inline constexpr std::uint8_t kHelloVerifyRequest = 3;
inline constexpr std::uint8_t kNewSessionTicket = 4;
inline constexpr std::uint8_t kCertificate = 11;
inline constexpr std::uint8_t kServerHelloDone = 14;

// ExtensionType values decoded here (IANA "TLS ExtensionType Values").
inline constexpr std::uint16_t kExtServerName = 0;          // RFC 6066 §3
inline constexpr std::uint16_t kExtSupportedGroups = 10;    // RFC 8446 §4.2.7
inline constexpr std::uint16_t kExtEcPointFormats = 11;     // RFC 8422 §5.1.2
inline constexpr std::uint16_t kExtSignatureAlgorithms = 13;  // RFC 8446 §4.2.3
inline constexpr std::uint16_t kExtUseSrtp = 14;            // RFC 5764 §4.1.1
inline constexpr std::uint16_t kExtAlpn = 16;               // RFC 7301 §3.1
inline constexpr std::uint16_t kExtSessionTicket = 35;      // RFC 5077 §3.2
inline constexpr std::uint16_t kExtPreSharedKey = 41;       // RFC 8446 §4.2.11
inline constexpr std::uint16_t kExtSupportedVersions = 43;  // RFC 8446 §4.2.1

// Largest record fragment accepted: 2^14 + 2048, the TLSCiphertext bound of
// RFC 5246 §6.2.3 (TLS 1.3 lowers it to 2^14 + 256, RFC 8446 §5.2; DTLS uses
// the same bounds, RFC 6347 §4.1).
inline constexpr std::size_t kMaxRecordFragment = (1U << 14) + 2048;

inline constexpr std::size_t kTlsRecordHeader = 5;    // RFC 8446 §5.1
inline constexpr std::size_t kDtlsRecordHeader = 13;  // RFC 6347 §4.1
inline constexpr std::size_t kHandshakeHeader = 4;    // RFC 8446 §4
inline constexpr std::size_t kDtlsHandshakeHeader = 12;  // RFC 6347 §4.2.2

// ---------------------------------------------------------------- records

struct RecordView {
    std::uint8_t content_type = 0;
    std::uint16_t version = 0;   // legacy_record_version as on the wire
    core::Bytes fragment;        // view into the input
    // DTLS only (0 for TLS): epoch and 48-bit sequence number (RFC 6347 §4.1).
    std::uint16_t epoch = 0;
    std::uint64_t sequence = 0;
};

struct RecordResult {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0;  // header + fragment when Ok, else 0
    RecordView record;
    std::string_view error;    // set when Invalid: tls_bad_content_type, ...
};

// One TLSPlaintext/TLSCiphertext record from the front of a byte stream
// (RFC 8446 §5.1, RFC 5246 §6.2). NeedMore when fewer than 5 bytes or the
// fragment is incomplete; Invalid for a content type other than 20..24
// (`tls_bad_content_type`), a version major other than 3 (`tls_bad_version`)
// or a length above kMaxRecordFragment (`tls_record_too_long`). The header is
// checked before waiting for the fragment, so garbage is rejected at once.
RecordResult parse_record(core::Bytes stream);

// Cheap sniff for a TLS flow on an unknown port, from its first bytes:
// a handshake record 0x16 0x03 0x00..0x04 with a length of 4..kMaxRecordFragment
// whose first handshake byte (if present) is ClientHello or ServerHello; or
// an SSLv2-compatible ClientHello (RFC 6101 §E.2 / RFC 5246 §E.2: 2-byte
// header with the top bit set, msg_type 1, version major 2 or 3).
bool looks_like_tls(core::Bytes first_bytes);

// One DTLS record from the front of a datagram (RFC 6347 §4.1: type, version,
// epoch, 48-bit sequence_number, length; 13 bytes). Versions accepted: 0xfeff
// (DTLS 1.0), 0xfefd (DTLS 1.2 and the DTLSPlaintext of DTLS 1.3), 0xfefc, and
// 0x0100 (OpenSSL before 0.9.8f, pre-RFC DTLS) — anything else is
// `dtls_bad_version`. DTLS 1.3 ciphertext with the unified header (RFC 9147
// §4, first byte 001CSLEE) is also framed: it is reported with content_type
// kApplicationData (the real type is encrypted), version 0xfefc (not on the
// wire: the unified header implies DTLS 1.3), epoch = the 2 low epoch bits,
// sequence = the 8 or 16 low bits as sent; without the L bit the record runs
// to the end of the input. A unified header carrying a connection ID is
// `dtls_cid_unsupported` (its length is negotiated, not on the wire).
// Several records may share a datagram: call again on the rest.
RecordResult parse_dtls_record(core::Bytes datagram);

// Cheap sniff for DTLS on an unknown UDP port: the datagram starts with a
// complete handshake record (type 22, epoch 0, a DTLS version as above).
bool looks_like_dtls(core::Bytes datagram);

// ------------------------------------------------------ handshake framing

struct HandshakeView {
    std::uint8_t msg_type = 0;
    core::Bytes body;  // view into the input
};

struct HandshakeResult {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0;
    HandshakeView msg;
    std::string_view error;
};

// One handshake message (RFC 8446 §4: msg_type, uint24 length, body) from the
// front of the concatenated handshake-record fragments. NeedMore when the
// header or body is incomplete; Invalid (`tls_handshake_too_long`) when the
// length exceeds core::limits::kMaxTlsHandshakeMessage.
HandshakeResult parse_handshake(core::Bytes data);

struct DtlsHandshakeView {
    std::uint8_t msg_type = 0;
    std::uint32_t length = 0;          // length of the whole message
    std::uint16_t message_seq = 0;
    std::uint32_t fragment_offset = 0;
    core::Bytes fragment;              // fragment_length bytes, view into the input
    // True when this fragment is the whole message (offset 0, full length).
    [[nodiscard]] bool is_complete() const {
        return fragment_offset == 0 && fragment.size() == length;
    }
};

struct DtlsHandshakeResult {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0;
    DtlsHandshakeView msg;
    std::string_view error;
};

// One DTLS handshake fragment (RFC 6347 §4.2.2: msg_type, uint24 length,
// uint16 message_seq, uint24 fragment_offset, uint24 fragment_length). Invalid
// when length exceeds kMaxTlsHandshakeMessage (`tls_handshake_too_long`) or the
// fragment reaches past it (`dtls_bad_fragment`); NeedMore when the fragment
// bytes are not all present (inside one record that means truncation).
// Reassembly of fragments is the session's job.
DtlsHandshakeResult parse_dtls_handshake(core::Bytes data);

// ---------------------------------------------------------------- hellos

// The parts of a ClientHello that audits and JA3/JA4 fingerprints need.
// GREASE values (RFC 8701, see is_grease()) are KEPT in every vector, in wire
// order: fingerprinting filters them, and their presence is itself a signal.
struct ClientHello {
    std::uint16_t legacy_version = 0;
    std::vector<std::uint8_t> session_id;   // legacy_session_id, at most 32 bytes
    bool session_ticket = false;            // SessionTicket extension with a ticket in it (RFC 5077 §3.2)
    std::vector<std::uint16_t> cipher_suites;
    std::vector<std::uint16_t> extensions;  // extension types in wire order
    std::optional<std::string> sni;         // first host_name entry (RFC 6066 §3)
    std::vector<std::string> alpn;          // protocol names (RFC 7301 §3.1)
    std::vector<std::uint16_t> supported_versions;
    std::vector<std::uint16_t> groups;
    std::vector<std::uint16_t> signature_algorithms;
    std::vector<std::uint8_t> ec_point_formats;
    bool has_use_srtp = false;
    std::vector<std::uint16_t> srtp_profiles;
};

// Decodes a ClientHello body (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2; with `dtls`
// the cookie after the session id, RFC 6347 §4.2.1). The body is a complete
// handshake message, so any truncation or length that disagrees with its
// container is Invalid (never NeedMore), as are an empty cipher-suite list,
// an odd cipher-suite length, an empty compression list, a session id over 32
// bytes, a duplicate extension (RFC 8446 §4.2), and malformed contents of the
// extensions decoded here. `out` is reset first; on Invalid it holds what was
// decoded before the error. Sizes are bounded by the message, itself bounded
// by kMaxTlsHandshakeMessage.
ParseStatus parse_client_hello(core::Bytes body, ClientHello& out, bool dtls);

struct ServerHello {
    std::uint16_t legacy_version = 0;
    std::vector<std::uint8_t> session_id;           // legacy_session_id_echo, at most 32 bytes
    std::uint16_t cipher_suite = 0;
    std::optional<std::uint16_t> selected_version;  // supported_versions (RFC 8446 §4.2.1)
    bool hello_retry_request = false;               // RFC 8446 §4.1.3 special random
    std::vector<std::uint16_t> extensions;          // types in wire order
    std::optional<std::string> alpn;                // the one selected protocol
    std::optional<std::uint16_t> srtp_profile;      // use_srtp: the one selected profile
};

// Decodes a ServerHello body (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3; DTLS uses
// the same layout, RFC 6347 §4.2.1, and `dtls` only changes what counts as a
// plausible legacy_version). A HelloRetryRequest is a ServerHello whose random
// is SHA-256("HelloRetryRequest"); it is decoded the same way with
// hello_retry_request set. Same Invalid rules as parse_client_hello, plus a
// supported_versions, ALPN or use_srtp extension that does not select exactly
// one value.
ParseStatus parse_server_hello(core::Bytes body, ServerHello& out, bool dtls);

// The version the server chose: supported_versions if present, else
// legacy_version.
std::uint16_t negotiated_version(const ServerHello& sh);

// Splits a Certificate message body into DER certificates (views into `body`).
// tls13 = false: RFC 5246 §7.4.2 (TLS 1.0-1.2, DTLS: a uint24 list of uint24
// ASN.1Cert). tls13 = true: RFC 8446 §4.4.2 (certificate_request_context,
// then CertificateEntry = cert_data + per-entry extensions, which are skipped;
// in TLS 1.3 the message is encrypted, so this form is only seen when
// decrypted or in tests). Invalid on any length disagreement or an empty
// certificate. `certs_der` is cleared first.
ParseStatus parse_certificate_list(core::Bytes body, std::vector<core::Bytes>& certs_der,
                                   bool tls13);

// ---------------------------------------------------------------- names

// Text for the tls_sessions.version column: 0x0300 "SSL3", 0x0301 "TLS1.0",
// 0x0302 "TLS1.1", 0x0303 "TLS1.2", 0x0304 "TLS1.3", 0xfeff "DTLS1.0",
// 0xfefd "DTLS1.2", 0xfefc "DTLS1.3", 0x0100 "DTLS1.0-pre" (OpenSSL before
// 0.9.8f), 0x0002 "SSL2", 0x7fNN "TLS1.3-draftNN" (decimal), else "0x%04x".
std::string version_name(std::uint16_t v);

}  // namespace vca::probes::tls
