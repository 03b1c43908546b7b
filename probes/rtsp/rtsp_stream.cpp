#include "probes/rtsp/rtsp_stream.hpp"

#include "probes/rtsp/rtsp_parser.hpp"
#include "probes/rtsp/rtsp_transport.hpp"

namespace vca::probes::rtsp {
namespace {

void anomaly(const RtspContext& ctx, facts::FactSink& sink, std::string name, std::string detail) {
    sink.add(facts::AnomalyRow{ctx.input_id, ctx.flow_id, ctx.ts, std::move(name), std::move(detail), ctx.frame, 1});
}

}  // namespace

RtspStream::RtspStream(std::size_t max_buffer) : max_buffer_(max_buffer) {}

void RtspStream::on_data(int direction, core::Bytes data, bool after_gap, const RtspContext& ctx,
                         facts::FactSink& sink) {
    Side& side = sides_[static_cast<std::size_t>(direction & 1)];
    if (after_gap) {
        if (!side.buffer.empty())
            anomaly(ctx, sink, "rtsp_stream_gap", "bytes missing inside an RTSP element; it is skipped");
        side.buffer.clear();
        side.lost = true;
    }
    if (side.buffer.size() + data.size() > max_buffer_) {
        anomaly(ctx, sink, "rtsp_buffer_limit", "an incomplete RTSP element grew past the stream buffer limit");
        side.buffer.clear();
        side.lost = true;
        if (data.size() > max_buffer_) return;
    }
    side.buffer.insert(side.buffer.end(), data.begin(), data.end());
    parse(side, ctx, sink);
}

// After damage, the next element starts at a line holding an RTSP start
// line, or at a '$' whose channel a SETUP named and whose length leads to
// the end of the bytes held or to another element start. Returns the offset
// (the buffer size when none is found yet).
std::size_t RtspStream::resync(const Side& side, std::size_t from) const {
    const auto& b = side.buffer;
    for (std::size_t i = from; i < b.size(); ++i) {
        const core::Bytes rest(b.data() + i, b.size() - i);
        if (b[i] == '$') {
            if (rest.size() < 4) return i;  // cannot tell yet: wait for more
            if (carried_[rest[1]] == Carried::Unknown) continue;
            const std::size_t next = i + 4 + ((std::size_t{rest[2]} << 8) | rest[3]);
            if (next == b.size() || (next < b.size() && (b[next] == '$' || b[next] == 'R' ||
                                                         (b[next] >= 'A' && b[next] <= 'Z'))))
                return i;
            if (next > b.size()) return i;
            continue;
        }
        if ((i == from || b[i - 1] == '\n') && looks_like_rtsp(rest)) return i;
    }
    return b.size();
}

void RtspStream::learn_channels(const RtspMessageView& m) {
    auto v = m.header("Transport");
    if (!v) return;
    auto t = parse_transport(*v);
    if (!t || !t->interleaved) return;
    const Carried c = t->srtp() ? Carried::Srtp : Carried::Rtp;
    // RFC 2326 §12.39: interleaved=n-m names the RTP channel and its RTCP one.
    for (std::uint32_t ch = t->interleaved->first; ch <= t->interleaved->last && ch < carried_.size(); ++ch)
        carried_[ch] = c;
}

void RtspStream::parse(Side& side, const RtspContext& ctx, facts::FactSink& sink) {
    std::size_t used = 0;
    for (;;) {
        if (side.lost) {
            const std::size_t at = resync(side, used);
            used = at;
            if (at == side.buffer.size()) break;
            side.lost = false;
        }
        const core::Bytes pending(side.buffer.data() + used, side.buffer.size() - used);
        if (pending.empty()) break;
        RtspParseResult r = parse_rtsp_element(pending);
        if (r.status == ParseStatus::NeedMore) {
            used += r.consumed;
            break;
        }
        if (r.status == ParseStatus::Invalid) {
            anomaly(ctx, sink, "rtsp_malformed", std::string(r.error));
            side.lost = true;
            used += 1;  // past the bad start; resync finds the next element
            continue;
        }
        if (r.kind == ElementKind::Interleaved) {
            ChannelCount& c = channels_[r.frame.channel];
            ++c.frames;
            c.bytes += static_cast<std::int64_t>(r.frame.data.size());
            if (ctx.observer != nullptr) {
                const Carried k = carried_[r.frame.channel];
                std::optional<bool> srtp;
                if (k != Carried::Unknown) srtp = k == Carried::Srtp;
                ctx.observer->on_interleaved(r.frame.channel, r.frame.data, srtp, ctx);
            }
        } else {
            ++messages_;
            learn_channels(r.msg);
            emit_rtsp_message(r.msg, ctx, sink);
        }
        used += r.consumed;
    }
    side.buffer.erase(side.buffer.begin(), side.buffer.begin() + static_cast<std::ptrdiff_t>(used));
}

}  // namespace vca::probes::rtsp
