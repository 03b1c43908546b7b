#include "probes/traffic/traffic_analyzer.hpp"

#include <array>

#include "auditor/core/limits.hpp"
#include "auditor/core/net_address.hpp"
#include "probes/decode/ip_layer.hpp"
#include "probes/decode/packet.hpp"
#include "probes/flow/tcp_stream.hpp"
#include "probes/h323/h225_stream.hpp"
#include "probes/h323/h323_facts.hpp"
#include "probes/rtsp/rtsp_limits.hpp"
#include "probes/rtsp/rtsp_stream.hpp"
#include "probes/rtsp/rtsp_transport.hpp"
#include "probes/sip/sip_facts.hpp"
#include "probes/sip/sip_stream.hpp"
#include "probes/stun/stun_session.hpp"
#include "probes/tls/dtls_session.hpp"
#include "probes/tls/tls_facts.hpp"
#include "probes/tls/tls_parser.hpp"
#include "probes/tls/tls_session.hpp"
#include "probes/traffic/app_dispatch.hpp"
#include "probes/traffic/content_watch.hpp"
#include "probes/traffic/credential_watch.hpp"
#include "probes/traffic/websocket_sip.hpp"

namespace vca::probes::traffic {
namespace {

// What the analyzer keeps per flow: in-order TCP streams and the probe state.
struct TrafficState final : flow::FlowState {
    App app = App::None;
    std::array<flow::TcpStream, 2> tcp{flow::TcpStream(core::limits::kMaxStreamBuffer),
                                       flow::TcpStream(core::limits::kMaxStreamBuffer)};
    std::unique_ptr<tls::TlsSession> tls;
    std::unique_ptr<sip::SipStream> sip;  // SIP over TCP
    std::unique_ptr<tls::DtlsSession> dtls;  // DTLS on a UDP flow (alone or beside STUN/RTP)
    std::unique_ptr<stun::StunSession> stun;  // STUN/TURN on UDP or TCP
    std::unique_ptr<CredentialWatch> creds;   // login protocols, LDAP, SNMP
    std::unique_ptr<WebSocketSip> websocket;  // an HTTP flow that may upgrade to SIP over WebSocket
    std::unique_ptr<h323::H225Stream> h225;   // H.323 call signalling (TPKT/Q.931 on TCP 1720)
    std::unique_ptr<rtsp::RtspStream> rtsp;   // RTSP (cameras, recorders); its credentials go to `creds`
    std::unique_ptr<ContentWatch> content;    // content extractors (only with a content observer)
    std::string initiator_ip, responder_ip;   // formatted once, for RTP stream rows
    rtp::Hint media_hint = rtp::Hint::Unknown;
    std::uint8_t media_lookups = 0;           // SDP registry look-ups left to try (announced before media, usually)
    std::uint64_t inspected = 0;
    std::uint32_t sniffed = 0;  // payload segments checked for a late TLS start
};

// "ip:port" as H.225.0 h245Address text is written ("[ip6]:port" for IPv6).
std::string endpoint_text(const flow::Endpoint& e) {
    const std::string ip = core::format_ip(e.address());
    return (e.addr_len == 16 ? "[" + ip + "]" : ip) + ":" + std::to_string(e.port);
}

TrafficState& state_of(flow::Flow& f, std::size_t max_stream_buffer) {
    if (!f.state) {
        auto st = std::make_unique<TrafficState>();
        st->tcp = {flow::TcpStream(max_stream_buffer), flow::TcpStream(max_stream_buffer)};
        f.state = std::move(st);
    }
    return static_cast<TrafficState&>(*f.state);
}

// SDP look-ups per media flow: the answer's SDP arrives with the first
// media packets at most, so a flow still unknown after this many is not one
// the signalling seen announced.
constexpr std::uint8_t kMediaHintLookups = 16;

int side(flow::Direction d) { return d == flow::Direction::FromInitiator ? 0 : 1; }

// Where a SIP message came from, for its facts: flow, frame and addresses.
sip::SipContext sip_context(const flow::Flow& f, const decode::PacketView& p, const FrameRef& frame,
                            const char* transport, sip::SipMessageObserver* observer) {
    sip::SipContext ctx;
    ctx.flow_id = f.id;
    ctx.input_id = frame.input_id;
    ctx.frame = frame.number;
    ctx.ts = frame.ts;
    ctx.src_ip = core::format_ip(p.src_addr);
    ctx.dst_ip = core::format_ip(p.dst_addr);
    ctx.src_port = p.src_port;
    ctx.dst_port = p.dst_port;
    ctx.observer = observer;
    ctx.transport = transport;
    ctx.signalling_encrypted = false;  // SIP seen in clear: UDP or plain TCP
    return ctx;
}

// What RTSP tells the media side: the UDP endpoints a SETUP agreed on go to
// the SDP media registry (RTSP's SDP has port 0; the ports are in Transport),
// and RTP in interleaved frames goes to the RTP tracker as the TCP flow's.
class RtspMedia final : public rtsp::RtspObserver {
public:
    RtspMedia(SignalledMedia& registry, rtp::RtpTracker& rtp) : registry_(registry), rtp_(rtp) {}

