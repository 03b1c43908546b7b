#include "probes/h323/h225_stream.hpp"

#include "probes/h323/h245_facts.hpp"
#include "probes/h323/tpkt.hpp"

namespace vca::probes::h323 {
namespace {

void anomaly(const H323Context& ctx, facts::FactSink& sink, std::string name, std::string detail) {
    sink.add(facts::AnomalyRow{ctx.input_id, ctx.flow_id, ctx.ts, std::move(name), std::move(detail), ctx.frame, 1});
}

// Offset of the next plausible TPKT start in `b`. When there is none, the
// last bytes that could still begin one (a header split by the segment) are
// kept: the offset then points at them.
bool looks_like_start(core::Bytes b, TpktContent content) {
    return content == TpktContent::Q931 ? looks_like_h225_tpkt(b) : looks_like_h245_tpkt(b);
}

std::size_t resync(core::Bytes b, TpktContent content) {
    for (std::size_t i = 0; i < b.size(); ++i) {
        const core::Bytes rest = b.subspan(i);
        if (rest.size() <= kTpktHeaderBytes) return i;  // too short to judge yet
        if (looks_like_start(rest, content)) return i;
    }
    return b.size();
}

}  // namespace

H225Stream::H225Stream(TpktContent content, std::size_t max_buffer) : content_(content), max_buffer_(max_buffer) {}

std::string H225Stream::anomaly_name(std::string_view what) const {
    return std::string(content_ == TpktContent::Q931 ? "h225_" : "h245_") + std::string(what);
}

void H225Stream::on_data(int direction, core::Bytes data, bool after_gap, const H323Context& ctx,
                         facts::FactSink& sink) {
    Side& side = sides_[static_cast<std::size_t>(direction & 1)];
    if (after_gap) {
        if (!side.buffer.empty())
            anomaly(ctx, sink, anomaly_name("stream_gap"), "bytes missing inside a TPKT; it is skipped");
        side.buffer.clear();
        side.lost = true;
    }
    if (side.buffer.size() + data.size() > max_buffer_) {
        anomaly(ctx, sink, anomaly_name("buffer_limit"), "an incomplete TPKT grew past the stream buffer limit");
        side.buffer.clear();
        side.lost = true;
        if (data.size() > max_buffer_) return;
    }
    side.buffer.insert(side.buffer.end(), data.begin(), data.end());
    parse(side, ctx, sink);
}

void H225Stream::parse(Side& side, const H323Context& ctx, facts::FactSink& sink) {
    std::size_t used = 0;
    for (;;) {
        core::Bytes pending(side.buffer.data() + used, side.buffer.size() - used);
        if (side.lost) {
            const std::size_t skip = resync(pending, content_);
            used += skip;
            pending = pending.subspan(skip);
            if (!looks_like_start(pending, content_)) break;
            side.lost = false;
        }
        if (pending.empty()) break;
        const TpktResult t = parse_tpkt(pending);
        if (t.status == ParseStatus::NeedMore) break;
        if (t.status == ParseStatus::Invalid) {
            anomaly(ctx, sink, anomaly_name("tpkt_invalid"), std::string(t.error));
            side.lost = true;
            used += 1;  // past the bad start; resync finds the next TPKT
            continue;
        }
        used += t.consumed;
        if (t.payload.empty()) continue;  // empty TPKT: a keep-alive
        ++messages_;
        H323Context with_channels = ctx;
        with_channels.h245_channels = &channels_;
        if (content_ == TpktContent::Q931) (void)emit_h225_message(t.payload, with_channels, sink);
        else emit_h245_pdu(t.payload, with_channels, sink);
    }
    side.buffer.erase(side.buffer.begin(), side.buffer.begin() + static_cast<std::ptrdiff_t>(used));
}

}  // namespace vca::probes::h323
