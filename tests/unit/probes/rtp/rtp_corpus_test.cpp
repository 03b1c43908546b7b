// RTP streams of the shared public corpus against tshark, and the encrypted
// decision for each. Every UDP datagram of a capture goes to the tracker
// without any hint (no SDP knowledge), as for an unknown flow.
//
// Expected streams, packet counts and losses are what
//   tshark -n -r FILE -o rtp.heuristic_rtp:TRUE -q -z rtp,streams
// prints (TShark 4.0.17), with the payload types of each stream from
//   tshark -n -r FILE -o rtp.heuristic_rtp:TRUE -Y 'rtp && udp' -T fields
//          -e ip.src -e udp.srcport -e ip.dst -e udp.dstport -e rtp.ssrc -e rtp.p_type
// Differences from tshark are stated where they occur.
//
// Expected decisions come from reading the captures: which are SRTP (the
// SDP's RTP/SAVP with AES_CM_128_HMAC_SHA1_80, a DTLS handshake on the
// flow, the membrane fixture's description) and what their payload octets
// look like (octet histograms computed outside vcaudit), checked against
// the thresholds of probes/rtp/encryption_verdict.hpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "probes/rtp/rtp_tracker.hpp"
#include "tests/unit/probes/rtp/udp_feed.hpp"

