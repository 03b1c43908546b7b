// WebSocketSip: an HTTP flow that may upgrade to WebSocket (RFC 6455). Once
// upgraded, each WebSocket message is one SIP message (RFC 7118 §5), handed
// to the SIP probe as transport "ws" (cleartext: wss is TLS and stays with
// the TLS probe). Other subprotocols' messages are counted, not parsed.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/flow/flow_table.hpp"
#include "probes/sip/sip_facts.hpp"
#include "probes/websocket/frame_stream.hpp"
#include "probes/websocket/upgrade_watch.hpp"

namespace vca::probes::traffic {

class WebSocketSip {
public:
    // `client_side`: flow side (0 initiator) of the HTTP client.
    WebSocketSip(const flow::Flow& f, int client_side, facts::FactSink& sink, sip::SipMessageObserver* observer);

    // In-order bytes of flow side `flow_side`, from the first byte of the flow.
    void on_stream(int flow_side, core::Bytes data, bool after_gap, double ts, std::int64_t frame);
    [[nodiscard]] bool upgraded() const { return watch_.state() == websocket::UpgradeState::Upgraded; }
    [[nodiscard]] bool gave_up() const { return watch_.state() == websocket::UpgradeState::NotWebSocket; }

private:
    void open_streams();
    void on_message(int ws_side, core::Bytes message);

    const flow::Flow& flow_;
    int client_side_;
    facts::FactSink& sink_;
    sip::SipMessageObserver* observer_;
    websocket::UpgradeWatch watch_;
    std::array<std::unique_ptr<websocket::FrameStream>, 2> frames_;  // by websocket side (0 client)
    std::array<std::string, 2> ip_;                                  // by websocket side
    double ts_ = 0;
    std::int64_t frame_ = 0;
    bool sip_ = false;
};

}  // namespace vca::probes::traffic
