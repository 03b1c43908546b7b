// FtpControlFollower: reads an FTP control connection (RFC 959, RFC 2428)
// for what the content extractors need: where each data connection will be
// (PORT/EPRT commands, 227/229 replies to PASV/EPSV) and which transfer it
// carries (STOR/RETR/APPE/STOU and the path; LIST/NLST/MLSD listings). Each
// announced endpoint is registered with the ContentHub, which hands the
// transfer to the data connection when it appears. Stops at AUTH TLS (234).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auditor/core/byte_reader.hpp"
#include "probes/content/content_hub.hpp"
#include "probes/creds/line_splitter.hpp"
#include "probes/creds/reply_code.hpp"

namespace vca::probes::content {

struct HostPort {
    std::string ip;
    std::uint16_t port = 0;
};

// "h1,h2,h3,h4,p1,p2" (PORT argument, and inside a 227 reply's text).
std::optional<HostPort> parse_ftp_host_port(std::string_view text);
// EPRT argument "|1|132.235.1.2|6275|" (RFC 2428 §2).
std::optional<HostPort> parse_eprt(std::string_view arg);
// The port of a 229 reply's text "... (|||6446|)" (RFC 2428 §3).
std::optional<std::uint16_t> parse_epsv_port(std::string_view text);

class FtpControlFollower {
public:
    // `client_side`: flow side (0 initiator) of the FTP client.
    FtpControlFollower(ContentHub& hub, FlowRef flow, int client_side, std::string client_ip, std::string server_ip);
    FtpControlFollower(const FtpControlFollower&) = delete;
    FtpControlFollower& operator=(const FtpControlFollower&) = delete;

    void on_stream(int flow_side, core::Bytes data, bool after_gap);

private:
    void client_line(std::string_view line);
    void server_reply(int code, std::string_view text);
    void announce(std::string ip, std::uint16_t port);

    ContentHub& hub_;
    FlowRef flow_;
    int client_side_;
    std::string client_ip_, server_ip_;
    std::array<creds::LineSplitter, 2> lines_;  // 0 client, 1 server
    creds::ReplyCodeReader replies_;
    std::shared_ptr<FtpTransfer> announced_;  // the data connection waiting for its command
    bool stopped_ = false;
};

}  // namespace vca::probes::content
