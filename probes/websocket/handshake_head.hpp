// The HTTP/1.1 head of a WebSocket opening handshake (RFC 6455 §4.1, §4.2.2):
// start line and the few fields that decide the upgrade. Pure, over a head
// already cut at its blank line; other fields (Cookie, Authorization, ...)
// are never kept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vca::probes::websocket {

struct HandshakeHead {
    bool request = false;
    std::string method, target;  // requests
    int status = 0;              // responses
    // Values of repeated fields joined with ", " (RFC 9110 §5.3).
    std::string upgrade, connection, protocol, extensions, ws_version;
};

// Offset just past the blank line (CRLF CRLF, or bare LF LF) that ends a
// head in `bytes`, searching from `from`; npos when it is not there yet.
std::size_t find_head_end(std::string_view bytes, std::size_t from = 0);

// Parses `head` (start line and field lines). False when the start line is
// neither an HTTP/1.x request nor an HTTP/1.x status line.
bool parse_handshake_head(std::string_view head, HandshakeHead& out);

// True when the comma-separated `list` holds `token`, ignoring case and any
// "/version" suffix (Upgrade: websocket, Connection: keep-alive, Upgrade).
bool has_token(std::string_view list, std::string_view token);

}  // namespace vca::probes::websocket
