// Base64 (RFC 4648 §4) decoding for credentials carried in HTTP Basic
// (RFC 7617) and SASL exchanges (RFC 4954, RFC 5034, RFC 9051).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vca::probes::creds {

// Decodes standard-alphabet base64. Padding is optional (some SASL clients
// omit it); anything else outside the alphabet, '=' before the end, or a
// length that cannot come from encoding gives nullopt, so a mangled value
// never turns into a made-up secret.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace vca::probes::creds