    void on_transport(const rtsp::RtspTransport& t, bool is_request, const rtsp::RtspContext& ctx) override {
        if (t.over_rtsp_connection()) return;
        if (t.multicast.value_or(false) && t.destination && t.port) {
            add(*t.destination, *t.port, t.profile);
            return;
        }
        const std::string& client_ip = is_request ? ctx.src_ip : ctx.dst_ip;
        if (t.client_port) add(t.destination.value_or(client_ip), *t.client_port, t.profile);
        if (!is_request && t.server_port) add(t.source.value_or(ctx.src_ip), *t.server_port, t.profile);
    }

    void on_interleaved(std::uint8_t /*channel*/, core::Bytes data, std::optional<bool> srtp,
                        const rtsp::RtspContext& ctx) override {
        const rtp::Hint hint = !srtp ? rtp::Hint::Unknown : *srtp ? rtp::Hint::KnownSrtp : rtp::Hint::KnownRtp;
        rtp_.set_input_id(ctx.input_id);
        (void)rtp_.on_datagram(ctx.flow_id, ctx.direction, ctx.src_ip, static_cast<std::uint16_t>(ctx.src_port),
                               ctx.dst_ip, static_cast<std::uint16_t>(ctx.dst_port), data, ctx.ts, ctx.frame, hint);
    }

private:
    // RTP on the first port of a range, RTCP on the next (RFC 2326 §12.39).
    void add(const std::string& ip, const rtsp::PortRange& ports, const std::string& profile) {
        registry_.add(ip, ports.first, profile);
        if (ports.last != ports.first) registry_.add(ip, ports.last, profile);
    }
    SignalledMedia& registry_;
    rtp::RtpTracker& rtp_;
};

rtsp::RtspContext rtsp_context(const flow::Flow& f, const std::string& src_ip, std::uint16_t src_port,
                               const std::string& dst_ip, std::uint16_t dst_port, std::int64_t input_id,
                               std::int64_t frame, double ts, int direction, rtsp::RtspObserver* observer) {
    rtsp::RtspContext ctx;
    ctx.flow_id = f.id;
    ctx.input_id = input_id;
    ctx.frame = frame;
    ctx.ts = ts;
    ctx.src_ip = src_ip;
    ctx.dst_ip = dst_ip;
    ctx.src_port = src_port;
    ctx.dst_port = dst_port;
    ctx.direction = direction;
    ctx.observer = observer;
    return ctx;
}

std::string_view transport_name(std::uint8_t protocol) {
    return protocol == decode::kTcp ? "tcp" : protocol == decode::kUdp ? "udp" : "other";
}

}  // namespace

TrafficAnalyzer::TrafficAnalyzer(facts::FactSink& sink, const AnalyzerLimits& limits,
                                 const creds::SecretGuard* guard)
    : limits_(limits),
      sink_(sink, limits.max_anomalies_per_name),
      credentials_(guard, sink_),
      sip_auth_(credentials_),
      sip_observers_(sip_auth_, signalled_media_),
      flows_(limits.max_flows),
      fragments_(limits.max_fragmented_datagrams, limits.max_fragment_bytes, core::limits::kFragmentTimeoutSeconds) {}

TrafficAnalyzer::~TrafficAnalyzer() = default;

void TrafficAnalyzer::set_content_observer(content::ContentObserver* observer,
                                           const content::limits::ContentLimits& limits) {
    content_ = observer != nullptr ? std::make_unique<content::ContentHub>(*observer, sink_, limits) : nullptr;
    sip_observers_.set_content(content_.get());
}

void TrafficAnalyzer::anomaly(const FrameRef& frame, std::optional<std::int64_t> flow_id,
                              std::string_view name, std::string detail) {
    sink_.add(facts::AnomalyRow{frame.input_id, flow_id, frame.ts, std::string(name), std::move(detail),
                                frame.number, 1});
}

void TrafficAnalyzer::on_frame(const FrameRef& frame) {
    ++stats_.frames;
    last_input_id_ = frame.input_id;
    decode::DecodeResult d = decode::decode_frame(frame.linktype, frame.data);
    std::vector<std::uint8_t> reassembled;  // owns the datagram while this frame is analysed
    if (d.status == decode::DecodeStatus::Fragment) {
        if (frame.ts - last_expiry_ts_ > 1.0) {
            last_expiry_ts_ = frame.ts;
            if (std::size_t n = fragments_.expire(frame.ts); n > 0)
                anomaly(frame, std::nullopt, "ip_fragment_incomplete",
                        std::to_string(n) + " datagram(s) never completed within the timeout");
        }
        flow::FragmentResult fr = fragments_.add(d.packet, frame.ts);
        switch (fr.outcome) {
            case flow::FragmentOutcome::Held: ++stats_.ip_packets; return;
            case flow::FragmentOutcome::Overlap:
                anomaly(frame, std::nullopt, "ip_fragment_overlap", "a fragment rewrites bytes already received");
                return;
            case flow::FragmentOutcome::LimitHit:
                anomaly(frame, std::nullopt, "ip_fragment_limit", "too many fragments pending; piece dropped");
                return;
            case flow::FragmentOutcome::Invalid:
                anomaly(frame, std::nullopt, "ip_fragment_invalid", "fragment extends past 65535 bytes");
                return;
            case flow::FragmentOutcome::Complete: break;
        }
        reassembled = std::move(fr.datagram);
        // A fragmented tunnel packet (IP-in-IP, 6in4) is decoded inside, like an unfragmented one.
        decode::decode_reassembled(d.packet.protocol, core::Bytes(reassembled.data(), reassembled.size()), d);
        if (d.status == decode::DecodeStatus::Fragment) {
            ++stats_.decode_anomalies;
            anomaly(frame, std::nullopt, "ip_fragment_nested",
                    "a fragment inside a reassembled tunnel packet; the inner datagram is not reassembled");
            return;
        }
        if (d.status != decode::DecodeStatus::Ok && d.status != decode::DecodeStatus::OtherIpProto) {
            ++stats_.decode_anomalies;
            anomaly(frame, std::nullopt, d.anomaly, "in a reassembled datagram");
            return;
        }
    }
    switch (d.status) {
        case decode::DecodeStatus::NotIp: ++stats_.not_ip; return;
        case decode::DecodeStatus::OtherIpProto: ++stats_.ip_packets; return;
        case decode::DecodeStatus::Ok: break;
        default:
            ++stats_.decode_anomalies;
            anomaly(frame, std::nullopt, d.anomaly,
                    "frame " + std::to_string(frame.number) + ": " + std::to_string(frame.data.size()) +
                        " of " + std::to_string(frame.orig_len) + " bytes captured");
            return;
    }
    ++stats_.ip_packets;
    const decode::PacketView& p = d.packet;
    expire_idle(frame);
    flow::Lookup l = flows_.track(p, frame.ts, frame.input_id, frame.number);
    if (l.ended) {
        close_flows({l.ended.get()});
        rtp_.close_flows({l.ended->id}, sink_);
    }
    if (l.flow == nullptr) {
        if (!flow_limit_reported_) {
            anomaly(frame, std::nullopt, "flow_table_full", "flow limit reached; new flows are not analysed");
            flow_limit_reported_ = true;
        }
        return;
    }
    if (p.payload_clipped)
        anomaly(frame, l.flow->id, "payload_clipped", "snap length cut the payload short");
    if (p.protocol == decode::kTcp) on_tcp(*l.flow, l.direction, p, frame);
    else if (p.protocol == decode::kUdp) on_udp(*l.flow, l.direction, p, frame);
}

bool TrafficAnalyzer::is_h245_connection(const flow::Flow& f) const {
    // The listener is normally the responder; either side is checked for a
    // capture that began after the SYN. Most captures announce none: no text is made then.
    if (h245_addresses_.empty()) return false;
    return h245_addresses_.contains(endpoint_text(f.responder)) || h245_addresses_.contains(endpoint_text(f.initiator));
}

void TrafficAnalyzer::on_tcp(flow::Flow& f, flow::Direction dir, const decode::PacketView& p,
                             const FrameRef& frame) {
    TrafficState& st = state_of(f, limits_.max_stream_buffer);
    int s = side(dir);
    if ((p.tcp_flags & decode::tcp_flags::kSyn) != 0 && p.payload.empty()) {
        // The SYN fixes where each direction's bytes start, so a first data
        // segment that arrives out of order is held, not taken as the start.
        st.tcp[static_cast<std::size_t>(s)].add(p.seq, p.tcp_flags, {}, [](core::Bytes, bool) {});
        return;
    }
    if (!f.app_decided && !p.payload.empty()) {
        f.app_decided = true;
        st.app = is_h245_connection(f) ? App::H245 : app_by_content(p.protocol, p.payload);
        if (st.app == App::None) st.app = app_by_port(p.protocol, p.src_port, p.dst_port);
        if (st.app == App::Tls) st.tls = std::make_unique<tls::TlsSession>();
        if (st.app == App::Sip) st.sip = std::make_unique<sip::SipStream>(core::limits::kMaxSipStreamBuffer);
        if (st.app == App::Stun) st.stun = std::make_unique<stun::StunSession>();
        if (st.app == App::H323) st.h225 = std::make_unique<h323::H225Stream>();
        if (st.app == App::H245) st.h225 = std::make_unique<h323::H225Stream>(h323::TpktContent::H245);
        if (st.app == App::Rtsp) {
            st.rtsp = std::make_unique<rtsp::RtspStream>(rtsp::limits::kMaxRtspStreamBuffer);
            // RTSP Basic/Digest and URL credentials are the login watcher's (probes/creds).
            st.creds = CredentialWatch::for_tcp(f, s, p.payload);
        }
        f.app = std::string(app_name(st.app));
        if (st.app == App::None && (st.creds = CredentialWatch::for_tcp(f, s, p.payload))) {
            f.app = st.creds->app();
            if (f.app == "http")
                st.websocket = std::make_unique<WebSocketSip>(f, st.creds->client_side(), sink_, &sip_observers_);
        }
        if (content_)
            st.content = ContentWatch::for_tcp(*content_, f, st.app != App::None, st.creds ? st.creds->app() : "",
                                               st.creds ? st.creds->client_side() : 0);
    } else if ((st.app == App::None || st.creds) && !st.rtsp && !p.payload.empty() &&
               st.sniffed < core::limits::kMaxUpgradeSniffSegments) {
        // STARTTLS-style upgrades (FTP AUTH TLS, SMTP, XMPP, SIP-over-TCP
        // upgrade): a cleartext protocol first, then a TLS handshake.
        ++st.sniffed;
        if (tls::looks_like_tls(p.payload)) {
            st.app = App::Tls;
            st.tls = std::make_unique<tls::TlsSession>();
            f.app = "tls";
            if (st.creds) {  // what was said before STARTTLS is kept; the rest is encrypted
                st.creds->drain(f, credentials_, true, sink_);
                st.creds.reset();
            }
            if (st.content) {  // the same for content: never TLS ciphertext
                st.content->finish();
                st.content.reset();
            }
            // The cleartext before the upgrade was never followed: both
            // directions start afresh from here.
            st.tcp = {flow::TcpStream(limits_.max_stream_buffer), flow::TcpStream(limits_.max_stream_buffer)};
        }
    }
    if (st.stun) {
        stun::StunSession& session = *st.stun;
        st.tcp[static_cast<std::size_t>(s)].add(p.seq, p.tcp_flags, p.payload, [&](core::Bytes data, bool after_gap) {
            session.on_stream(s, data, after_gap, frame.ts, frame.number);
        });
        return;
    }
    if (st.rtsp) {
        RtspMedia media(signalled_media_, rtp_);
        rtsp::RtspContext ctx = rtsp_context(f, core::format_ip(p.src_addr), p.src_port, core::format_ip(p.dst_addr),
                                             p.dst_port, frame.input_id, frame.number, frame.ts, s, &media);
        rtsp::RtspStream& stream = *st.rtsp;
        CredentialWatch* watch = st.creds.get();
        st.tcp[static_cast<std::size_t>(s)].add(p.seq, p.tcp_flags, p.payload, [&](core::Bytes data, bool after_gap) {
            stream.on_data(s, data, after_gap, ctx, sink_);
            if (watch != nullptr) watch->on_stream(s, data, after_gap, frame.ts, frame.number);
        });
        if (watch != nullptr) watch->drain(f, credentials_, false, sink_);
        return;
    }
    if (st.creds) {
        CredentialWatch& watch = *st.creds;
        WebSocketSip* ws = st.websocket.get();
        ContentWatch* cw = st.content.get();
        st.tcp[static_cast<std::size_t>(s)].add(p.seq, p.tcp_flags, p.payload, [&](core::Bytes data, bool after_gap) {
            watch.on_stream(s, data, after_gap, frame.ts, frame.number);
            if (ws != nullptr) ws->on_stream(s, data, after_gap, frame.ts, frame.number);
            if (cw != nullptr) cw->on_stream(s, data, after_gap, frame.ts, frame.number);
        });
        if (cw != nullptr) cw->on_flags(s, p.tcp_flags);
        watch.drain(f, credentials_, false, sink_);
        if (ws != nullptr && ws->upgraded() && f.app == "http") f.app = "websocket";
        if (ws != nullptr && ws->gave_up()) st.websocket.reset();
        return;
    }
    if (st.h225) {
        h323::H323Context ctx{f.id, frame.input_id, frame.number, frame.ts, core::format_ip(p.src_addr),
                              core::format_ip(p.dst_addr), &h245_addresses_, nullptr, &h245_media_};
        h323::H225Stream& stream = *st.h225;
        st.tcp[static_cast<std::size_t>(s)].add(p.seq, p.tcp_flags, p.payload, [&](core::Bytes data, bool after_gap) {
            stream.on_data(s, data, after_gap, ctx, sink_);
        });
        return;
    }
    if (st.sip) {
        sip::SipContext ctx = sip_context(f, p, frame, "tcp", &sip_observers_);
        sip::SipStream& stream = *st.sip;
        st.tcp[static_cast<std::size_t>(s)].add(p.seq, p.tcp_flags, p.payload, [&](core::Bytes data, bool after_gap) {
            stream.on_data(s, data, after_gap, ctx, sink_);
        });
        return;
    }
    if (st.content && !st.tls) {  // a stream no probe claimed, or an FTP data connection
        ContentWatch& cw = *st.content;
        st.tcp[static_cast<std::size_t>(s)].add(p.seq, p.tcp_flags, p.payload, [&](core::Bytes data, bool after_gap) {
            cw.on_stream(s, data, after_gap, frame.ts, frame.number);
        });
        cw.on_flags(s, p.tcp_flags);
        return;
    }
    if (!st.tls || st.tls->done() || st.inspected > core::limits::kMaxTlsInspectBytes) return;
    tls::TlsSession& session = *st.tls;
    st.tcp[static_cast<std::size_t>(s)].add(p.seq, p.tcp_flags, p.payload,
                                            [&](core::Bytes data, bool after_gap) {
                                                st.inspected += data.size();
                                                session.on_data(s, data, after_gap, frame.ts);
                                            });
}

void TrafficAnalyzer::on_udp(flow::Flow& f, flow::Direction dir, const decode::PacketView& p,
                             const FrameRef& frame) {
    TrafficState& st = state_of(f, limits_.max_stream_buffer);
    if (!f.app_decided && !p.payload.empty()) {
        f.app_decided = true;
        st.app = is_h245_connection(f) ? App::H245 : app_by_content(p.protocol, p.payload);
        if (st.app == App::None) st.app = app_by_port(p.protocol, p.src_port, p.dst_port);
        f.app = std::string(app_name(st.app));
        if (st.app == App::None && (st.creds = CredentialWatch::for_udp(f, side(dir), p.payload))) f.app = st.creds->app();
        if (content_ && st.app == App::None && !st.creds) st.content = ContentWatch::for_udp(*content_, f);
    }
    if (p.payload.empty()) return;
    if (st.app == App::Ras) {
        h323::H323Context ctx{f.id, frame.input_id, frame.number, frame.ts, core::format_ip(p.src_addr),
                              core::format_ip(p.dst_addr)};
        h323::emit_ras_datagram(p.payload, ctx, sink_);
        return;
    }
    if (st.creds) {
        st.creds->on_datagram(side(dir), p.payload, frame.ts, frame.number);
        st.creds->drain(f, credentials_, false, sink_);
        return;
    }
    if (st.app != App::Sip) {
        // RFC 7983 §7: a first byte of 20-63 is DTLS, even on a flow that
        // also carries STUN and RTP; the check is one byte per datagram.
        std::uint8_t first = p.payload[0];
        bool dtls_byte = first >= 20 && first <= 63;
        if (dtls_byte && !st.dtls && tls::looks_like_dtls(p.payload)) {
            st.dtls = std::make_unique<tls::DtlsSession>();
            if (f.app.empty()) f.app = "dtls";
        }
        if (dtls_byte && st.dtls && !st.dtls->done()) st.dtls->on_datagram(side(dir), p.payload, frame.ts);
        // RFC 7983: 0-3 is STUN; 64-79 is TURN ChannelData, counted once the flow is known to be TURN.
        if (first <= 3 && (st.stun || stun::looks_like_stun(p.payload))) {
            if (!st.stun) st.stun = std::make_unique<stun::StunSession>();
            if (f.app.empty()) f.app = "stun";
            st.stun->on_datagram(p.payload, frame.ts, frame.number);
        } else if (first >= 64 && first <= 79 && st.stun) {
            st.stun->on_datagram(p.payload, frame.ts, frame.number);
        } else if (first >= 128 && first <= 191) {  // RFC 7983: RTP/RTCP
            on_media(f, dir, p, frame);
        }
        if (st.content) {
            // A flow found to carry media, STUN or DTLS is never content; other
            // datagrams of an unclaimed flow are.
            if (!f.app.empty()) {
                st.content.reset();
            } else if (!dtls_byte && !(first <= 3 && st.stun) && !(first >= 64 && first <= 79 && st.stun) &&
                       !(first >= 128 && first <= 191)) {
                st.content->on_datagram(side(dir), p.payload, frame.ts, frame.number);
            }
        }
        return;
    }
    sip::SipContext ctx = sip_context(f, p, frame, "udp", &sip_observers_);
    sip::emit_sip_datagram(p.payload, ctx, sink_);
}

void TrafficAnalyzer::on_media(flow::Flow& f, flow::Direction dir, const decode::PacketView& p,
                               const FrameRef& frame) {
    TrafficState& st = state_of(f, limits_.max_stream_buffer);
    if (st.initiator_ip.empty()) {
        st.initiator_ip = core::format_ip(f.initiator.address());
        st.responder_ip = core::format_ip(f.responder.address());
        st.media_lookups = kMediaHintLookups;
    }
    if (st.dtls && st.dtls->facts().server_hello && st.dtls->facts().server_hello->srtp_profile) {
        st.media_hint = rtp::Hint::KnownDtlsSrtp;
    } else if (st.media_hint == rtp::Hint::Unknown && st.media_lookups > 0) {
        --st.media_lookups;
        st.media_hint = signalled_media_.lookup(st.initiator_ip, f.initiator.port, st.responder_ip, f.responder.port);
    }
    const bool forward = dir == flow::Direction::FromInitiator;
    rtp_.set_input_id(frame.input_id);
    rtp::Seen seen = rtp_.on_datagram(f.id, side(dir), forward ? st.initiator_ip : st.responder_ip, p.src_port,
                                      forward ? st.responder_ip : st.initiator_ip, p.dst_port, p.payload, frame.ts,
                                      frame.number, st.media_hint);
    if (f.app.empty() && (seen == rtp::Seen::Rtp || seen == rtp::Seen::Rtcp)) f.app = "rtp";
}

void TrafficAnalyzer::expire_idle(const FrameRef& frame) {
    // Capture time only moves the sweep forward: an input whose clock is
    // behind the previous one's expires nothing until it catches up.
    if (frame.ts < next_flow_sweep_ts_) return;
    next_flow_sweep_ts_ = frame.ts + limits_.flow_idle_timeout / flow::kFlowSweepsPerTimeout;
    std::vector<std::unique_ptr<flow::Flow>> idle = flows_.take_idle(frame.ts - limits_.flow_idle_timeout);
    if (idle.empty()) return;
    std::vector<flow::Flow*> closing;
    std::vector<std::int64_t> ids;
    closing.reserve(idle.size());
    ids.reserve(idle.size());
    for (const auto& f : idle) {
        closing.push_back(f.get());
        ids.push_back(f->id);
    }
    close_flows(closing);
    rtp_.close_flows(ids, sink_);
}

void TrafficAnalyzer::close_flows(const std::vector<flow::Flow*>& flows) {
    for (flow::Flow* f : flows) {
        auto* st = f->state ? static_cast<TrafficState*>(f->state.get()) : nullptr;
        if (st != nullptr && st->sip) {
            for (int s = 0; s < 2; ++s) {
                sip::SipContext ctx;
                ctx.flow_id = f->id;
                ctx.input_id = f->input_id;
                ctx.ts = f->last_ts;
                const flow::Endpoint& from = s == 0 ? f->initiator : f->responder;
                const flow::Endpoint& to = s == 0 ? f->responder : f->initiator;
                ctx.src_ip = core::format_ip(from.address());
                ctx.dst_ip = core::format_ip(to.address());
                ctx.transport = "tcp";
                ctx.observer = &sip_observers_;
                st->tcp[static_cast<std::size_t>(s)].flush(
                    [&](core::Bytes data, bool after_gap) { st->sip->on_data(s, data, after_gap, ctx, sink_); });
            }
        }
        if (st != nullptr && st->rtsp) {
            // Flushed here for both RTSP and its credential watcher; the block below then drains the watcher.
            RtspMedia media(signalled_media_, rtp_);
            for (int s = 0; s < 2; ++s) {
                const flow::Endpoint& from = s == 0 ? f->initiator : f->responder;
                const flow::Endpoint& to = s == 0 ? f->responder : f->initiator;
                rtsp::RtspContext ctx = rtsp_context(*f, core::format_ip(from.address()), from.port,
                                                     core::format_ip(to.address()), to.port, f->input_id, 0,
                                                     f->last_ts, s, &media);
                st->tcp[static_cast<std::size_t>(s)].flush([&](core::Bytes data, bool after_gap) {
                    st->rtsp->on_data(s, data, after_gap, ctx, sink_);
                    if (st->creds) st->creds->on_stream(s, data, after_gap, f->last_ts, 0);
                });
            }
        }
        if (st != nullptr && st->creds) {
            for (int s = 0; s < 2; ++s)
                st->tcp[static_cast<std::size_t>(s)].flush([&](core::Bytes data, bool after_gap) {
                    st->creds->on_stream(s, data, after_gap, f->last_ts, 0);
                    if (st->websocket) st->websocket->on_stream(s, data, after_gap, f->last_ts, 0);
                    if (st->content) st->content->on_stream(s, data, after_gap, f->last_ts, 0);
                });
            st->creds->drain(*f, credentials_, true, sink_);
        }
        if (st != nullptr && st->content) {
            if (!st->creds && !st->tls && f->protocol == decode::kTcp)
                for (int s = 0; s < 2; ++s)
                    st->tcp[static_cast<std::size_t>(s)].flush([&](core::Bytes data, bool after_gap) {
                        st->content->on_stream(s, data, after_gap, f->last_ts, 0);
                    });
            if (f->protocol == decode::kTcp || f->app.empty()) st->content->finish();
            st->content.reset();
        }
        if (st != nullptr && st->h225) {
            for (int s = 0; s < 2; ++s) {
                const flow::Endpoint& from = s == 0 ? f->initiator : f->responder;
                const flow::Endpoint& to = s == 0 ? f->responder : f->initiator;
                h323::H323Context ctx{f->id, f->input_id, 0, f->last_ts, core::format_ip(from.address()),
                                      core::format_ip(to.address()), &h245_addresses_, nullptr, &h245_media_};
                st->tcp[static_cast<std::size_t>(s)].flush(
                    [&](core::Bytes data, bool after_gap) { st->h225->on_data(s, data, after_gap, ctx, sink_); });
            }
        }
        if (st != nullptr && st->tls) {
            for (int s = 0; s < 2; ++s) {
                st->tcp[static_cast<std::size_t>(s)].flush([&](core::Bytes data, bool after_gap) {
                    st->tls->on_data(s, data, after_gap, f->last_ts);
                });
            }
            tls::FlowContext ctx{f->id, f->input_id, f->responder.port};
            // The ClientHello sender is the client, whoever sent the first packet.
            if (st->tls->client_direction() == 1) ctx.server_port = f->initiator.port;
            tls::emit_tls_facts(st->tls->facts(), ctx, sink_);
            for (const auto& a : st->tls->anomalies())
                sink_.add(facts::AnomalyRow{f->input_id, f->id, a.ts, a.name, a.detail, std::nullopt, 1});
        }
        if (st != nullptr && st->stun) {
            for (int s = 0; s < 2; ++s)
                st->tcp[static_cast<std::size_t>(s)].flush([&](core::Bytes data, bool after_gap) {
                    st->stun->on_stream(s, data, after_gap, f->last_ts, 0);
                });
            st->stun->emit(f->id, f->input_id, sink_);
        }
        if (st != nullptr && st->dtls) {
            tls::FlowContext ctx{f->id, f->input_id, f->responder.port, true};
            if (st->dtls->facts().client_dir == 1) ctx.server_port = f->initiator.port;
            tls::emit_tls_facts(st->dtls->facts(), ctx, sink_);
            for (const auto& a : st->dtls->facts().anomalies)
                sink_.add(facts::AnomalyRow{f->input_id, f->id, a.ts, a.name, a.detail, std::nullopt, 1});
        }
        if (st != nullptr && st->tcp[0].gaps() + st->tcp[1].gaps() > 0) {
            sink_.add(facts::AnomalyRow{f->input_id, f->id, f->last_ts, "tcp_gap",
                                        std::to_string(st->tcp[0].gaps() + st->tcp[1].gaps()) +
                                            " hole(s) in the byte stream",
                                        std::nullopt, 1});
        }
        facts::FlowRow row;
        row.flow_id = f->id;
        row.input_id = f->input_id;
        row.transport = std::string(transport_name(f->protocol));
        bool swap = st != nullptr && ((st->tls && st->tls->client_hello() && st->tls->client_direction() == 1) ||
                                      (st->dtls && st->dtls->facts().client_hello && st->dtls->facts().client_dir == 1));
        const flow::Endpoint& src = swap ? f->responder : f->initiator;
        const flow::Endpoint& dst = swap ? f->initiator : f->responder;
        row.src_ip = core::format_ip(src.address());
        row.src_port = src.port;
        row.dst_ip = core::format_ip(dst.address());
        row.dst_port = dst.port;
        row.first_ts = f->first_ts;
        row.last_ts = f->last_ts;
        row.packets = f->packets;
        row.bytes = f->bytes;
        if (!f->app.empty()) row.app = f->app;
        row.src_packets = swap ? f->responder_packets : f->initiator_packets;
        row.dst_packets = swap ? f->initiator_packets : f->responder_packets;
        row.first_frame = f->first_frame;
        sink_.add(row);
    }
}

void TrafficAnalyzer::finish() {
    close_flows(flows_.in_order());
    if (fragments_.pending() > 0) {
        facts::AnomalyRow a;
        a.input_id = last_input_id_;
        a.name = "ip_fragment_incomplete";
        a.detail = std::to_string(fragments_.pending()) + " fragmented datagram(s) missing pieces at the end of the capture";
        a.count = static_cast<std::int64_t>(fragments_.pending());
        sink_.add(a);
    }
    sip_auth_.finish();
    rtp_.emit(sink_);
    stats_.flows = flows_.created();
    sink_.finish();
}

}  // namespace vca::probes::traffic
