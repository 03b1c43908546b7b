// SSL 2.0 record and hello grammar (the Netscape SSL 2.0 specification,
// and RFC 6101 Appendix E.2 for the v2-format ClientHello that old TLS
// clients still send). Pure: bytes in, struct and status out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "probes/tls/tls_parser.hpp"

namespace vca::probes::tls {

inline constexpr std::uint8_t kSsl2ClientHello = 1;
inline constexpr std::uint8_t kSsl2ClientMasterKey = 2;
inline constexpr std::uint8_t kSsl2ServerHello = 4;

struct Ssl2Record {
    std::uint8_t msg_type = 0;
    core::Bytes body;  // after the message type byte
};

struct Ssl2RecordResult {
    ParseStatus status = ParseStatus::NeedMore;
    std::size_t consumed = 0;
    Ssl2Record record;
    std::string_view error;
};

// A 2-byte-header SSL 2.0 record (high bit of the first byte set). The
// 3-byte padded form is only used after encryption starts and is Invalid here.
Ssl2RecordResult parse_ssl2_record(core::Bytes stream);

// True when a stream starts with an SSL 2.0 CLIENT-HELLO (any version field).
bool looks_like_ssl2_client_hello(core::Bytes first_bytes);

// CLIENT-HELLO: version, cipher specs (3 bytes each; those whose first byte is
// 0 are TLS suites and land in cipher_suites), session id, challenge.
ParseStatus parse_ssl2_client_hello(core::Bytes body, ClientHello& out, std::size_t& cipher_specs);

struct Ssl2ServerHello {
    std::uint16_t version = 0;
    std::vector<std::uint32_t> cipher_kinds;
    core::Bytes certificate;  // DER X.509 when certificate_type is 1
};
ParseStatus parse_ssl2_server_hello(core::Bytes body, Ssl2ServerHello& out);

// CLIENT-MASTER-KEY: the cipher kind the client chose.
ParseStatus parse_ssl2_client_master_key(core::Bytes body, std::uint32_t& cipher_kind);

// "SSL2_RC4_128_WITH_MD5" etc., or nullopt for an unknown kind.
std::optional<std::string> ssl2_cipher_name(std::uint32_t kind);

}  // namespace vca::probes::tls
