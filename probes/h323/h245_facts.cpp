#include "probes/h323/h245_facts.hpp"

#include "auditor/core/limits.hpp"
#include "probes/h323/h245_decoder.hpp"

namespace vca::probes::h323 {
namespace {

// Keeps the channel's declared encryption, and tells the observer where the
// media of a channel whose encryption is known goes. A Setup's fastStart
// elements are offers (the answer says which are used): only remembered.
void follow_channel(const H245Message& m, const H323Context& ctx, bool offer) {
    if (!m.channel) return;
    if (m.name == "openLogicalChannel" && m.encrypted) {
        if (ctx.h245_channels != nullptr && !offer) ctx.h245_channels->opened(ctx.src_ip, *m.channel, *m.encrypted);
        if (ctx.h245_media != nullptr && !offer && m.media_channel)
            ctx.h245_media->on_h245_media(m.media_channel->ip, m.media_channel->port, *m.encrypted);
        return;
    }
    if (m.name != "openLogicalChannelAck" || !m.media_channel || ctx.h245_channels == nullptr ||
        ctx.h245_media == nullptr)
        return;
    // The Ack answers a channel its receiver opened.
    if (const std::optional<bool> encrypted = ctx.h245_channels->encrypted(ctx.dst_ip, *m.channel))
        ctx.h245_media->on_h245_media(m.media_channel->ip, m.media_channel->port, *encrypted);
}

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
    const H245Message m = decode_h245_message(per);
    emit(m, ctx, "h245", std::nullopt, sink);
    follow_channel(m, ctx, false);
}

void emit_h245_in_h225(const H225Fields& f, const H323Context& ctx, facts::FactSink& sink) {
    for (core::Bytes element : f.h245_control) {
        const H245Message m = decode_h245_message(element);
        emit(m, ctx, "tunnelled", f.call_id, sink);
        follow_channel(m, ctx, false);
    }
    const bool setup = f.message && *f.message == kSetupBody;
    for (core::Bytes element : f.fast_start_elements) {
        const H245Message m = decode_open_logical_channel(element);
        emit(m, ctx, "faststart", f.call_id, sink);
        follow_channel(m, ctx, setup);
    }
}

void H245Channels::opened(const std::string& opener, int channel, bool encrypted) {
    std::erase_if(channels_, [&](const Channel& c) { return c.number == channel && c.opener == opener; });
    if (channels_.size() >= core::limits::kMaxH245ChannelsPerConnection) channels_.pop_front();
    channels_.push_back(Channel{opener, channel, encrypted});
}

std::optional<bool> H245Channels::encrypted(const std::string& opener, int channel) const {
    for (const auto& c : channels_)
        if (c.number == channel && c.opener == opener) return c.encrypted;
    return std::nullopt;
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
