// RtpTracker on hand-built datagrams: stream confirmation, keys, RTCP
// attribution, the facts written, and every limit's anomaly.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "auditor/core/limits.hpp"
#include "probes/rtp/rtp_tracker.hpp"
#include "tests/unit/probes/rtp/rtp_packets.hpp"

namespace vca::probes::rtp {
namespace {

using test::PacketSpec;
using test::rtp_packet;
using test::view;

const std::string kA = "10.0.0.1", kB = "10.0.0.2";

struct Feeder {
    RtpTracker tracker;
    std::int64_t frame = 0;
    Seen send(const std::vector<std::uint8_t>& datagram, std::int64_t flow = 1, int direction = 0,
              Hint hint = Hint::Unknown, double ts = 0, std::uint16_t src_port = 5000) {
        ++frame;
        const bool forward = direction == 0;
        return tracker.on_datagram(flow, direction, forward ? kA : kB, src_port, forward ? kB : kA, 6000,
                                   view(datagram), ts == 0 ? 1000.0 + static_cast<double>(frame) * 0.02 : ts, frame,
                                   hint);
    }
};

PacketSpec spec(std::uint8_t pt, std::uint16_t seq, std::uint32_t ssrc = 0x11223344) {
    PacketSpec s;
    s.payload_type = pt;
    s.seq = seq;
    s.timestamp = static_cast<std::uint32_t>(seq) * 160;
    s.ssrc = ssrc;
    return s;
}

const std::vector<std::uint8_t> kSilence(160, 0xD5);  // G.711 A-law silence

TEST(RtpTracker, OnePacketMakesNoStream) {
    Feeder f;
    EXPECT_EQ(f.send(rtp_packet(spec(8, 1), kSilence)), Seen::Candidate);
    EXPECT_EQ(f.tracker.stream_count(), 0u);
    facts::MemorySink sink;
    f.tracker.emit(sink);
    EXPECT_TRUE(sink.rows.empty());
}

TEST(RtpTracker, TwoPacketsInSequenceConfirmAndBothCount) {
    Feeder f;
    f.send(rtp_packet(spec(8, 100), kSilence));
    EXPECT_EQ(f.send(rtp_packet(spec(8, 101), kSilence)), Seen::Rtp);
    const auto rows = f.tracker.rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].packets, 2);
    EXPECT_EQ(rows[0].bytes, 2 * (12 + 160));
    EXPECT_EQ(rows[0].first_frame, 1);
    EXPECT_EQ(rows[0].ssrc, 0x11223344);
    EXPECT_EQ(rows[0].src_ip, kA);
    EXPECT_EQ(rows[0].dst_port, 6000);
    EXPECT_EQ(rows[0].lost, 0);
    EXPECT_EQ(rows[0].codec, std::optional<std::string>("PCMA"));
}

TEST(RtpTracker, SequenceJumpRestartsTheRun) {
    Feeder f;
    f.send(rtp_packet(spec(8, 100), kSilence));
    EXPECT_EQ(f.send(rtp_packet(spec(8, 5000), kSilence)), Seen::Candidate);
    EXPECT_EQ(f.tracker.stream_count(), 0u);
    EXPECT_EQ(f.send(rtp_packet(spec(8, 5001), kSilence)), Seen::Rtp);
    EXPECT_EQ(f.tracker.rows()[0].packets, 2);  // the run from 5000
}

TEST(RtpTracker, PayloadTypeChangeDoesNotConfirm) {
    Feeder f;
    f.send(rtp_packet(spec(8, 100), kSilence));
    EXPECT_EQ(f.send(rtp_packet(spec(0, 101), kSilence)), Seen::Candidate);
    EXPECT_EQ(f.tracker.stream_count(), 0u);
}

TEST(RtpTracker, RandomUdpMakesNoStreams) {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> length(12, 300), flow(1, 20);
    Feeder f;
    int candidates = 0;
    for (int i = 0; i < 20000; ++i) {
        auto d = test::random_bytes(rng, static_cast<std::size_t>(length(rng)));
        if (f.send(d, flow(rng), i & 1) == Seen::Candidate) ++candidates;
    }
    EXPECT_GT(candidates, 1000);  // the sniff alone lets many through...
    EXPECT_EQ(f.tracker.stream_count(), 0u);  // ...confirmation stops them
}

