// Receiver statistics of one RTP stream as RFC 3550 Appendix A computes
// them: extended sequence numbers and loss (A.1, A.3) and interarrival
// jitter (A.8). Fixed size; nothing grows with the stream.
#pragma once

#include <cstdint>
#include <optional>

namespace vca::probes::rtp {

// A.1 / A.3. Loss is expected minus received, so duplicates can make it
// negative (RFC 3550 §6.4.1 says the same of the cumulative count).
class SequenceTracker {
public:
    // The stream's first `received` packets ran from `first_seq` to `last_seq`
    // in small forward steps (how the tracker confirms a stream).
    void start(std::uint16_t first_seq, std::uint16_t last_seq, std::int64_t received);
    void update(std::uint16_t seq);

    [[nodiscard]] std::int64_t expected() const;
    [[nodiscard]] std::int64_t received() const { return received_before_ + received_; }
    [[nodiscard]] std::int64_t lost() const { return expected() - received(); }
    [[nodiscard]] std::int64_t cycles() const { return cycles_ >> 16; }  // wraps of the 16-bit number
    [[nodiscard]] std::int64_t resyncs() const { return resyncs_; }

private:
    void init(std::uint16_t seq);

    std::uint16_t base_seq_ = 0, max_seq_ = 0;
    std::uint32_t bad_seq_ = kSeqMod + 1;  // never equal to a 16-bit number
    std::int64_t cycles_ = 0;             // count of wraps shifted by 16, as in A.1
    std::int64_t received_ = 0;
    // A.1 restarts the count after a big jump that the next packet confirms
    // (a sender restart); what was counted before is kept here.
    std::int64_t expected_before_ = 0, received_before_ = 0, resyncs_ = 0;

    static constexpr std::uint32_t kSeqMod = 1U << 16;
};

// A.8: J += (|D| - J) / 16, D the change in transit time between two
// packets, in timestamp units; reported in milliseconds.
class JitterEstimator {
public:
    // `arrival` in seconds; `clock_rate` in Hz (0: unknown, packet ignored).
    void add(double arrival, std::uint32_t rtp_timestamp, std::uint32_t clock_rate);

    [[nodiscard]] std::optional<double> jitter_ms() const;
    [[nodiscard]] std::optional<double> max_jitter_ms() const;

private:
    bool have_previous_ = false;
    bool measured_ = false;
    double previous_arrival_ = 0;
    std::uint32_t previous_timestamp_ = 0, previous_clock_ = 0;
    double jitter_ = 0, max_jitter_ = 0;  // seconds
};

}  // namespace vca::probes::rtp
