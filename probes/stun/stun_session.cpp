#include "probes/stun/stun_session.hpp"

#include "auditor/core/limits.hpp"

namespace vca::probes::stun {

void StunSession::count(const StunMessage& m, double ts, std::int64_t frame) {
    if (messages_ == 0) first_ts_ = ts;
    last_ts_ = ts;
    ++messages_;
    switch (m.cls) {
        case StunClass::Request: ++requests_; break;
        case StunClass::Success: ++success_; break;
        case StunClass::Error: ++errors_; break;
        case StunClass::Indication: ++indications_; break;
    }
    if (m.method == kBinding) ++binding_;
    else ++turn_;
    if (m.has_integrity) ++with_integrity_;
    if (!software_ && m.software) software_ = m.software;
    if (m.method == kAllocate && m.cls == StunClass::Success && m.xor_relayed &&
        relays_.size() < core::limits::kMaxTurnRelaysPerFlow) {
        facts::Cells row(8);
        row[1] = ts;
        row[2] = m.xor_relayed->ip;
        row[3] = std::int64_t{m.xor_relayed->port};
        if (m.xor_mapped) {
            row[4] = m.xor_mapped->ip;
            row[5] = std::int64_t{m.xor_mapped->port};
        }
        if (m.lifetime) row[6] = std::int64_t{*m.lifetime};
        row[7] = frame;
        relays_.push_back(std::move(row));
    }
}

void StunSession::on_datagram(core::Bytes datagram, double ts, std::int64_t frame) {
    if (channel_data_length(datagram, false) != 0) {
        ++channel_data_;
        return;
    }
    StunMessage m;
    if (parse_stun(datagram, m).status == ParseStatus::Ok) count(m, ts, frame);
    else ++malformed_;
}

void StunSession::on_stream(int direction, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    auto& buf = buffers_[static_cast<std::size_t>(direction & 1)];
    bool& lost = lost_[static_cast<std::size_t>(direction & 1)];
    if (after_gap) {
        buf.clear();
        lost = true;  // framing is lost; resume at the next message that looks like STUN
    }
    if (buf.size() + data.size() > core::limits::kMaxStunStreamBuffer) {
        buf.clear();
        lost = true;
        ++malformed_;
        return;
    }
    buf.insert(buf.end(), data.begin(), data.end());
    int& framing = framing_[static_cast<std::size_t>(direction & 1)];
    if (framing < 0 && buf.size() >= 22) {
        core::Bytes all(buf.data(), buf.size());
        framing = !looks_like_stun(all) && looks_like_stun(all.subspan(2)) ? 1 : 0;
    }
    if (framing < 0) return;
    std::size_t used = 0;
    if (framing == 1) {  // RFC 4571: length, then one STUN, DTLS or RTP packet
        while (buf.size() - used >= 2) {
            std::size_t len = (std::size_t{buf[used]} << 8) | buf[used + 1];
            if (buf.size() - used < 2 + len) break;
            core::Bytes packet(buf.data() + used + 2, len);
            if (looks_like_stun(packet)) {
                StunMessage m;
                if (parse_stun(packet, m).status == ParseStatus::Ok) count(m, ts, frame);
                else ++malformed_;
            }
            used += 2 + len;
        }
        buf.erase(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(used));
        return;
    }
    while (used < buf.size()) {
        core::Bytes rest(buf.data() + used, buf.size() - used);
        if (lost) {
            if (!looks_like_stun(rest)) {
                ++used;
                continue;
            }
            lost = false;
        }
        if (std::size_t n = channel_data_length(rest, true); n != 0) {
            ++channel_data_;
            used += n;
            continue;
        }
        if (rest.size() >= 1 && (rest[0] & 0xC0) == 0x40) break;  // ChannelData still arriving
        StunMessage m;
        StunResult r = parse_stun(rest, m);
        if (r.status == ParseStatus::NeedMore) break;
        if (r.status == ParseStatus::Invalid) {
            ++malformed_;
            lost = true;
            ++used;
            continue;
        }
        count(m, ts, frame);
        used += r.consumed;
    }
    buf.erase(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(used));
}

void StunSession::emit(std::int64_t flow_id, std::int64_t input_id, facts::FactSink& sink) const {
    if (messages_ == 0 && channel_data_ == 0) return;
    sink.emit("stun_flows", {flow_id, messages_, requests_, success_, errors_, indications_, binding_, turn_,
                             channel_data_, with_integrity_, facts::opt_text(software_), first_ts_, last_ts_});
    for (auto row : relays_) {
        row[0] = flow_id;
        sink.emit("turn_relays", row);
    }
    if (malformed_ > 0)
        sink.add(facts::AnomalyRow{input_id, flow_id, last_ts_, "stun_malformed",
                                   std::to_string(malformed_) + " STUN message(s) did not parse", std::nullopt,
                                   malformed_});
}

}  // namespace vca::probes::stun
