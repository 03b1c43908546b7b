// ContentWatch: the content extractors of one flow (probes/content), chosen
// once the flow's application is known: HTTP bodies, an FTP control
// connection, an FTP data connection, or the plain bytes of a TCP stream or
// UDP flow no other probe claimed. TLS, SIP, STUN, H.323, RTSP and media
// flows get none. Exists only when the analyser has a content observer.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "auditor/core/byte_reader.hpp"
#include "probes/content/content_hub.hpp"
#include "probes/content/ftp_control.hpp"
#include "probes/content/http_extractor.hpp"
#include "probes/content/stream_collector.hpp"
#include "probes/flow/flow_table.hpp"

namespace vca::probes::traffic {

class ContentWatch {
public:
    // A TCP flow whose first payload was just seen. `claimed`: another probe
    // (TLS, SIP, STUN, H.323) owns the flow. `login_app`/`client_side`: what
    // the credential watcher recognised ("http", "ftp", ...; empty if none).
    static std::unique_ptr<ContentWatch> for_tcp(content::ContentHub& hub, const flow::Flow& f, bool claimed,
                                                 std::string_view login_app, int client_side);
    // A UDP flow no probe claimed (not SIP, not a credential protocol).
    static std::unique_ptr<ContentWatch> for_udp(content::ContentHub& hub, const flow::Flow& f);

    void on_stream(int flow_side, core::Bytes data, bool after_gap, double ts, std::int64_t frame);
    // TCP flags of a segment from `flow_side`, after its bytes were delivered.
    void on_flags(int flow_side, std::uint8_t tcp_flags);
    void on_datagram(int flow_side, core::Bytes payload, double ts, std::int64_t frame);
    // End of the flow (or it turned to TLS): emit what is still open.
    void finish();

private:
    ContentWatch() = default;

    std::unique_ptr<content::HttpBodyExtractor> http_;
    std::unique_ptr<content::FtpControlFollower> ftp_;
    std::unique_ptr<content::StreamCollector> stream_;
    std::unique_ptr<content::DatagramCollector> datagrams_;
};

}  // namespace vca::probes::traffic
