// What the content extractors hand on: one object carried by the traffic (an
// HTTP body or uploaded file, an FTP file, a SIP MESSAGE/INFO body, one
// direction of an unrecognised TCP stream or UDP flow), with where and when
// it was seen. Never media (RTP/SRTP/RTCP) and never TLS ciphertext.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vca::probes::content {

// Stable scope names (content_objects.scope, content_matches.scope).
inline constexpr const char* kScopeHttpBody = "http_body";
inline constexpr const char* kScopeFtpFile = "ftp_file";
inline constexpr const char* kScopeSipBody = "sip_body";
inline constexpr const char* kScopeTcpStream = "tcp_stream";
inline constexpr const char* kScopeUdpPayload = "udp_payload";
inline constexpr const char* kToServer = "to_server";
inline constexpr const char* kToClient = "to_client";

struct ContentObject {
    std::string scope;
    std::int64_t flow_id = 0;
    std::int64_t input_id = 0;
    std::string direction;  // kToServer / kToClient
    double ts = 0;          // capture time of the object's first byte
    std::int64_t frame = 0; // frame of the object's first byte (0 when unknown)
    // "METHOD host/path" (HTTP; + " filename" for a multipart part), "STOR
    // path" / "RETR path" (FTP), "SIP MESSAGE <Call-ID>", or the flow side
    // for tcp_stream / udp_payload ("10.0.0.1:5000 -> 10.0.0.2:80").
    std::string name;
    std::optional<std::string> content_type;
    std::vector<std::uint8_t> bytes;  // decoded: de-chunked, inflated
    bool complete = true;             // false after a gap, a cut, a failed decoding
};

class ContentObserver {
public:
    virtual ~ContentObserver() = default;
    // Called once per object; `object` is valid only during the call.
    virtual void on_object(const ContentObject& object) = 0;
};

}  // namespace vca::probes::content
