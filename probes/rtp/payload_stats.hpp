// Evidence about a stream's payload octets, gathered in fixed-size counters
// so no payload is ever kept: a histogram of the first payload octets, a
// histogram of each packet's first payload octet, and, for codecs with one
// octet per timestamp tick, how far payload lengths exceed the timestamp step.
// encryption_verdict.hpp turns it into encrypted / plain / undecided.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::rtp {

// Payload octets per stream that enter the histogram: enough for the
// chi-square test to tell ciphertext from compressed media (see the
// thresholds in encryption_verdict.hpp), small enough to count in 16 bits.
inline constexpr std::size_t kSampleBytes = 16 * 1024;
// At most this many from one packet, so one burst of large video packets
// does not make the whole sample.
inline constexpr std::size_t kSampleBytesPerPacket = 256;
// Packets whose first payload octet is counted.
inline constexpr std::size_t kHeadSamplePackets = 256;
// SRTP authentication tags are 4 or 10 octets (RFC 3711 §4.2, RFC 4568
// HMAC_SHA1_32/80) or 16 with AES-GCM (RFC 7714 §7); excesses up to this are counted.
inline constexpr std::size_t kMaxTagOctets = 16;

class PayloadStats {
public:
    // One packet's RTP payload (after the header and any valid padding).
    void add(core::Bytes payload);
    // For an octet-per-tick codec (G.711, G.722): this packet's payload
    // length and the timestamp step from the previous packet of the stream.
    void add_length_step(std::size_t payload_length, std::uint32_t timestamp_step);

    [[nodiscard]] std::size_t sampled_bytes() const { return sampled_; }
    [[nodiscard]] std::size_t head_packets() const { return head_packets_; }
    // Pearson chi-square of the octet histogram against 256 equal bins
    // (255 degrees of freedom); nullopt with no octets.
    [[nodiscard]] std::optional<double> chi_square() const;
    // Shannon entropy of the octet histogram in bits per octet (8 = uniform).
    [[nodiscard]] std::optional<double> entropy_bits() const;
    // Chance that two of the counted packets start with the same octet
    // (coincidence index): 1/256 for uniformly random first octets.
    [[nodiscard]] std::optional<double> head_coincidence() const;
    // The one excess of payload length over timestamp step that most steps
    // share: 0 for plain G.711, the tag length for SRTP. nullopt when fewer
    // than kMinLengthSteps steps were seen or they do not agree.
    [[nodiscard]] std::optional<std::size_t> tag_guess() const;

    static constexpr std::size_t kMinLengthSteps = 8;

private:
    std::array<std::uint16_t, 256> octets_{};
    std::array<std::uint16_t, 256> heads_{};
    std::size_t sampled_ = 0, head_packets_ = 0;
    std::array<std::uint32_t, kMaxTagOctets + 1> excess_{};
    std::uint32_t length_steps_ = 0;
};

static_assert(kSampleBytes <= 0xFFFF && kHeadSamplePackets <= 0xFFFF, "histogram counters are 16-bit");

}  // namespace vca::probes::rtp
