// A minimal HTTP/1.0 POST over a plain TCP socket, enough to talk to an
// RFC 3161 timestamp authority (RFC 3161 §3.4). No TLS: a timestamp token is
// signed by the TSA, so its transport needs no protection.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "auditor/core/result.hpp"

namespace vca::sign {

// A timestamp reply is a few KiB; a larger answer is not one.
inline constexpr std::size_t kMaxHttpResponseBytes = 256 * 1024;
// Seconds to wait to connect and for each read or write.
inline constexpr int kHttpTimeoutSeconds = 15;

struct HttpUrl {
    std::string host;
    std::string port = "80";
    std::string path = "/";
};

// Parses "http://host[:port][/path]" (IPv6 literal as [::1]). E412 otherwise,
// e.g. for https:// (not supported: say so, the user can use a plain-HTTP
// endpoint, which every public TSA offers).
core::Result<HttpUrl> parse_http_url(std::string_view url);

// POSTs `body` and returns the response body of a 200 answer. E419 naming the
// URL for a connection failure, a timeout, a non-200 status or a response
// over kMaxHttpResponseBytes.
core::Result<std::string> http_post(std::string_view url, std::string_view content_type, std::string_view body);

}  // namespace vca::sign
