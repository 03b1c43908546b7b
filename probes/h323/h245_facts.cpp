#include "probes/h323/h245_facts.hpp"

#include "probes/h323/h245_decoder.hpp"

namespace vca::probes::h323 {
namespace {

void emit(const H245Message& m, const H323Context& ctx, std::string carrier, const std::optional<std::string>& call_id,
          facts::FactSink& sink) {
    facts::H245MessageRow row;
    row.flow_id = ctx.flow_id;
    row.ts = ctx.ts;
    row.frame = ctx.frame;
    row.carrier = std::move(carrier);
    row.src_ip = ctx.src_ip;
    row.dst_ip = ctx.dst_ip;
    row.call_id = call_id;
    row.kind = m.kind.empty() ? "unknown" : m.kind;
    row.message = m.name.empty() ? "unknown" : m.name;
    if (m.channel) row.channel = *m.channel;
    row.data_type = m.data_type;
    row.media = m.media;
    row.codec = m.codec;
    row.encrypted = m.encrypted;
    if (!m.encryption_algorithms.empty()) row.encryption_algorithms = m.encryption_algorithms;
    row.bidirectional = m.bidirectional;
    if (m.session_id) row.session_id = *m.session_id;
    if (m.media_channel) {
        row.media_addr = m.media_channel->ip;
        row.media_port = m.media_channel->port;
    }
    if (m.media_control) {
        row.control_addr = m.media_control->ip;
        row.control_port = m.media_control->port;
    }
    row.encryption_sync = m.encryption_sync;
    if (!m.undecoded.empty()) {
        row.undecoded = m.undecoded;
        sink.add(facts::AnomalyRow{ctx.input_id, ctx.flow_id, ctx.ts, "h245_undecoded", m.undecoded, ctx.frame, 1});
    }
    sink.add(row);
}

}  // namespace

void emit_h245_pdu(core::Bytes per, const H323Context& ctx, facts::FactSink& sink) {
    emit(decode_h245_message(per), ctx, "h245", std::nullopt, sink);
}

void emit_h245_in_h225(const H225Fields& f, const H323Context& ctx, facts::FactSink& sink) {
    for (core::Bytes element : f.h245_control) emit(decode_h245_message(element), ctx, "tunnelled", f.call_id, sink);
    for (core::Bytes element : f.fast_start_elements)
        emit(decode_open_logical_channel(element), ctx, "faststart", f.call_id, sink);
}

H245AddressBook::H245AddressBook(std::size_t max_addresses) : max_(max_addresses) {}

void H245AddressBook::add(const std::string& address) {
    if (max_ == 0 || known_.contains(address)) return;
    if (order_.size() >= max_) {
        known_.erase(order_.front());
        order_.pop_front();
    }
    order_.push_back(address);
    known_.insert(address);
}

}  // namespace vca::probes::h323
