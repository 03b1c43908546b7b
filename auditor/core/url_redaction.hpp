// Object names made from URLs must not carry secrets into the facts and the
// report: "user:password@" and the values of secret-looking query parameters
// (password=, token=, api_key=, sig=...) are replaced. Used for HTTP object
// names and RTSP URIs alike.
#pragma once

#include <string>
#include <string_view>

namespace vca::core {

inline constexpr std::string_view kRedactedValue = "REDACTED";

// "rtsp://admin:pw@cam/live?a=1&token=abc" -> "rtsp://REDACTED@cam/live?a=1&token=REDACTED"
// (the scheme is optional: "host/path?..." works the same; '&' and ';' both
// separate parameters). Everything else is kept as it was.
std::string redact_url(std::string_view url);

// Whether a query or form parameter name looks like it holds a secret.
bool is_secret_parameter(std::string_view name);

}  // namespace vca::core
