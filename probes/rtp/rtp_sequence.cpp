#include "probes/rtp/rtp_sequence.hpp"

#include <cmath>

namespace vca::probes::rtp {
namespace {

// RFC 3550 A.1: a forward jump below this is in order (with loss); a
// backward step within kMaxMisorder is reordering or a duplicate.
constexpr std::uint16_t kMaxDropout = 3000;
constexpr std::uint16_t kMaxMisorder = 100;

}  // namespace

void SequenceTracker::init(std::uint16_t seq) {
    base_seq_ = seq;
    max_seq_ = seq;
    bad_seq_ = kSeqMod + 1;
    cycles_ = 0;
    received_ = 0;
}

void SequenceTracker::start(std::uint16_t first_seq, std::uint16_t last_seq, std::int64_t received) {
    init(first_seq);
    if (last_seq < first_seq) cycles_ += kSeqMod;  // the confirming steps wrapped
    max_seq_ = last_seq;
    received_ = received;
}

void SequenceTracker::update(std::uint16_t seq) {
    const auto udelta = static_cast<std::uint16_t>(seq - max_seq_);
    if (udelta < kMaxDropout) {
        if (seq < max_seq_) cycles_ += kSeqMod;
        max_seq_ = seq;
    } else if (udelta <= kSeqMod - kMaxMisorder) {
        // A very large jump: believe it only when the next packet follows it.
        if (seq == bad_seq_) {
            expected_before_ = expected();
            received_before_ += received_;
            ++resyncs_;
            init(seq);
        } else {
            bad_seq_ = (std::uint32_t{seq} + 1) & (kSeqMod - 1);
            return;  // not counted, as in A.1
        }
    }
    ++received_;
}

std::int64_t SequenceTracker::expected() const {
    // A.3: extended highest sequence number minus the base, plus one.
    const std::int64_t extended_max = cycles_ + max_seq_;
    return expected_before_ + (extended_max - base_seq_ + 1);
}

void JitterEstimator::add(double arrival, std::uint32_t rtp_timestamp, std::uint32_t clock_rate) {
    if (clock_rate == 0) return;
    if (have_previous_ && clock_rate == previous_clock_) {
        // Transit difference: arrival spacing minus timestamp spacing. The
        // timestamp step is taken as signed 32-bit so a wrap stays small.
        const auto ts_step = static_cast<std::int32_t>(rtp_timestamp - previous_timestamp_);
        const double d = (arrival - previous_arrival_) - static_cast<double>(ts_step) / clock_rate;
        jitter_ += (std::fabs(d) - jitter_) / 16.0;
        if (jitter_ > max_jitter_) max_jitter_ = jitter_;
        measured_ = true;
    }
    have_previous_ = true;
    previous_arrival_ = arrival;
    previous_timestamp_ = rtp_timestamp;
    previous_clock_ = clock_rate;
}

std::optional<double> JitterEstimator::jitter_ms() const {
    if (!measured_) return std::nullopt;
    return jitter_ * 1000.0;
}

std::optional<double> JitterEstimator::max_jitter_ms() const {
    if (!measured_) return std::nullopt;
    return max_jitter_ * 1000.0;
}

}  // namespace vca::probes::rtp
