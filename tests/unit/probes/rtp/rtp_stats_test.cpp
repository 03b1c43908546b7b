// Receiver statistics (RFC 3550 A.1, A.3, A.8), payload octet statistics
// and the encrypted decision on synthetic payloads whose answer is known by
// construction.
#include <gtest/gtest.h>

#include <initializer_list>
#include <random>
#include <vector>

#include "probes/rtp/encryption_verdict.hpp"
#include "probes/rtp/payload_stats.hpp"
#include "probes/rtp/rtp_payload_types.hpp"
#include "probes/rtp/rtp_sequence.hpp"
#include "tests/unit/probes/rtp/rtp_packets.hpp"

namespace vca::probes::rtp {
namespace {

using test::view;

void update_all(SequenceTracker& s, std::initializer_list<int> seqs) {
    for (const int seq : seqs) s.update(static_cast<std::uint16_t>(seq));
}

TEST(RtpSequence, WrapIsCountedAndNothingLost) {
    SequenceTracker s;
    s.start(65534, 65534, 1);
    update_all(s, {65535, 0, 1, 2});
    EXPECT_EQ(s.received(), 5);
    EXPECT_EQ(s.expected(), 5);
    EXPECT_EQ(s.lost(), 0);
    EXPECT_EQ(s.cycles(), 1);
}

TEST(RtpSequence, GapsAreLost) {
    SequenceTracker s;
    s.start(100, 100, 1);
    update_all(s, {101, 104, 105});  // 102, 103 missing
    EXPECT_EQ(s.expected(), 6);
    EXPECT_EQ(s.lost(), 2);
}

TEST(RtpSequence, DuplicatesMakeLossNegative) {
    // As in sipp/dtmf_2833_1.pcap: RFC 4733 repeats the end packet three times.
    SequenceTracker s;
    s.start(7984, 7984, 1);
    update_all(s, {7985, 7986, 7987, 7988, 7989, 7990, 7991, 7991, 7991});
    EXPECT_EQ(s.expected(), 8);
    EXPECT_EQ(s.received(), 10);
    EXPECT_EQ(s.lost(), -2);
}

TEST(RtpSequence, ReorderedPacketIsNotLoss) {
    SequenceTracker s;
    s.start(10, 10, 1);
    update_all(s, {12, 11, 13});
    EXPECT_EQ(s.lost(), 0);
}

TEST(RtpSequence, LargeJumpConfirmedByTheNextPacketRestarts) {
    SequenceTracker s;
    s.start(1, 1, 1);
    s.update(2);
    s.update(30000);  // not believed yet (A.1 "bad_seq")
    EXPECT_EQ(s.received(), 2);
    s.update(30001);  // follows the jump: the sender restarted
    s.update(30002);
    EXPECT_EQ(s.resyncs(), 1);
    EXPECT_EQ(s.received(), 4);
    EXPECT_EQ(s.expected(), 4);  // 1-2 before, 30001-30002 after
    EXPECT_EQ(s.lost(), 0);
}

TEST(RtpJitter, RegularArrivalsHaveNone) {
    JitterEstimator j;
    for (int i = 0; i < 50; ++i) j.add(1000.0 + i * 0.020, static_cast<std::uint32_t>(i * 160), 8000);
    ASSERT_TRUE(j.jitter_ms());
    EXPECT_NEAR(*j.jitter_ms(), 0.0, 1e-6);
}

TEST(RtpJitter, OneLatePacketFollowsTheFormula) {
    // Arrivals 0, 20, 45 ms for timestamps 0, 160, 320 at 8 kHz: D = 0, then 5 ms.
    // J = 0 + (0 - 0)/16 = 0; then J = 0 + (5 - 0)/16 = 0.3125 ms.
    JitterEstimator j;
    j.add(0.000, 0, 8000);
    j.add(0.020, 160, 8000);
    j.add(0.045, 320, 8000);
    EXPECT_NEAR(*j.jitter_ms(), 0.3125, 1e-9);
    EXPECT_NEAR(*j.max_jitter_ms(), 0.3125, 1e-9);
}

TEST(RtpJitter, TimestampWrapIsASmallStep) {
    JitterEstimator j;
    j.add(0.000, 0xFFFFFF60U, 8000);
    j.add(0.020, 0x00000000U, 8000);  // 160 ticks later across the wrap
    EXPECT_NEAR(*j.jitter_ms(), 0.0, 1e-9);
}

TEST(RtpJitter, UnknownClockRateGivesNull) {
    JitterEstimator j;
    j.add(0.0, 0, 0);
    j.add(0.02, 960, 0);
    EXPECT_FALSE(j.jitter_ms());
}

TEST(RtpPayloadTypes, StaticTableFollowsRfc3551) {
    ASSERT_TRUE(static_payload_type(0));
    EXPECT_EQ(static_payload_type(0)->name, "PCMU");
    EXPECT_EQ(static_payload_type(8)->name, "PCMA");
    EXPECT_EQ(static_payload_type(9)->clock_rate, 8000u);  // G.722's historical 8 kHz RTP clock
    EXPECT_EQ(static_payload_type(34)->clock_rate, 90000u);
    EXPECT_FALSE(static_payload_type(2));    // reserved
    EXPECT_FALSE(static_payload_type(96));   // dynamic
    EXPECT_FALSE(static_payload_type(200));  // not a payload type
}

// Payload statistics of `packets` payloads made by `make`.
template <typename Make>
PayloadStats stats_of(int packets, Make make) {
    PayloadStats s;
    for (int i = 0; i < packets; ++i) {
        const std::vector<std::uint8_t> p = make(i);
        s.add(view(p));
    }
    return s;
}

TEST(RtpPayloadStats, UniformOctetsLookEncrypted) {
    std::mt19937 rng(7);
    const PayloadStats s = stats_of(120, [&](int) { return test::random_bytes(rng, 170); });
    EXPECT_EQ(s.sampled_bytes(), kSampleBytes);
    EXPECT_EQ(s.head_packets(), 120u);
    EXPECT_LT(*s.chi_square(), kChiSquareUniformMax);
    EXPECT_GT(*s.entropy_bits(), 7.9);
    EXPECT_LT(*s.head_coincidence(), kHeadRandomMax);
    const EncryptionVerdict v = payload_verdict(s);
    EXPECT_EQ(v.encrypted, std::optional<bool>(true));
    EXPECT_EQ(v.basis, "payload");
}

TEST(RtpPayloadStats, ConstantHeaderOctetMeansPlainEvenOverRandomBody) {
    // An Opus-like stream: the same TOC octet, then range-coded (random-looking) octets.
    std::mt19937 rng(11);
    const PayloadStats s = stats_of(60, [&](int) {
        auto p = test::random_bytes(rng, 80);
        p[0] = 0x78;
        return p;
    });
    EXPECT_GT(*s.head_coincidence(), 0.9);
    const EncryptionVerdict v = payload_verdict(s);
    EXPECT_EQ(v.encrypted, std::optional<bool>(false));
    EXPECT_EQ(v.basis, "payload");
}

TEST(RtpPayloadStats, SilenceCodesMeanPlain) {
    // G.711 mu-law silence is 0xFF, with some low-level noise codes.
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> noise(0xF8, 0xFF);
    const PayloadStats s = stats_of(40, [&](int) {
        std::vector<std::uint8_t> p(160);
        for (auto& x : p) x = static_cast<std::uint8_t>(noise(rng));
        return p;
    });
    EXPECT_GT(*s.chi_square(), kChiSquarePlainMin);
    EXPECT_LT(*s.entropy_bits(), 3.1);
    EXPECT_EQ(payload_verdict(s).encrypted, std::optional<bool>(false));
}

TEST(RtpPayloadStats, FewPacketsAreInsufficient) {
    std::mt19937 rng(5);
    const PayloadStats s = stats_of(5, [&](int) { return test::random_bytes(rng, 1000); });
    const EncryptionVerdict v = payload_verdict(s);
    EXPECT_FALSE(v.encrypted);
    EXPECT_EQ(v.basis, "insufficient_data");
}

TEST(RtpPayloadStats, FewOctetsAreInsufficient) {
    std::mt19937 rng(9);
    const PayloadStats s = stats_of(100, [&](int) { return test::random_bytes(rng, 20); });  // 2000 octets
    EXPECT_EQ(payload_verdict(s).basis, "insufficient_data");
}

TEST(RtpPayloadStats, MildSkewIsAmbiguous) {
    // Random octets, about one in 147 replaced by 0x00: a skew
    // between "uniform" and "structured", with random first octets.
    std::mt19937 rng(13);
    std::uniform_int_distribution<int> one_in(0, 146);
    const PayloadStats s = stats_of(100, [&](int) {
        auto p = test::random_bytes(rng, 200);
        for (std::size_t i = 1; i < p.size(); ++i)
            if (one_in(rng) == 0) p[i] = 0;
        return p;
    });
    ASSERT_GT(*s.chi_square(), kChiSquareUniformMax);
    ASSERT_LT(*s.chi_square(), kChiSquarePlainMin);
    const EncryptionVerdict v = payload_verdict(s);
    EXPECT_FALSE(v.encrypted);
    EXPECT_EQ(v.basis, "ambiguous");
}

TEST(RtpPayloadStats, SampleStopsAtItsBound) {
    PayloadStats s;
    std::vector<std::uint8_t> big(4000, 0x55);
    for (int i = 0; i < 300; ++i) s.add(view(big));
    EXPECT_EQ(s.sampled_bytes(), kSampleBytes);
    EXPECT_EQ(s.head_packets(), kHeadSamplePackets);
}

TEST(RtpPayloadStats, TagGuessFromLengthBeyondTimestampStep) {
    PayloadStats plain, srtp;
    for (int i = 0; i < 20; ++i) {
        plain.add_length_step(160, 160);
        srtp.add_length_step(170, 160);  // AES_CM_128_HMAC_SHA1_80: 10-octet tag
    }
    EXPECT_EQ(plain.tag_guess(), std::optional<std::size_t>(0));
    EXPECT_EQ(srtp.tag_guess(), std::optional<std::size_t>(10));
    PayloadStats few;
    few.add_length_step(170, 160);
    EXPECT_FALSE(few.tag_guess());
}

TEST(RtpVerdict, PayloadAnswerWinsOverTheSignalling) {
    std::mt19937 rng(17);
    const PayloadStats random = stats_of(100, [&](int) { return test::random_bytes(rng, 170); });
    const EncryptionVerdict v = decide_encryption(random, Hint::KnownRtp);
    EXPECT_EQ(v.encrypted, std::optional<bool>(true));
    EXPECT_EQ(v.basis, "payload");
}

TEST(RtpVerdict, SignallingDecidesWhenThePayloadCannot) {
    const PayloadStats empty;
    EXPECT_EQ(decide_encryption(empty, Hint::KnownSrtp).encrypted, std::optional<bool>(true));
    EXPECT_EQ(decide_encryption(empty, Hint::KnownSrtp).basis, "sdp_profile");
    EXPECT_EQ(decide_encryption(empty, Hint::KnownRtp).encrypted, std::optional<bool>(false));
    EXPECT_EQ(decide_encryption(empty, Hint::KnownRtp).basis, "sdp_profile");
    EXPECT_EQ(decide_encryption(empty, Hint::KnownDtlsSrtp).encrypted, std::optional<bool>(true));
    EXPECT_EQ(decide_encryption(empty, Hint::KnownDtlsSrtp).basis, "dtls_srtp");
    EXPECT_EQ(decide_encryption(empty, Hint::H245Rtp).encrypted, std::optional<bool>(false));
    EXPECT_EQ(decide_encryption(empty, Hint::H245Rtp).basis, "h245_datatype");
    EXPECT_EQ(decide_encryption(empty, Hint::H245Encrypted).encrypted, std::optional<bool>(true));
    EXPECT_EQ(decide_encryption(empty, Hint::H245Encrypted).basis, "h245_datatype");
    EXPECT_EQ(hint_name(Hint::H245Rtp), "h245_rtp");
    EXPECT_EQ(hint_name(Hint::H245Encrypted), "h245_h235");
    EXPECT_FALSE(decide_encryption(empty, Hint::Unknown).encrypted);
    EXPECT_EQ(decide_encryption(empty, Hint::Unknown).basis, "insufficient_data");
}

}  // namespace
}  // namespace vca::probes::rtp