TEST(RtpTracker, SignalledFlowIsBelievedFromItsFirstPacket) {
    Feeder f;
    EXPECT_EQ(f.send(rtp_packet(spec(96, 7), {1, 2, 3}), 1, 0, Hint::KnownSrtp), Seen::Rtp);
    const auto rows = f.tracker.rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].packets, 1);
    EXPECT_EQ(rows[0].encrypted, std::optional<bool>(true));
    EXPECT_EQ(rows[0].basis, "sdp_profile");
    EXPECT_EQ(rows[0].signalled, std::optional<std::string>("sdp_srtp"));
    EXPECT_FALSE(rows[0].codec);
    EXPECT_FALSE(rows[0].jitter_ms);  // dynamic type, no clock rate told
}

TEST(RtpTracker, SignalledFlowStillIgnoresStunAndDtls) {
    Feeder f;
    std::vector<std::uint8_t> stun = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    std::vector<std::uint8_t> dtls = {0x16, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
    EXPECT_EQ(f.send(stun, 1, 0, Hint::KnownDtlsSrtp), Seen::NotMedia);
    EXPECT_EQ(f.send(dtls, 1, 0, Hint::KnownDtlsSrtp), Seen::NotMedia);
    EXPECT_EQ(f.tracker.stream_count(), 0u);
}

TEST(RtpTracker, DirectionsAndFlowsAreSeparateStreams) {
    Feeder f;
    for (std::uint16_t seq = 1; seq <= 3; ++seq) {
        f.send(rtp_packet(spec(0, seq), kSilence), 1, 0);
        f.send(rtp_packet(spec(0, seq), kSilence), 1, 1);  // same SSRC the other way
        f.send(rtp_packet(spec(0, seq), kSilence), 2, 0);  // and on another flow
    }
    EXPECT_EQ(f.tracker.stream_count(), 3u);
}

TEST(RtpTracker, MainPayloadTypeAndTheOthersSeen) {
    Feeder f;
    for (std::uint16_t seq = 1; seq <= 10; ++seq) f.send(rtp_packet(spec(8, seq), kSilence));
    f.send(rtp_packet(spec(13, 11), {0x40}));  // comfort noise
    f.send(rtp_packet(spec(13, 12), {0x40}));
    const auto rows = f.tracker.rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].payload_type, 8);
    EXPECT_EQ(rows[0].payload_types, "8,13");
    EXPECT_EQ(rows[0].packets, 12);
    EXPECT_EQ(rows[0].clock_rate, std::optional<std::int64_t>(8000));
}

TEST(RtpTracker, LossFromSequenceGaps) {
    Feeder f;
    for (const int seq : {1, 2, 3, 6, 7}) f.send(rtp_packet(spec(8, static_cast<std::uint16_t>(seq)), kSilence));
    EXPECT_EQ(f.tracker.rows()[0].lost, 2);
}

TEST(RtpTracker, ToldClockRateGivesJitterForDynamicTypes) {
    Feeder f;
    f.tracker.set_clock_rate(1, 111, 48000);
    for (std::uint16_t seq = 1; seq <= 5; ++seq) {
        PacketSpec s = spec(111, seq);
        s.timestamp = seq * 960U;
        f.send(rtp_packet(s, {0x78, 1, 2}), 1, 0, Hint::Unknown, 100.0 + seq * 0.02);
    }
    const auto rows = f.tracker.rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].clock_rate, std::optional<std::int64_t>(48000));
    ASSERT_TRUE(rows[0].jitter_ms);
    EXPECT_NEAR(*rows[0].jitter_ms, 0.0, 1e-6);
}

TEST(RtpTracker, SrtpLikeG711StreamIsEncryptedWithItsTag) {
    std::mt19937 rng(1);
    Feeder f;
    for (std::uint16_t seq = 1; seq <= 120; ++seq) f.send(rtp_packet(spec(0, seq), test::random_bytes(rng, 170)));
    const auto rows = f.tracker.rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].encrypted, std::optional<bool>(true));
    EXPECT_EQ(rows[0].basis, "payload");
    EXPECT_EQ(rows[0].srtp_auth_tag_bytes, std::optional<std::int64_t>(10));
    EXPECT_FALSE(rows[0].signalled);
}

// RTCP receiver report from `ssrc` (RFC 3550 §6.4.2, no report blocks).
std::vector<std::uint8_t> receiver_report(std::uint32_t ssrc) {
    std::vector<std::uint8_t> b = {0x80, 201, 0x00, 0x01};
    test::put32(b, ssrc);
    return b;
}

