// JA4: FoxIO's TLS client fingerprint (technical_details/JA4.md of the JA4
// repository), computed from a decoded ClientHello.
//
//   <q|t|d><version 2><d|i><ciphers 2><extensions 2><alpn 2>_<cipher hash>_<extension hash>
//
// e.g. t13d1516h2_8daaf6152771_e5627efa2ab1. GREASE values (RFC 8701) are
// ignored everywhere; the hashes are SHA-256, lowercase hex, cut to 12.
#pragma once

#include <string>

#include "probes/tls/tls_parser.hpp"

namespace vca::probes::tls {

enum class Ja4Transport { Tcp, Quic, Dtls };

// The first part, unhashed: "t13d1516h2".
std::string ja4_a(const ClientHello& ch, Ja4Transport transport);

// The raw form (JA4_r): the first part, then the sorted cipher list, the
// sorted extension list (SNI and ALPN left out) and the signature algorithms
// in wire order, '_' joined; lists are 4-digit lowercase hex, ',' joined.
std::string ja4_raw(const ClientHello& ch, Ja4Transport transport);

// The fingerprint itself (the ja4 column).
std::string ja4(const ClientHello& ch, Ja4Transport transport);

}  // namespace vca::probes::tls
