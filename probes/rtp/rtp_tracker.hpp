// RtpTracker: RTP/SRTP streams across every UDP flow of one input, one
// aggregate per (flow, direction, SSRC) as RFC 3550 defines a stream, never
// per-packet rows. A flow the signalling names as media is believed from its
// first packet; elsewhere a stream counts only once two packets of the same
// SSRC and payload type follow each other in sequence (RFC 3550 A.1's
// MIN_SEQUENTIAL), so random UDP that happens to look like RTP makes none.
// RTCP compounds (RFC 3550 §6) are counted against the stream of their sender.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/rtp/encryption_verdict.hpp"
#include "probes/rtp/payload_stats.hpp"
#include "auditor/facts/rows.hpp"
#include "probes/rtp/rtp_sequence.hpp"

namespace vca::probes::rtp {

// Packets, in sequence, that confirm a stream on a flow without a hint.
inline constexpr std::int64_t kConfirmPackets = 2;
// Largest sequence step between confirming packets (a few lost between them).
inline constexpr std::uint16_t kMaxConfirmStep = 10;

// What on_datagram made of a datagram.
enum class Seen {
    NotMedia,   // neither RTP nor RTCP (or a stream beyond the limit)
    Candidate,  // looks like RTP; waiting for the packet that confirms it
    Rtp,        // counted in a stream
    Rtcp,       // an RTCP compound
};

class RtpTracker {
public:
    explicit RtpTracker(std::int64_t input_id = 0) : input_id_(input_id) {}
    // The input whose packets come next (anomaly rows name it).
    void set_input_id(std::int64_t input_id) { input_id_ = input_id; }

    // One UDP payload of flow `flow_id`; `direction` 0 from the flow's
    // initiator, 1 towards it. Addresses and ports are this datagram's own.
    Seen on_datagram(std::int64_t flow_id, int direction, const std::string& src_ip, std::uint16_t src_port,
                     const std::string& dst_ip, std::uint16_t dst_port, core::Bytes payload, double ts,
                     std::int64_t frame, Hint hint);

    // A dynamic payload type's clock rate as the signalling told it (SDP
    // a=rtpmap), so jitter can be computed for it on this flow.
    void set_clock_rate(std::int64_t flow_id, std::uint8_t payload_type, std::uint32_t hz);

    // One rtp_streams row per stream (ordered by first frame), then the anomalies of limits hit.
    void emit(facts::FactSink& sink) const;

    // Flows that are over (idle): the rows of their streams, ordered as emit()
    // orders them, are written now and everything kept for those flows is
    // freed, so the tracker holds only the streams of flows still in progress.
    void close_flows(const std::vector<std::int64_t>& flow_ids, facts::FactSink& sink);

    // The rows emit() writes, in the same order.
    [[nodiscard]] std::vector<facts::RtpStreamRow> rows() const;
    [[nodiscard]] std::size_t stream_count() const { return streams_.size(); }

private:
    struct Key {
        std::int64_t flow_id = 0;
        int direction = 0;
        std::uint32_t ssrc = 0;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    struct Candidate {  // packets before a stream is confirmed
        std::uint16_t first_seq = 0, last_seq = 0;
        std::uint8_t payload_type = 0;
        std::int64_t packets = 0, bytes = 0, first_frame = 0;
        double first_ts = 0, last_ts = 0;
        std::uint32_t last_timestamp = 0;  // RTP timestamp of the last one
    };
    struct Stream {
        std::string src_ip, dst_ip;
        std::uint16_t src_port = 0, dst_port = 0;
        std::int64_t packets = 0, bytes = 0, first_frame = 0, rtcp_packets = 0;
        double first_ts = 0, last_ts = 0;
        std::array<std::uint32_t, 128> per_type{};  // packets per payload type
        SequenceTracker sequence;
        JitterEstimator jitter;
        PayloadStats payload;
        bool have_previous = false;
        std::uint8_t previous_type = 0;
        std::uint32_t previous_timestamp = 0;
        Hint hint = Hint::Unknown;
    };
    struct Limited {  // one limit's anomaly: how often, and where first
        std::int64_t count = 0, flow_id = 0, frame = 0;
        double ts = 0;
        void hit(std::int64_t flow, double when, std::int64_t at, std::int64_t n = 1);
    };

    Seen on_rtcp(const Key& key, const std::string& src_ip, core::Bytes payload);
    Stream* open_stream(const Key& key, const std::string& src_ip, std::uint16_t src_port, const std::string& dst_ip,
                        std::uint16_t dst_port, const Candidate& start, double ts, std::int64_t frame);
    void account(Stream& s, std::int64_t flow_id, std::uint8_t payload_type, std::uint16_t seq,
                 std::uint32_t timestamp, core::Bytes datagram, core::Bytes rtp_payload, double ts, Hint hint);
    [[nodiscard]] std::uint32_t clock_rate(std::int64_t flow_id, std::uint8_t payload_type) const;
    [[nodiscard]] facts::RtpStreamRow row_of(const Key& key, const Stream& s) const;

    std::int64_t input_id_ = 0;
    std::unordered_map<Key, Stream, KeyHash> streams_;
    std::unordered_map<Key, Candidate, KeyHash> candidates_;
    std::unordered_map<std::uint32_t, Key> first_stream_of_ssrc_;  // RTCP sent from another port
    std::unordered_map<std::uint64_t, std::uint32_t> clock_rates_;  // (flow_id << 7 | payload type) -> Hz
    Limited stream_limit_, candidate_limit_, clock_rate_limit_;
    std::int64_t unmatched_rtcp_ = 0;
};

}  // namespace vca::probes::rtp
