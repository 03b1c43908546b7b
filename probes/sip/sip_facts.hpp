// SIP messages and their SDP bodies → fact rows (sip_messages, sdp_media).
#pragma once

#include <cstdint>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"

namespace vca::probes::sip {

struct SipMessageView;
struct SipContext;
struct SdpMedia;

// Told of every parsed message and SDP media section after their facts are
// emitted: how the traffic analyser follows digest authentication and finds
// the media flows an SDP announced, without the SIP probe knowing of either.
class SipMessageObserver {
public:
    virtual ~SipMessageObserver() = default;
    virtual void on_sip_message(const SipMessageView& m, const SipContext& ctx) = 0;
    virtual void on_sdp_media(const SdpMedia& /*media*/, const SipContext& /*ctx*/) {}
};

struct SipContext {
    std::int64_t flow_id = 0;
    std::int64_t input_id = 0;
    std::int64_t frame = 0;
    double ts = 0;
    std::string src_ip, dst_ip;
    std::int64_t src_port = 0, dst_port = 0;
    std::string transport;       // udp, tcp, tls, ws, wss
    bool signalling_encrypted = false;  // true for tls/wss: an SDES key is then not exposed
    SipMessageObserver* observer = nullptr;
};

// Emits the facts of one parsed message (sip_messages, and sdp_media for its SDP).
void emit_sip_message(const SipMessageView& m, const SipContext& ctx, facts::FactSink& sink);

// Parses one UDP datagram as SIP and emits its facts. Returns false (and
// emits a `sip_malformed` anomaly) when the datagram is not a SIP message.
bool emit_sip_datagram(core::Bytes payload, const SipContext& ctx, facts::FactSink& sink);

}  // namespace vca::probes::sip
