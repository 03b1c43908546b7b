#include "probes/rtsp/rtsp_facts.hpp"

#include "auditor/core/ascii.hpp"
#include "probes/rtsp/rtsp_parser.hpp"
#include "probes/rtsp/rtsp_transport.hpp"
#include "auditor/core/url_redaction.hpp"
#include "probes/sip/sdp_parser.hpp"

namespace vca::probes::rtsp {
namespace {

void anomaly(const RtspContext& ctx, facts::FactSink& sink, std::string name, std::string detail) {
    sink.add(facts::AnomalyRow{ctx.input_id, ctx.flow_id, ctx.ts, std::move(name), std::move(detail), ctx.frame, 1});
}

std::optional<std::string> text_of(const RtspMessageView& m, std::string_view name) {
    auto v = m.header(name);
    if (!v) return std::nullopt;
    return std::string(*v);
}

// Session: session-id [";timeout=" delta] (RFC 2326 §12.37): the id only.
std::optional<std::string> session_id(const RtspMessageView& m) {
    auto v = m.header("Session");
    if (!v) return std::nullopt;
    std::string_view id = core::ascii::trim(v->substr(0, v->find(';')));
    if (id.empty()) return std::nullopt;
    return std::string(id);
}

// RTSP puts ports in SETUP, not in the SDP (m= port 0, RFC 2326 Appendix C.1.1):
// the sdp_media rows say what was offered; the media registry learns the
// endpoints from the Transport header instead.
void emit_sdp(std::string_view body, const RtspMessageView& m, const RtspContext& ctx, facts::FactSink& sink) {
    sip::SdpSession sdp;
    if (sip::parse_sdp(body, sdp) != core::ParseStatus::Ok)
        anomaly(ctx, sink, "sdp_malformed", "SDP body of an RTSP message does not parse completely");
    if (sdp.limit_hit) anomaly(ctx, sink, "sdp_limit", "SDP body of an RTSP message exceeds the SDP limits");
    for (const auto& media : sdp.media) {
        facts::SdpMediaRow row{};
        row.flow_id = ctx.flow_id;
        // No RTSP session exists yet when DESCRIBE is answered, and an RTSP
        // session id is not a SIP Call-ID: left NULL (the flow ties it to rtsp_messages).
        row.call_id = std::nullopt;
        row.media = media.media;
        row.addr = media.connection_addr;
        row.port = media.port;
        row.proto = media.proto;
        if (!media.crypto_suites.empty()) row.crypto_suite = media.crypto_suites.front();
        row.key_in_clear.emplace(media.has_crypto_key && !ctx.over_tls);
        row.fingerprint = media.fingerprint;
        row.ts = ctx.ts;
        row.frame = ctx.frame;
        // The columns are named for SIP; the carrying RTSP method or status fills them alike.
        if (m.is_request) row.sip_method = std::string(m.method);
        else row.sip_status = m.status_code;
        sink.add(row);
    }
}

}  // namespace

std::optional<std::string> auth_scheme_of(std::string_view value) {
    std::string_view scheme = core::ascii::first_word(core::ascii::trim(value));
    scheme = scheme.substr(0, scheme.find(','));
    if (scheme.empty()) return std::nullopt;
    return core::ascii::to_lower(scheme);
}

void emit_rtsp_message(const RtspMessageView& m, const RtspContext& ctx, facts::FactSink& sink) {
    facts::RtspMessageRow row;
    row.flow_id = ctx.flow_id;
    row.ts = ctx.ts;
    row.frame = ctx.frame;
    row.src_ip = ctx.src_ip;
    row.dst_ip = ctx.dst_ip;
    row.version = std::string(m.version);
    if (m.is_request) {
        row.method = std::string(m.method);
        row.uri = core::redact_url(m.uri);
    } else {
        row.status_code = m.status_code;
    }
    if (auto c = m.header("CSeq")) {
        if (auto n = core::ascii::parse_decimal(core::ascii::trim(*c))) row.cseq = static_cast<std::int64_t>(*n);
    }
    row.session = session_id(m);
    if (auto v = m.header("Transport")) {
        if (auto t = parse_transport(*v)) {
            row.transport_profile = t->profile;
            if (t->multicast) row.transport_mode = *t->multicast ? "multicast" : "unicast";
            row.interleaved = t->over_rtsp_connection();
            if (t->interleaved)
                row.interleaved_channels =
                    std::to_string(t->interleaved->first) + "-" + std::to_string(t->interleaved->last);
            if (t->client_port) row.client_port = t->client_port->first;
            if (t->server_port) row.server_port = t->server_port->first;
            row.media_mode = t->mode;
            if (ctx.observer != nullptr) ctx.observer->on_transport(*t, m.is_request, ctx);
        } else {
            anomaly(ctx, sink, "rtsp_bad_transport", "Transport header without a transport/profile");
        }
    }
    if (auto a = m.header(m.is_request ? "Authorization" : "WWW-Authenticate")) row.auth_scheme = auth_scheme_of(*a);
    row.user_agent = text_of(m, m.is_request ? "User-Agent" : "Server");
    if (!row.user_agent) row.user_agent = text_of(m, "User-Agent");
    row.content_type = text_of(m, "Content-Type");
    if (auto base = m.header("Content-Base")) row.content_base = core::redact_url(*base);
    if (!m.body.empty() && row.content_type && sip::is_sdp_content_type(*row.content_type)) {
        row.has_sdp = true;
        emit_sdp(m.body, m, ctx, sink);
    }
    sink.add(row);
}

}  // namespace vca::probes::rtsp