TEST(RtpTracker, RtcpCountsForTheStreamOfItsSender) {
    Feeder f;
    for (std::uint16_t seq = 1; seq <= 3; ++seq) f.send(rtp_packet(spec(8, seq, 0xAAAA0001), kSilence));
    EXPECT_EQ(f.send(receiver_report(0xAAAA0001)), Seen::Rtcp);                 // multiplexed (RFC 5761)
    EXPECT_EQ(f.send(receiver_report(0xAAAA0001), 9, 0, Hint::Unknown, 0, 5001), Seen::Rtcp);  // port + 1, same host
    EXPECT_EQ(f.send(receiver_report(0xAAAA0001), 10, 1), Seen::Rtcp);          // from the other host: not its sender
    EXPECT_EQ(f.send(receiver_report(0xBBBB0002)), Seen::Rtcp);                 // unknown sender
    const auto rows = f.tracker.rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].rtcp_packets, 2);
}

TEST(RtpTracker, EmitWritesOneRowPerStreamInFrameOrder) {
    Feeder f;
    for (std::uint16_t seq = 1; seq <= 2; ++seq) f.send(rtp_packet(spec(8, seq, 2), kSilence), 2);
    for (std::uint16_t seq = 1; seq <= 2; ++seq) f.send(rtp_packet(spec(8, seq, 1), kSilence), 1);
    facts::MemorySink sink;
    f.tracker.emit(sink);
    ASSERT_EQ(sink.count("rtp_streams"), 2u);
    EXPECT_EQ(std::get<std::int64_t>(sink.rows[0].cells[0]), 2);  // flow 2 started first
    EXPECT_EQ(sink.rows[0].cells.size(), facts::RtpStreamRow{}.cells().size());
    EXPECT_EQ(sink.count("anomalies"), 0u);
}

TEST(RtpTracker, StreamLimitIsAnAnomaly) {
    Feeder f;
    const auto n = static_cast<std::uint32_t>(core::limits::kMaxRtpStreams);
    const auto packet = rtp_packet(spec(8, 1), {0xD5});
    std::vector<std::uint8_t> d = packet;
    for (std::uint32_t ssrc = 0; ssrc <= n; ++ssrc) {  // one more than the limit
        d[8] = static_cast<std::uint8_t>(ssrc >> 24);
        d[9] = static_cast<std::uint8_t>(ssrc >> 16);
        d[10] = static_cast<std::uint8_t>(ssrc >> 8);
        d[11] = static_cast<std::uint8_t>(ssrc);
        f.send(d, 1, 0, Hint::KnownRtp);
    }
    EXPECT_EQ(f.tracker.stream_count(), core::limits::kMaxRtpStreams);
    facts::MemorySink sink;
    f.tracker.emit(sink);
    ASSERT_EQ(sink.count("anomalies"), 1u);
    const auto& a = sink.rows.back();
    EXPECT_EQ(std::get<std::string>(a.cells[3]), "rtp_stream_limit");
    EXPECT_EQ(std::get<std::int64_t>(a.cells[6]), 1);  // one packet refused
}

TEST(RtpTracker, CandidateLimitEmptiesTheTableAndIsAnAnomaly) {
    Feeder f;
    std::vector<std::uint8_t> d = rtp_packet(spec(8, 1), {0xD5});
    const auto n = static_cast<std::uint32_t>(core::limits::kMaxRtpCandidates);
    for (std::uint32_t ssrc = 0; ssrc <= n; ++ssrc) {
        d[8] = static_cast<std::uint8_t>(ssrc >> 24);
        d[9] = static_cast<std::uint8_t>(ssrc >> 16);
        d[10] = static_cast<std::uint8_t>(ssrc >> 8);
        d[11] = static_cast<std::uint8_t>(ssrc);
        EXPECT_EQ(f.send(d), Seen::Candidate);
    }
    // The last SSRC's run started in the emptied table: its next packet confirms.
    d[3] = 2;
    EXPECT_EQ(f.send(d), Seen::Rtp);
    facts::MemorySink sink;
    f.tracker.emit(sink);
    ASSERT_EQ(sink.count("anomalies"), 1u);
    EXPECT_EQ(std::get<std::string>(sink.rows.back().cells[3]), "rtp_candidate_limit");
}

TEST(RtpTracker, ClockRateLimitIsAnAnomaly) {
    RtpTracker t;
    for (std::size_t i = 0; i <= core::limits::kMaxRtpClockRates; ++i)
        t.set_clock_rate(static_cast<std::int64_t>(i), 96, 90000);
    t.set_clock_rate(0, 96, 48000);  // changing a known one is not a new entry
    facts::MemorySink sink;
    t.emit(sink);
    ASSERT_EQ(sink.count("anomalies"), 1u);
    EXPECT_EQ(std::get<std::string>(sink.rows.back().cells[3]), "rtp_clock_rate_limit");
    EXPECT_EQ(std::get<std::int64_t>(sink.rows.back().cells[6]), 1);
}

}  // namespace
}  // namespace vca::probes::rtp
