// RTSP messages → fact rows: one rtsp_messages row per message, and the SDP
// of DESCRIBE answers (and ANNOUNCE requests) as sdp_media rows.
// SECRETS: URIs are kept redacted (auditor/core/url_redaction.hpp); of Authorization and
// WWW-Authenticate only the scheme is kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"

namespace vca::probes::rtsp {

struct RtspMessageView;
struct RtspTransport;
struct RtspContext;

// Told of what the media side of the analyser needs: the endpoints a SETUP
// agreed on (to know their UDP flows as RTP or SRTP) and the data of
// interleaved frames (RTP carried on the RTSP connection itself).
class RtspObserver {
public:
    virtual ~RtspObserver() = default;
    // The Transport of a SETUP request (client side known) or answer (both sides).
    virtual void on_transport(const RtspTransport& t, bool is_request, const RtspContext& ctx) = 0;
    // One interleaved frame; `srtp` is what the SETUP that named its channel
    // said (nullopt when no SETUP named it). `ctx` describes the delivering frame.
    virtual void on_interleaved(std::uint8_t channel, core::Bytes data, std::optional<bool> srtp,
                                const RtspContext& ctx) = 0;
};

struct RtspContext {
    std::int64_t flow_id = 0;
    std::int64_t input_id = 0;
    std::int64_t frame = 0;
    double ts = 0;
    std::string src_ip, dst_ip;   // of the frame that completed the element
    std::int64_t src_port = 0, dst_port = 0;
    int direction = 0;            // 0 from the flow's initiator, 1 towards it
    bool over_tls = false;        // rtsps: an a=crypto key in an SDP is then not exposed
    RtspObserver* observer = nullptr;
};

// "basic", "digest", ... of an Authorization or WWW-Authenticate value (the
// scheme token only, lower-cased); nullopt when empty.
std::optional<std::string> auth_scheme_of(std::string_view value);

// Emits the rtsp_messages row of one message, and sdp_media rows for an SDP body.
void emit_rtsp_message(const RtspMessageView& m, const RtspContext& ctx, facts::FactSink& sink);

}  // namespace vca::probes::rtsp
