#include "probes/rtp/payload_stats.hpp"

#include <algorithm>
#include <cmath>

namespace vca::probes::rtp {
namespace {

// A tag guess needs this share of the steps to agree: silence suppression,
// comfort noise and timestamp jumps at talk spurts account for the rest.
constexpr double kTagAgreement = 0.75;

}  // namespace

void PayloadStats::add(core::Bytes payload) {
    if (payload.empty()) return;
    if (head_packets_ < kHeadSamplePackets) {
        ++heads_[payload[0]];
        ++head_packets_;
    }
    const std::size_t take = std::min({payload.size(), kSampleBytesPerPacket, kSampleBytes - sampled_});
    for (std::size_t i = 0; i < take; ++i) ++octets_[payload[i]];
    sampled_ += take;
}

void PayloadStats::add_length_step(std::size_t payload_length, std::uint32_t timestamp_step) {
    ++length_steps_;
    if (payload_length >= timestamp_step && payload_length - timestamp_step <= kMaxTagOctets)
        ++excess_[payload_length - timestamp_step];
}

std::optional<double> PayloadStats::chi_square() const {
    if (sampled_ == 0) return std::nullopt;
    const double expected = static_cast<double>(sampled_) / 256.0;
    double chi = 0;
    for (const std::uint16_t c : octets_) {
        const double d = c - expected;
        chi += d * d / expected;
    }
    return chi;
}

std::optional<double> PayloadStats::entropy_bits() const {
    if (sampled_ == 0) return std::nullopt;
    double h = 0;
    for (const std::uint16_t c : octets_) {
        if (c == 0) continue;
        const double p = static_cast<double>(c) / static_cast<double>(sampled_);
        h -= p * std::log2(p);
    }
    return h;
}

std::optional<double> PayloadStats::head_coincidence() const {
    if (head_packets_ < 2) return std::nullopt;
    double pairs_alike = 0;
    for (const std::uint16_t c : heads_) pairs_alike += static_cast<double>(c) * (c - 1);
    const double n = static_cast<double>(head_packets_);
    return pairs_alike / (n * (n - 1));
}

std::optional<std::size_t> PayloadStats::tag_guess() const {
    if (length_steps_ < kMinLengthSteps) return std::nullopt;
    const auto best = std::max_element(excess_.begin(), excess_.end());
    if (*best < kTagAgreement * length_steps_) return std::nullopt;
    return static_cast<std::size_t>(best - excess_.begin());
}

}  // namespace vca::probes::rtp
