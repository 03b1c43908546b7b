#include "probes/flow/flow_table.hpp"

#include <algorithm>

namespace vca::probes::flow {
namespace {

bool is_initial_syn(const decode::PacketView& p) {
    return p.protocol == decode::kTcp && (p.tcp_flags & decode::tcp_flags::kSyn) != 0 &&
           (p.tcp_flags & decode::tcp_flags::kAck) == 0;
}

// A retransmitted SYN repeats the initial sequence number; a new connection
// on the same 5-tuple picks another (RFC 9293 §3.4.1).
bool starts_new_connection(const Flow& f, const decode::PacketView& p) {
    return f.tcp_syn_seen ? p.seq != f.tcp_isn : f.tcp_closing;
}

}  // namespace

FlowTable::FlowTable(std::size_t max_flows) : max_flows_(max_flows) {}

Lookup FlowTable::track(const decode::PacketView& p, double ts, std::int64_t input_id,
                        std::int64_t frame) {
    FlowKey key = FlowKey::of(p);
    Endpoint src = source_of(p);
    auto it = flows_.find(key);
    Lookup out;
    if (it != flows_.end() && is_initial_syn(p) && starts_new_connection(*it->second, p)) {
        out.ended = std::move(it->second);
        flows_.erase(it);
        it = flows_.end();
    }
    if (it == flows_.end()) {
        if (flows_.size() >= max_flows_) {
            ++dropped_;
            return out;
        }
        auto flow = std::make_unique<Flow>();
        flow->id = next_id_++;
        flow->input_id = input_id;
        flow->protocol = p.protocol;
        bool syn_ack = (p.tcp_flags & decode::tcp_flags::kSyn) && (p.tcp_flags & decode::tcp_flags::kAck);
        if (p.protocol == decode::kTcp && syn_ack) {
            flow->initiator = destination_of(p);
            flow->responder = src;
        } else {
            flow->initiator = src;
            flow->responder = destination_of(p);
        }
        flow->first_ts = ts;
        flow->first_frame = frame;
        it = flows_.emplace(key, std::move(flow)).first;
        out.created = true;
    }
    Flow& f = *it->second;
    out.flow = &f;
    out.direction = src == f.initiator ? Direction::FromInitiator : Direction::FromResponder;
    if (src == f.initiator && src == f.responder) out.direction = Direction::FromInitiator;
    f.last_ts = std::max(f.last_ts, ts);
    if (ts < f.first_ts) f.first_ts = ts;
    if (p.protocol == decode::kTcp) {
        if (is_initial_syn(p) && !f.tcp_syn_seen) {
            f.tcp_syn_seen = true;
            f.tcp_isn = p.seq;
        }
        if ((p.tcp_flags & (decode::tcp_flags::kFin | decode::tcp_flags::kRst)) != 0) f.tcp_closing = true;
    }
    ++f.packets;
    f.bytes += p.ip_length;
    if (out.direction == Direction::FromInitiator) ++f.initiator_packets; else ++f.responder_packets;
    return out;
}

std::vector<std::unique_ptr<Flow>> FlowTable::take_idle(double before) {
    std::vector<std::unique_ptr<Flow>> out;
    for (auto it = flows_.begin(); it != flows_.end();) {
        if (it->second->last_ts < before) {
            out.push_back(std::move(it->second));
            it = flows_.erase(it);
        } else {
            ++it;
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
    return out;
}

std::vector<Flow*> FlowTable::in_order() const {
    std::vector<Flow*> out;
    out.reserve(flows_.size());
    for (const auto& [key, flow] : flows_) out.push_back(flow.get());
    std::sort(out.begin(), out.end(), [](const Flow* a, const Flow* b) { return a->id < b->id; });
    return out;
}

}  // namespace vca::probes::flow
