#include "probes/sip/sip_stream.hpp"

#include "probes/sip/sip_parser.hpp"

namespace vca::probes::sip {
namespace {

void anomaly(const SipContext& ctx, facts::FactSink& sink, std::string name, std::string detail) {
    sink.add(facts::AnomalyRow{ctx.input_id, ctx.flow_id, ctx.ts, std::move(name), std::move(detail), ctx.frame, 1});
}

// After a gap or a bad message, resume at the next line that starts a SIP
// message; returns how many bytes to drop (all of them if none is found).
std::size_t resync(const std::vector<std::uint8_t>& b) {
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i > 0 && b[i - 1] != '\n') continue;
        if (looks_like_sip(core::Bytes(b.data() + i, b.size() - i))) return i;
    }
    return b.size();
}

}  // namespace

SipStream::SipStream(std::size_t max_buffer) : max_buffer_(max_buffer) {}

void SipStream::on_data(int direction, core::Bytes data, bool after_gap, const SipContext& ctx,
                        facts::FactSink& sink) {
    Side& side = sides_[static_cast<std::size_t>(direction & 1)];
    if (after_gap) {
        if (!side.buffer.empty())
            anomaly(ctx, sink, "sip_stream_gap", "bytes missing inside a SIP message; it is skipped");
        side.buffer.clear();
        side.lost = true;
    }
    if (side.buffer.size() + data.size() > max_buffer_) {
        anomaly(ctx, sink, "sip_buffer_limit", "an incomplete SIP message grew past the stream buffer limit");
        side.buffer.clear();
        side.lost = true;
        if (data.size() > max_buffer_) return;
    }
    side.buffer.insert(side.buffer.end(), data.begin(), data.end());
    parse(side, ctx, sink);
}

void SipStream::parse(Side& side, const SipContext& ctx, facts::FactSink& sink) {
    std::size_t used = 0;
    for (;;) {
        if (side.lost) {
            std::vector<std::uint8_t> rest(side.buffer.begin() + static_cast<std::ptrdiff_t>(used), side.buffer.end());
            std::size_t skip = resync(rest);
            used += skip;
            if (skip == rest.size()) break;
            side.lost = false;
        }
        core::Bytes pending(side.buffer.data() + used, side.buffer.size() - used);
        if (pending.empty()) break;
        SipParseResult r = parse_sip_message(pending, false);
        if (r.status == ParseStatus::NeedMore) {
            used += r.consumed;  // keep-alive CRLFs
            break;
        }
        if (r.status == ParseStatus::Invalid) {
            anomaly(ctx, sink, "sip_malformed", r.error.empty() ? "not a SIP message" : std::string(r.error));
            side.lost = true;
            used += 1;  // move past the bad start; resync finds the next message
            continue;
        }
        emit_sip_message(r.msg, ctx, sink);
        used += r.consumed;
    }
    side.buffer.erase(side.buffer.begin(), side.buffer.begin() + static_cast<std::ptrdiff_t>(used));
}

}  // namespace vca::probes::sip
