#include "probes/sip/sip_facts.hpp"

#include "probes/sip/sdp_parser.hpp"
#include "probes/sip/sip_parser.hpp"

namespace vca::probes::sip {
namespace {

// Header values may be folded over several lines (RFC 3261 §7.3.1): store them unfolded.
std::optional<std::string> header_text(const SipMessageView& m, std::string_view name) {
    auto v = m.header(name);
    if (!v) return std::nullopt;
    return unfold(*v);
}

std::optional<std::string> uri_header(const SipMessageView& m, std::string_view name) {
    auto v = m.header(name);
    if (!v) return std::nullopt;
    return std::string(uri_of(*v));
}

void anomaly(const SipContext& ctx, facts::FactSink& sink, std::string name, std::string detail) {
    sink.add(facts::AnomalyRow{ctx.input_id, ctx.flow_id, ctx.ts, std::move(name), std::move(detail),
                               ctx.frame, 1});
}

void emit_sdp(std::string_view body, const SipMessageView& msg, const SipContext& ctx,
              const std::optional<std::string>& call_id, facts::FactSink& sink) {
    SdpSession sdp;
    if (parse_sdp(body, sdp) != ParseStatus::Ok)
        anomaly(ctx, sink, "sdp_malformed", "SDP body does not parse completely");
    for (const auto& m : sdp.media) {
        facts::SdpMediaRow row{};
        row.flow_id = ctx.flow_id;
        row.call_id = call_id;
        row.media = m.media;
        row.addr = m.connection_addr;
        row.port = m.port;
        row.proto = m.proto;
        if (!m.crypto_suites.empty()) row.crypto_suite = m.crypto_suites.front();
        row.key_in_clear.emplace(m.has_crypto_key && !ctx.signalling_encrypted);
        row.fingerprint = m.fingerprint;
        row.ts = ctx.ts;
        row.frame = ctx.frame;
        if (msg.is_request) row.sip_method = std::string(msg.method);
        else row.sip_status = msg.status_code;
        sink.add(row);
        if (ctx.observer != nullptr) ctx.observer->on_sdp_media(m, ctx);
    }
}

}  // namespace

bool emit_sip_datagram(core::Bytes payload, const SipContext& ctx, facts::FactSink& sink) {
    SipParseResult r = parse_sip_message(payload, true);
    if (r.status == ParseStatus::NeedMore && r.error == "sip_keepalive") return true;  // RFC 5626 CRLF ping
    if (r.status != ParseStatus::Ok) {
        anomaly(ctx, sink, "sip_malformed", r.error.empty() ? "not a SIP message" : std::string(r.error));
        return false;
    }
    // A message analysed only in part: say which part is missing.
    if (!r.error.empty()) {
        anomaly(ctx, sink, std::string(r.error), "datagram ends before the end of the SIP headers");
    } else if (r.msg.body_truncated) {
        anomaly(ctx, sink, "sip_body_truncated", "Content-Length exceeds the datagram");
    }
    emit_sip_message(r.msg, ctx, sink);
    return true;
}

void emit_sip_message(const SipMessageView& m, const SipContext& ctx, facts::FactSink& sink) {
    facts::SipMessageRow row;
    row.flow_id = ctx.flow_id;
    row.ts = ctx.ts;
    row.transport = ctx.transport;
    if (m.is_request) row.method = std::string(m.method);
    else row.status_code = m.status_code;
    row.call_id = header_text(m, "Call-ID");
    row.from_uri = uri_header(m, "From");
    row.to_uri = uri_header(m, "To");
    row.user_agent = header_text(m, m.is_request ? "User-Agent" : "Server");
    if (!row.user_agent) row.user_agent = header_text(m, "User-Agent");
    row.cseq = header_text(m, "CSeq");
    row.src_ip = ctx.src_ip;
    row.dst_ip = ctx.dst_ip;
    row.frame = ctx.frame;
    auto ctype = m.header("Content-Type");
    if (!m.body.empty() && ctype) {
        if (is_sdp_content_type(*ctype)) {
            row.has_sdp = true;
            emit_sdp(m.body, m, ctx, row.call_id, sink);
        } else {
            for (std::string_view part : multipart_parts(m.body, *ctype)) {
                row.has_sdp = true;
                emit_sdp(part, m, ctx, row.call_id, sink);
            }
        }
    }
    sink.add(row);
    if (ctx.observer != nullptr) ctx.observer->on_sip_message(m, ctx);
}

}  // namespace vca::probes::sip
