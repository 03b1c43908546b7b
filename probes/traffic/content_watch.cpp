#include "probes/traffic/content_watch.hpp"

#include "auditor/core/net_address.hpp"
#include "probes/decode/packet.hpp"

namespace vca::probes::traffic {

namespace {

std::string endpoint_text(const flow::Endpoint& e) { return core::format_ip(e.address()) + ":" + std::to_string(e.port); }

// "a:p -> b:q" for each flow side (0 initiator).
std::array<std::string, 2> side_names(const flow::Flow& f) {
    const std::string i = endpoint_text(f.initiator), r = endpoint_text(f.responder);
    return {i + " -> " + r, r + " -> " + i};
}

content::FlowRef ref_of(const flow::Flow& f) { return content::FlowRef{f.id, f.input_id}; }

}  // namespace

std::unique_ptr<ContentWatch> ContentWatch::for_tcp(content::ContentHub& hub, const flow::Flow& f, bool claimed,
                                                    std::string_view login_app, int client_side) {
    if (claimed || login_app == "rtsp") return nullptr;  // RTSP interleaves media
    std::unique_ptr<ContentWatch> w(new ContentWatch());
    const std::string ip_i = core::format_ip(f.initiator.address()), ip_r = core::format_ip(f.responder.address());
    if (auto transfer = hub.claim_ftp_data(ip_i, f.initiator.port, ip_r, f.responder.port)) {
        w->stream_ = std::make_unique<content::StreamCollector>(hub, ref_of(f), side_names(f), std::move(transfer));
    } else if (login_app == "http") {
        const flow::Endpoint& server = client_side == 0 ? f.responder : f.initiator;
        w->http_ = std::make_unique<content::HttpBodyExtractor>(hub, ref_of(f), endpoint_text(server));
    } else if (login_app == "ftp") {
        w->ftp_ = std::make_unique<content::FtpControlFollower>(hub, ref_of(f), client_side,
                                                                client_side == 0 ? ip_i : ip_r,
                                                                client_side == 0 ? ip_r : ip_i);
    } else {
        w->stream_ = std::make_unique<content::StreamCollector>(hub, ref_of(f), side_names(f));
    }
    return w;
}

std::unique_ptr<ContentWatch> ContentWatch::for_udp(content::ContentHub& hub, const flow::Flow& f) {
    std::unique_ptr<ContentWatch> w(new ContentWatch());
    w->datagrams_ = std::make_unique<content::DatagramCollector>(hub, ref_of(f), side_names(f));
    return w;
}

void ContentWatch::on_stream(int flow_side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    if (http_) http_->on_stream(flow_side, data, after_gap, ts, frame);
    else if (ftp_) ftp_->on_stream(flow_side, data, after_gap);
    else if (stream_) stream_->on_stream(flow_side, data, after_gap, ts, frame);
}

void ContentWatch::on_flags(int flow_side, std::uint8_t tcp_flags) {
    if (!stream_) return;
    const bool reset = (tcp_flags & decode::tcp_flags::kRst) != 0;
    if (reset || (tcp_flags & decode::tcp_flags::kFin) != 0) stream_->on_close(flow_side, reset);
}

void ContentWatch::on_datagram(int flow_side, core::Bytes payload, double ts, std::int64_t frame) {
    if (datagrams_) datagrams_->on_datagram(flow_side, payload, ts, frame);
}

void ContentWatch::finish() {
    if (http_) http_->finish();
    if (stream_) stream_->finish();
    if (datagrams_) datagrams_->finish();
}

}  // namespace vca::probes::traffic
