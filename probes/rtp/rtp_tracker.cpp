#include "probes/rtp/rtp_tracker.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_set>

#include "auditor/core/limits.hpp"
#include "probes/rtp/rtp_header.hpp"
#include "probes/rtp/rtp_payload_types.hpp"

namespace vca::probes::rtp {
namespace {

namespace limits = core::limits;

// Timestamp steps longer than this (one second at 8 kHz) are talk-spurt
// gaps, not one packet's worth of samples.
constexpr std::uint32_t kMaxLengthStep = 8000;

std::uint64_t clock_key(std::int64_t flow_id, std::uint8_t payload_type) {
    return (static_cast<std::uint64_t>(flow_id) << 7) | payload_type;
}

// Row order: by first frame, so output does not depend on hash-table order.
bool first_seen_first(const facts::RtpStreamRow& a, const facts::RtpStreamRow& b) {
    return std::tie(a.first_frame, a.flow_id, a.direction, a.ssrc) <
           std::tie(b.first_frame, b.flow_id, b.direction, b.ssrc);
}

bool in_sequence(std::uint16_t previous, std::uint16_t next) {
    const auto step = static_cast<std::uint16_t>(next - previous);
    return step >= 1 && step <= kMaxConfirmStep;
}

}  // namespace

std::size_t RtpTracker::KeyHash::operator()(const Key& k) const {
    // splitmix64 finaliser over the three fields: cheap and well spread.
    std::uint64_t x = static_cast<std::uint64_t>(k.flow_id) * 0x9E3779B97F4A7C15ULL;
    x ^= (std::uint64_t{k.ssrc} << 1) | static_cast<std::uint64_t>(k.direction & 1);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<std::size_t>(x ^ (x >> 31));
}

void RtpTracker::Limited::hit(std::int64_t flow, double when, std::int64_t at, std::int64_t n) {
    if (count == 0) {
        flow_id = flow;
        ts = when;
        frame = at;
    }
    count += n;
}

std::uint32_t RtpTracker::clock_rate(std::int64_t flow_id, std::uint8_t payload_type) const {
    if (const auto st = static_payload_type(payload_type)) return st->clock_rate;
    if (clock_rates_.empty()) return 0;
    const auto it = clock_rates_.find(clock_key(flow_id, payload_type));
    return it == clock_rates_.end() ? 0 : it->second;
}

void RtpTracker::set_clock_rate(std::int64_t flow_id, std::uint8_t payload_type, std::uint32_t hz) {
    if (payload_type > 127 || hz == 0) return;
    const std::uint64_t key = clock_key(flow_id, payload_type);
    if (const auto it = clock_rates_.find(key); it != clock_rates_.end()) {
        it->second = hz;
        return;
    }
    if (clock_rates_.size() >= limits::kMaxRtpClockRates) {
        clock_rate_limit_.hit(flow_id, 0, 0);
        return;
    }
    clock_rates_.emplace(key, hz);
}

Seen RtpTracker::on_datagram(std::int64_t flow_id, int direction, const std::string& src_ip, std::uint16_t src_port,
                             const std::string& dst_ip, std::uint16_t dst_port, core::Bytes payload, double ts,
                             std::int64_t frame, Hint hint) {
    // RFC 7983 §7: RTP and RTCP start with 128-191; STUN, DTLS, ZRTP and TURN
    // ChannelData sharing the port start lower.
    if (payload.empty() || payload[0] < 128 || payload[0] > 191) return Seen::NotMedia;
    const bool known = hint != Hint::Unknown;
    if (rtcp_by_second_octet(payload)) {
        // RFC 3550 §6 puts RTCP's sender SSRC at octets 4-7; the key's SSRC is filled there.
        return on_rtcp(Key{flow_id, direction & 1, 0}, src_ip, payload);
    }
    RtpHeader h;
    if (parse_rtp(payload, h).status != ParseStatus::Ok) return Seen::NotMedia;

    const Key key{flow_id, direction & 1, h.ssrc};
    if (const auto it = streams_.find(key); it != streams_.end()) {
        // A known stream keeps every packet its header reads for, e.g. SRTP
        // with the P bit, whose encrypted padding count looks impossible.
        account(it->second, flow_id, h.payload_type, h.sequence, h.timestamp, payload, h.payload, ts, hint);
        return Seen::Rtp;
    }
    if (!known && !looks_like_rtp(payload)) return Seen::NotMedia;

    const Candidate here{h.sequence, h.sequence, h.payload_type, 1, static_cast<std::int64_t>(payload.size()),
                         frame, ts, ts, h.timestamp};
    const auto cand = candidates_.find(key);
    const bool follows = cand != candidates_.end() && cand->second.payload_type == h.payload_type &&
                         in_sequence(cand->second.last_seq, h.sequence);
    if (!known) {
        if (cand == candidates_.end()) {
            if (candidates_.size() >= limits::kMaxRtpCandidates) {
                candidate_limit_.hit(flow_id, ts, frame);
                candidates_.clear();
            }
            candidates_.emplace(key, here);
            return Seen::Candidate;
        }
        if (!follows) {  // the run breaks: it starts again here
            cand->second = here;
            return Seen::Candidate;
        }
        if (cand->second.packets + 1 < kConfirmPackets) {
            Candidate& c = cand->second;
            c.last_seq = h.sequence;
            ++c.packets;
            c.bytes += here.bytes;
            c.last_ts = ts;
            c.last_timestamp = h.timestamp;
            return Seen::Candidate;
        }
    }
    // Confirmed by the run, or believed at once on the signalling's word.
    Candidate start{h.sequence, h.sequence, h.payload_type, 0, 0, frame, ts, ts, h.timestamp};
    if (follows) start = cand->second;
    if (cand != candidates_.end()) candidates_.erase(cand);
    Stream* s = open_stream(key, src_ip, src_port, dst_ip, dst_port, start, ts, frame);
    if (s == nullptr) return Seen::NotMedia;
    account(*s, flow_id, h.payload_type, h.sequence, h.timestamp, payload, h.payload, ts, hint);
    return Seen::Rtp;
}

RtpTracker::Stream* RtpTracker::open_stream(const Key& key, const std::string& src_ip, std::uint16_t src_port,
                                            const std::string& dst_ip, std::uint16_t dst_port,
                                            const Candidate& start, double ts, std::int64_t frame) {
    if (streams_.size() >= limits::kMaxRtpStreams) {
        // The packets that would have confirmed it are lost to the analysis too.
        stream_limit_.hit(key.flow_id, ts, frame, start.packets + 1);
        return nullptr;
    }
    Stream& s = streams_[key];
    s.src_ip = src_ip;
    s.dst_ip = dst_ip;
    s.src_port = src_port;
    s.dst_port = dst_port;
    s.packets = start.packets;
    s.bytes = start.bytes;
    s.first_frame = start.packets > 0 ? start.first_frame : frame;
    s.first_ts = start.packets > 0 ? start.first_ts : ts;
    if (start.packets > 0) s.per_type[start.payload_type & 0x7F] += static_cast<std::uint32_t>(start.packets);
    s.sequence.start(start.first_seq, start.last_seq, start.packets);
    if (start.packets > 0) {
        // The run's last packet is the reference for jitter and timestamp steps.
        s.jitter.add(start.last_ts, start.last_timestamp, clock_rate(key.flow_id, start.payload_type));
        s.have_previous = true;
        s.previous_type = start.payload_type;
        s.previous_timestamp = start.last_timestamp;
    }
    first_stream_of_ssrc_.try_emplace(key.ssrc, key);
    return &s;
}

void RtpTracker::account(Stream& s, std::int64_t flow_id, std::uint8_t payload_type, std::uint16_t seq,
                         std::uint32_t timestamp, core::Bytes datagram, core::Bytes rtp_payload, double ts,
                         Hint hint) {
    ++s.packets;
    s.bytes += static_cast<std::int64_t>(datagram.size());
    s.last_ts = ts;
    ++s.per_type[payload_type & 0x7F];
    if (hint != Hint::Unknown) s.hint = hint;
    s.sequence.update(seq);
    s.jitter.add(ts, timestamp, clock_rate(flow_id, payload_type));
    if (s.have_previous && s.previous_type == payload_type) {
        const auto st = static_payload_type(payload_type);
        const std::uint32_t step = timestamp - s.previous_timestamp;
        if (st && st->octet_per_tick && step > 0 && step <= kMaxLengthStep)
            s.payload.add_length_step(rtp_payload.size(), step);
    }
    s.payload.add(rtp_payload);
    s.have_previous = true;
    s.previous_type = payload_type;
    s.previous_timestamp = timestamp;
}

Seen RtpTracker::on_rtcp(const Key& flow_key, const std::string& src_ip, core::Bytes payload) {
    RtcpCompound c;
    if (parse_rtcp(payload, c).status != ParseStatus::Ok) return Seen::NotMedia;
    Key key = flow_key;
    key.ssrc = c.sender_ssrc;
    auto it = streams_.find(key);
    if (it == streams_.end()) {
        // Without RFC 5761 multiplexing RTCP travels on the next port up: a
        // flow of its own, from the same host.
        if (const auto by_ssrc = first_stream_of_ssrc_.find(c.sender_ssrc); by_ssrc != first_stream_of_ssrc_.end()) {
            it = streams_.find(by_ssrc->second);
            if (it != streams_.end() && it->second.src_ip != src_ip) it = streams_.end();
        }
    }
    if (it != streams_.end()) ++it->second.rtcp_packets;
    else ++unmatched_rtcp_;
    return Seen::Rtcp;
}

facts::RtpStreamRow RtpTracker::row_of(const Key& key, const Stream& s) const {
    facts::RtpStreamRow r;
    r.flow_id = key.flow_id;
    r.ssrc = key.ssrc;
    r.direction = key.direction;
    r.src_ip = s.src_ip;
    r.src_port = s.src_port;
    r.dst_ip = s.dst_ip;
    r.dst_port = s.dst_port;
    r.packets = s.packets;
    r.bytes = s.bytes;
    r.first_ts = s.first_ts;
    r.last_ts = s.last_ts;
    r.first_frame = s.first_frame;
    // The type most packets carried; the lowest on a tie, so output is stable.
    std::size_t main_type = 0;
    for (std::size_t pt = 0; pt < s.per_type.size(); ++pt) {
        if (s.per_type[pt] > s.per_type[main_type]) main_type = pt;
        if (s.per_type[pt] == 0) continue;
        if (!r.payload_types.empty()) r.payload_types += ',';
        r.payload_types += std::to_string(pt);
    }
    r.payload_type = static_cast<std::int64_t>(main_type);
    const auto pt = static_cast<std::uint8_t>(main_type);
    if (const auto st = static_payload_type(pt)) r.codec = std::string(st->name);
    if (const std::uint32_t hz = clock_rate(key.flow_id, pt); hz != 0) r.clock_rate = hz;
    r.lost = s.sequence.lost();
    r.seq_cycles = s.sequence.cycles();
    r.jitter_ms = s.jitter.jitter_ms();
    r.max_jitter_ms = s.jitter.max_jitter_ms();
    r.rtcp_packets = s.rtcp_packets;
    if (const auto tag = s.payload.tag_guess()) r.srtp_auth_tag_bytes = static_cast<std::int64_t>(*tag);
    r.entropy_bits = s.payload.entropy_bits();
    r.payload_chi2 = s.payload.chi_square();
    r.sampled_bytes = static_cast<std::int64_t>(s.payload.sampled_bytes());
    if (s.hint != Hint::Unknown) r.signalled = std::string(hint_name(s.hint));
    const EncryptionVerdict v = decide_encryption(s.payload, s.hint);
    r.encrypted = v.encrypted;
    r.basis = std::string(v.basis);
    return r;
}

std::vector<facts::RtpStreamRow> RtpTracker::rows() const {
    std::vector<facts::RtpStreamRow> out;
    out.reserve(streams_.size());
    for (const auto& [key, s] : streams_) out.push_back(row_of(key, s));
    std::sort(out.begin(), out.end(), first_seen_first);
    return out;
}

void RtpTracker::close_flows(const std::vector<std::int64_t>& flow_ids, facts::FactSink& sink) {
    if (flow_ids.empty()) return;
    const std::unordered_set<std::int64_t> closed(flow_ids.begin(), flow_ids.end());
    std::vector<facts::RtpStreamRow> out;
    for (auto it = streams_.begin(); it != streams_.end();) {
        if (closed.count(it->first.flow_id) != 0) {
            out.push_back(row_of(it->first, it->second));
            it = streams_.erase(it);
        } else {
            ++it;
        }
    }
    std::erase_if(candidates_, [&](const auto& c) { return closed.count(c.first.flow_id) != 0; });
    std::erase_if(first_stream_of_ssrc_, [&](const auto& s) { return closed.count(s.second.flow_id) != 0; });
    std::erase_if(clock_rates_, [&](const auto& r) {
        return closed.count(static_cast<std::int64_t>(r.first >> 7)) != 0;
    });
    std::sort(out.begin(), out.end(), first_seen_first);
    for (const facts::RtpStreamRow& r : out) sink.add(r);
}

void RtpTracker::emit(facts::FactSink& sink) const {
    for (const facts::RtpStreamRow& r : rows()) sink.add(r);
    if (stream_limit_.count > 0) {
        sink.add(facts::AnomalyRow{input_id_, stream_limit_.flow_id, stream_limit_.ts, "rtp_stream_limit",
                                   std::to_string(stream_limit_.count) + " RTP packet(s) of streams beyond the " +
                                       std::to_string(limits::kMaxRtpStreams) + " tracked were not analysed",
                                   stream_limit_.frame, stream_limit_.count});
    }
    if (candidate_limit_.count > 0) {
        sink.add(facts::AnomalyRow{input_id_, candidate_limit_.flow_id, candidate_limit_.ts, "rtp_candidate_limit",
                                   "the table of " + std::to_string(limits::kMaxRtpCandidates) +
                                       " unconfirmed RTP candidates filled and was emptied " +
                                       std::to_string(candidate_limit_.count) + " time(s)",
                                   candidate_limit_.frame, candidate_limit_.count});
    }
    if (clock_rate_limit_.count > 0) {
        sink.add(facts::AnomalyRow{input_id_, clock_rate_limit_.flow_id, std::nullopt, "rtp_clock_rate_limit",
                                   std::to_string(clock_rate_limit_.count) + " signalled clock rate(s) beyond the " +
                                       std::to_string(limits::kMaxRtpClockRates) + " kept were ignored",
                                   std::nullopt, clock_rate_limit_.count});
    }
}

}  // namespace vca::probes::rtp
