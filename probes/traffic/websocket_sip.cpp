#include "probes/traffic/websocket_sip.hpp"

#include "auditor/core/ascii.hpp"
#include "auditor/core/net_address.hpp"
#include "auditor/facts/rows.hpp"

namespace vca::probes::traffic {

WebSocketSip::WebSocketSip(const flow::Flow& f, int client_side, facts::FactSink& sink,
                           sip::SipMessageObserver* observer)
    : flow_(f), client_side_(client_side), sink_(sink), observer_(observer) {
    const flow::Endpoint& client = client_side == 0 ? f.initiator : f.responder;
    const flow::Endpoint& server = client_side == 0 ? f.responder : f.initiator;
    ip_ = {core::format_ip(client.address()), core::format_ip(server.address())};
}

void WebSocketSip::open_streams() {
    // RFC 7118 §4: the subprotocol is "sip"; messages of others are not SIP.
    sip_ = core::ascii::iequals(watch_.subprotocol(), "sip");
    websocket::FrameOptions options;
    options.extension_negotiated = watch_.extension_negotiated();
    for (int side = 0; side < 2; ++side) {
        frames_[static_cast<std::size_t>(side)] = std::make_unique<websocket::FrameStream>(
            side, [this, side](core::Bytes message, bool) { on_message(side, message); },
            [this](std::string_view anomaly, std::string_view detail) {
                sink_.add(facts::AnomalyRow{flow_.input_id, flow_.id, ts_, std::string(anomaly), std::string(detail),
                                            frame_, 1});
            },
            options);
    }
}

void WebSocketSip::on_stream(int flow_side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    ts_ = ts;
    frame_ = frame;
    const int ws_side = flow_side == client_side_ ? 0 : 1;
    const bool was_upgraded = upgraded();
    std::size_t offset = watch_.feed(ws_side, data, after_gap);
    if (!upgraded()) return;
    if (!was_upgraded) {
        open_streams();
        // Client frames sent before the 101 arrived come first.
        websocket::EarlyClientBytes early = watch_.take_early_client_bytes();
        if (!early.bytes.empty())
            frames_[0]->feed(core::Bytes(early.bytes.data(), early.bytes.size()), false);
    }
    if (offset == websocket::UpgradeWatch::kNoFrames || offset > data.size()) return;
    frames_[static_cast<std::size_t>(ws_side)]->feed(data.subspan(offset), after_gap && offset == 0);
}

void WebSocketSip::on_message(int ws_side, core::Bytes message) {
    if (!sip_) return;
    const flow::Endpoint& client = client_side_ == 0 ? flow_.initiator : flow_.responder;
    const flow::Endpoint& server = client_side_ == 0 ? flow_.responder : flow_.initiator;
    sip::SipContext ctx;
    ctx.flow_id = flow_.id;
    ctx.input_id = flow_.input_id;
    ctx.frame = frame_;
    ctx.ts = ts_;
    ctx.src_ip = ip_[static_cast<std::size_t>(ws_side)];
    ctx.dst_ip = ip_[static_cast<std::size_t>(1 - ws_side)];
    ctx.src_port = ws_side == 0 ? client.port : server.port;
    ctx.dst_port = ws_side == 0 ? server.port : client.port;
    ctx.transport = "ws";
    ctx.observer = observer_;
    sip::emit_sip_datagram(message, ctx, sink_);
}

}  // namespace vca::probes::traffic