namespace vca::probes::rtp {
namespace {

constexpr int kNull = -1;  // encrypted expected NULL

struct Want {
    std::string src_ip;
    std::int64_t src_port;
    std::string dst_ip;
    std::int64_t dst_port;
    std::uint32_t ssrc;
    std::int64_t packets;
    std::string payload_types;
    std::int64_t lost;
    int encrypted;  // 0, 1 or kNull
    std::string basis;
};

std::string name_of(const Want& w) {
    char ssrc[16];
    std::snprintf(ssrc, sizeof ssrc, "0x%08X", w.ssrc);
    return w.src_ip + ":" + std::to_string(w.src_port) + " -> " + w.dst_ip + ":" + std::to_string(w.dst_port) +
           " SSRC " + ssrc;
}

void expect_streams(const std::string& capture, const std::vector<Want>& want) {
    SCOPED_TRACE(capture);
    RtpTracker tracker;
    test::feed_udp("corpus/public/" + capture, tracker);
    const std::vector<facts::RtpStreamRow> rows = tracker.rows();
    EXPECT_EQ(rows.size(), want.size());
    for (const Want& w : want) {
        SCOPED_TRACE(name_of(w));
        const facts::RtpStreamRow* got = nullptr;
        for (const auto& r : rows) {
            if (r.src_ip == w.src_ip && r.src_port == w.src_port && r.dst_ip == w.dst_ip &&
                r.dst_port == w.dst_port && r.ssrc == w.ssrc)
                got = &r;
        }
        ASSERT_NE(got, nullptr) << "stream not found";
        EXPECT_EQ(got->packets, w.packets);
        EXPECT_EQ(got->payload_types, w.payload_types);
        EXPECT_EQ(got->lost, w.lost);
        const std::optional<bool> enc = w.encrypted == kNull ? std::nullopt : std::optional<bool>(w.encrypted == 1);
        EXPECT_EQ(got->encrypted, enc);
        EXPECT_EQ(got->basis, w.basis);
    }
}

TEST(RtpCorpus, SippG711ALawIsPlain) {
    expect_streams("sipp/g711a.pcap",
                   {{"10.1.3.143", 5000, "10.1.6.18", 2006, 0xDEE0EE8F, 236, "8", 0, 0, "payload"}});
}

TEST(RtpCorpus, SippRfc4733EventsCountDuplicatesAsNegativeLoss) {
    // Ten 4-octet events: too few octets and packets to judge from the payload.
    expect_streams("sipp/dtmf_2833_1.pcap",
                   {{"192.168.0.3", 49176, "192.168.0.1", 10000, 0x0E05384E, 10, "101", -2, kNull,
                     "insufficient_data"}});
}

TEST(RtpCorpus, VoipsharkPlainCallIsPlain) {
    for (const std::string file : {"voipshark/SIP-RTP-Normal_Call_two_parties.pcap"}) {
        expect_streams(file, {
            {"192.168.20.1", 4000, "192.168.20.130", 17004, 0x00294823, 1346, "0", 0, 0, "payload"},
            {"192.168.20.130", 12262, "192.168.20.132", 4000, 0x26738F8C, 1346, "0", 0, 0, "payload"},
            {"192.168.20.132", 4000, "192.168.20.130", 12262, 0x6D9F0DDF, 1345, "0", 0, 0, "payload"},
            {"192.168.20.130", 17004, "192.168.20.1", 4000, 0x441BC0CF, 1345, "0", 0, 0, "payload"},
        });
    }
    expect_streams("voipshark/SIP-over-TLS-RTP-Normal_Call_two_parties.pcap", {
        {"192.168.20.1", 4000, "192.168.20.130", 12668, 0x00294823, 1195, "0", 0, 0, "payload"},
        {"192.168.20.130", 14610, "192.168.20.132", 4000, 0x57C5DC17, 1195, "0", 0, 0, "payload"},
        {"192.168.20.132", 4000, "192.168.20.130", 14610, 0x32FA12FF, 1195, "0", 0, 0, "payload"},
        {"192.168.20.130", 12668, "192.168.20.1", 4000, 0x2730581D, 1194, "0", 0, 0, "payload"},
    });
}

TEST(RtpCorpus, VoipsharkSrtpCallIsEncryptedWithAnEightyBitTag) {
    // PT 0 in the header, but the SDP says RTP/SAVP AES_CM_128_HMAC_SHA1_80:
    // 170-octet payloads for 160-tick steps.
    expect_streams("voipshark/SIP-SRTP-Normal_Call_two_parties.pcap", {
        {"192.168.20.1", 4000, "192.168.20.130", 14904, 0x00294823, 1135, "0", 0, 1, "payload"},
        {"192.168.20.130", 14708, "192.168.20.132", 4000, 0x0DCDE9EE, 1135, "0", 0, 1, "payload"},
        {"192.168.20.132", 4000, "192.168.20.130", 14708, 0x547970C2, 1135, "0", 0, 1, "payload"},
        {"192.168.20.130", 14904, "192.168.20.1", 4000, 0x1EDAA6CF, 1135, "0", 0, 1, "payload"},
    });
    expect_streams("voipshark/SIP-over-TLS-RSA-SRTP_Normal_Call_two_parties.pcap", {
        {"192.168.20.1", 4000, "192.168.20.130", 13416, 0x00294823, 1118, "0", 0, 1, "payload"},
        {"192.168.20.130", 16670, "192.168.20.132", 4000, 0x1EFC73F1, 1118, "0", 0, 1, "payload"},
        {"192.168.20.132", 4000, "192.168.20.130", 16670, 0x72395621, 1123, "0", 0, 1, "payload"},
        {"192.168.20.130", 13416, "192.168.20.1", 4000, 0x07E92756, 1118, "0", 0, 1, "payload"},
    });
    RtpTracker tracker;
    test::feed_udp("corpus/public/voipshark/SIP-SRTP-Normal_Call_two_parties.pcap", tracker);
    for (const auto& r : tracker.rows()) EXPECT_EQ(r.srtp_auth_tag_bytes, std::optional<std::int64_t>(10));
}

TEST(RtpCorpus, MembraneSrtpIsEncrypted) {
    expect_streams("membrane/srtp.pcap", {
        {"192.168.83.24", 50200, "8.8.8.8", 5000, 0xD366768F, 812, "96", 0, 1, "payload"},
        {"192.168.83.24", 62547, "8.8.8.8", 5000, 0x562DF298, 160, "127", 0, 1, "payload"},
    });
}

TEST(RtpCorpus, HeplifyRelayedCallIsPlainAndTheShortStreamUnknown) {
    // 0x2E3D has 6 packets: 5 payloads (800 octets) after the confirming
    // first one, below the 1024 needed to judge octets.
    expect_streams("heplify/rtp_rtcp_sip_ipv4_udp.pcap", {
        {"200.57.7.204", 8000, "200.57.7.196", 40376, 0xD2BD4E3E, 548, "8", 0, 0, "payload"},
        {"200.57.7.196", 40378, "200.57.7.199", 4800, 0xD2BD4E3E, 548, "8", 0, 0, "payload"},
        {"200.57.7.199", 4800, "200.57.7.196", 40378, 0x58F33DEA, 891, "8", 0, 0, "payload"},
        {"200.57.7.196", 40376, "200.57.7.204", 8000, 0x58F33DEA, 891, "8", 0, 0, "payload"},
        {"200.57.7.202", 30000, "200.57.7.196", 40362, 0x00002E3D, 6, "8", 0, kNull, "insufficient_data"},
    });
}

TEST(RtpCorpus, HeplifyTcpSignalledCallWithComfortNoise) {
    expect_streams("heplify/sip_ipv4_tcp.pcap", {
        {"10.33.6.101", 6050, "10.33.6.100", 6000, 0x42F433D4, 42, "8,13", 0, 0, "payload"},
        {"10.33.6.100", 6000, "10.33.6.101", 6050, 0x5A3361B3, 24, "8,13", 0, 0, "payload"},
    });
}

TEST(RtpCorpus, NdpiFaxCallCountsTheDatagramsTsharkCallsT38) {
    // tshark counts 132 packets for 0x0EAF0EAF: from frame 1436 on the
    // re-INVITE's SDP makes it dissect the port as T.38, yet 27 more
    // datagrams there still carry this SSRC with PT 8 (their UDP payload
    // starts 80 08 .. .. .. .. .. .. 0e af 0e af). Loss is tshark's 1712.
    expect_streams("ndpi/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", {
        {"10.35.60.100", 15580, "10.23.1.52", 16756, 0x0EAF0EAF, 132 + 27, "8,102", 1712, 0, "payload"},
        {"10.23.1.52", 16756, "10.35.60.100", 15580, 0x17D90134, 1171, "8,13,100", 0, 0, "payload"},
    });
}

TEST(RtpCorpus, NdpiRtpOnlyCapture) {
    // H.263 (PT 34): 15 packets of structured video. PT 111: 29 tiny
    // payloads sharing their first octet. The 192.113.193.227 streams look
    // random but are too short to call.
    expect_streams("ndpi/rtp.pcapng", {
        {"10.204.220.71", 6000, "10.204.220.171", 6000, 0x00001646, 15, "34", 0, 0, "payload"},
        {"150.219.118.19", 54234, "192.113.193.227", 50003, 0x001A7E73, 7, "120", 0, kNull, "insufficient_data"},
        {"192.113.193.227", 50003, "150.219.118.19", 54234, 0x001A759F, 12, "101", 0, kNull, "insufficient_data"},
        {"192.113.193.227", 50003, "150.219.118.19", 54234, 0x001A757D, 6, "120", 0, kNull, "insufficient_data"},
        {"10.140.67.167", 55402, "148.153.85.97", 6008, 0xB80974D8, 29, "111", 0, 0, "payload"},
    });
}

TEST(RtpCorpus, NdpiSipCallShortButStructured) {
    // 9 G.711 packets: 1280 payload octets after the first, far from uniform.
    expect_streams("ndpi/sip.pcap",
                   {{"192.168.1.2", 30000, "212.242.33.36", 40392, 0x3796CB71, 9, "8", 0, 0, "payload"}});
}

TEST(RtpCorpus, NdpiShortWebRtcAndVoipStreamsAreUnknown) {
    expect_streams("ndpi/skype-conference-call.pcap", {
        {"192.168.2.20", 49282, "104.46.40.49", 60642, 0xE074C700, 31, "104,118", 0, kNull, "insufficient_data"},
    });
    expect_streams("ndpi/stun.pcap", {
        {"192.168.12.169", 49153, "142.250.82.99", 3478, 0xD3F9FD82, 6, "111", 0, kNull, "insufficient_data"},
    });
    expect_streams("ndpi/stun_classic.pcap", {
        {"172.16.63.21", 13958, "172.16.63.224", 55050, 0x3AA6D922, 12, "18", 0, kNull, "insufficient_data"},
        {"172.16.63.224", 55050, "172.16.63.21", 13958, 0x47D66FDE, 8, "18", 0, kNull, "insufficient_data"},
    });
    expect_streams("ndpi/teams.pcap", {
        {"93.71.110.205", 16332, "192.168.1.6", 50016, 0x000074EC, 18, "104", 0, kNull, "insufficient_data"},
    });
    // tshark also shows 0x321D28BB (9) and 0x2F696C70 (2): RTP inside TURN
    // over TCP, not UDP datagrams.
    expect_streams("ndpi/stun_dtls_rtp.pcapng", {
        {"192.168.12.156", 37967, "142.250.82.76", 19305, 0x6D1C3CFA, 11, "111", 0, kNull, "insufficient_data"},
    });
}

TEST(RtpCorpus, NdpiGoogleMeetDtlsSrtpStreamIsEncrypted) {
    // A DTLS handshake precedes the media on both flows. The SSRC 0 streams
    // (padding probes) hold packets with the P and X bits whose padding count
    // is encrypted: tshark's heuristic leaves those as "data" (frames 18-21
    // and 48 on port 38152; 244, 256, 275, 287, 305, 312, 313, 320, 332 and
    // 333 on port 45572), although their sequence numbers are exactly the ones
    // tshark reports lost. Once a stream is confirmed the tracker counts them:
    // 25 + 5 (lost 4 -> 0, the range grows by seq 31) and 93 + 10 (lost 10 -> 0).
    // The first packet of each (frames 15 and 224) comes before confirmation
    // and, with its impossible padding, does not start a run.
    const std::string v6_server = "2001:4860:4864:6::81", v6_client = "2001:b07:a3d:c112:48a1:1094:1227:281e";
    expect_streams("ndpi/stun_google_meet.pcapng", {
        {"142.250.82.76", 19305, "192.168.12.156", 38152, 0x00000000, 25 + 5, "99", 0, kNull, "insufficient_data"},
        {"192.168.12.156", 38152, "142.250.82.76", 19305, 0x78691914, 11, "111", 0, kNull, "insufficient_data"},
        {"192.168.12.156", 38152, "142.250.82.76", 3478, 0x78691914, 30, "111", 0, kNull, "insufficient_data"},
        {"192.168.12.156", 38152, "142.250.82.76", 3478, 0xC362591E, 4, "97", 0, kNull, "insufficient_data"},
        {v6_server, 19305, v6_client, 45572, 0x00000000, 93 + 10, "97", 0, 1, "payload"},
        {v6_client, 45572, v6_server, 19305, 0xF3EF75B1, 11, "111", 0, kNull, "insufficient_data"},
    });
}

TEST(RtpCorpus, NdpiSignalSinglePacketStreamsAreBelowConfirmation) {
    // tshark also shows 0x000003E9 from 192.168.12.169 on both flows with a
    // single packet each: one packet never confirms a stream without a hint.
    // 0x000007DD on port 47767: tshark counts 11 and 1 lost; one more datagram
    // of the flow carries its header with an impossible padding count (see
    // the Google Meet test) and fills the gap: 12, none lost.
    expect_streams("ndpi/stun_signal.pcapng", {
        {"18.195.131.143", 61156, "192.168.12.169", 43068, 0x000007D1, 2, "101", 0, kNull, "insufficient_data"},
        {"18.195.131.143", 61156, "192.168.12.169", 43068, 0x000007DD, 7, "118", 0, kNull, "insufficient_data"},
        {"18.195.131.143", 61156, "192.168.12.169", 43068, 0x000007D2, 6, "102", 0, kNull, "insufficient_data"},
        {"18.195.131.143", 61498, "192.168.12.169", 47767, 0x000007D1, 2, "101", 0, kNull, "insufficient_data"},
        {"18.195.131.143", 61498, "192.168.12.169", 47767, 0x000007DD, 11 + 1, "118", 0, kNull, "insufficient_data"},
        {"18.195.131.143", 61498, "192.168.12.169", 47767, 0x000007D2, 5, "102", 0, kNull, "insufficient_data"},
    });
}

TEST(RtpCorpus, DtlsAndStunOnlyCaptureHasNoStreams) {
    expect_streams("zeek/webrtc-stun.pcap", {});
}

TEST(RtpCorpus, SignalledSrtpStillDecidedFromPayload) {
    // With the SDP's word (KnownSrtp) the plain call is still reported plain:
    // the payload answer wins, the signalling is kept in `signalled`.
    RtpTracker tracker;
    test::feed_udp("corpus/public/sipp/g711a.pcap", tracker, Hint::KnownSrtp);
    const auto rows = tracker.rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].packets, 236);
    EXPECT_EQ(rows[0].encrypted, std::optional<bool>(false));
    EXPECT_EQ(rows[0].basis, "payload");
    EXPECT_EQ(rows[0].signalled, std::optional<std::string>("sdp_srtp"));
}

TEST(RtpCorpus, RtcpIsCountedAgainstItsSender) {
    // tshark -r SIP-RTP-Normal_Call_two_parties.pcap -T fields -e frame.number -e rtcp.senderssrc
    //        -Y 'rtcp && ip.src==192.168.20.1 && udp.srcport==4001'
    // shows 10 compounds from sender SSRC 0x00294823, to port 17005 (RTP + 1,
    // no multiplexing). Frames 122 and 123 precede the stream's first RTP
    // packet (frame 137) and are not counted: RTCP counts once the stream exists.
    RtpTracker tracker;
    test::feed_udp("corpus/public/voipshark/SIP-RTP-Normal_Call_two_parties.pcap", tracker);
    bool found = false;
    for (const auto& r : tracker.rows()) {
        if (r.ssrc != 0x00294823) continue;
        found = true;
        EXPECT_EQ(r.rtcp_packets, 8);
        EXPECT_EQ(r.codec, std::optional<std::string>("PCMU"));
        EXPECT_EQ(r.clock_rate, std::optional<std::int64_t>(8000));
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace vca::probes::rtp
