// SIP over WebSocket (RFC 7118) from the shared public corpus, read at run
// time: the TCP flow of corpus/public/heplify/sip_tcp_websocket.pcap
// (10.243.17.55:43380 <-> 10.243.0.157:8080) concatenated per direction,
// through UpgradeWatch and FrameStream, against what tshark shows.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "probes/capture/pcap_reader.hpp"
#include "probes/decode/packet.hpp"
#include "probes/websocket/frame_stream.hpp"
#include "probes/websocket/upgrade_watch.hpp"
#include "tests/support/corpus_frames.hpp"

namespace vca::probes::websocket {
namespace {

constexpr std::string_view kCapture = "corpus/public/heplify/sip_tcp_websocket.pcap";
constexpr std::uint16_t kServerPort = 8080;

struct Segment {
    std::int64_t frame = 0;
    int side = 0;  // 0 client (port 43380), 1 server (port 8080)
    std::uint32_t seq = 0;
    std::vector<std::uint8_t> payload;
};

// The payload-carrying segments of the port-8080 flow, in capture order.
std::vector<Segment> flow_segments() {
    auto reader = capture::PcapReader::open(vca::test::corpus_path(kCapture));
    if (!reader) throw vca::test::CorpusError("cannot open " + std::string(kCapture) + ": " + reader.error().message);
    std::vector<Segment> out;
    capture::Frame frame;
    while (reader->next(frame).status == capture::ReadStatus::Frame) {
        const decode::DecodeResult d = decode::decode_frame(frame.linktype, frame.data);
        if (d.status != decode::DecodeStatus::Ok || d.packet.protocol != decode::kTcp) continue;
        if (d.packet.src_port != kServerPort && d.packet.dst_port != kServerPort) continue;
        if (d.packet.payload.empty()) continue;
        out.push_back({frame.number, d.packet.src_port == kServerPort ? 1 : 0, d.packet.seq,
                       {d.packet.payload.begin(), d.packet.payload.end()}});
    }
    return out;
}

struct Delivered {
    std::int64_t frame;
    std::string first_line;
    std::size_t size;
    bool has_call_id;
};

struct Run {
    std::vector<Delivered> messages;
    std::vector<std::string> notes;
    UpgradeState state = UpgradeState::Waiting;
    std::string subprotocol, offered;
    bool stopped = false;
};

// Feeds the flow, each segment whole or one byte at a time.
Run run_flow(const std::vector<Segment>& segments, bool bytewise) {
    Run run;
    std::int64_t current = 0;
    auto on_message = [&](core::Bytes m, bool gap) {
        const std::string_view text = core::as_text(m);
        std::string_view line = text.substr(0, text.find("\r\n"));
        run.messages.push_back({current, std::string(line) + (gap ? " (after gap)" : ""), m.size(),
                                text.find("Call-ID: kovfhoptshgn59q712sr\r\n") != std::string_view::npos});
    };
    auto on_note = [&](std::string_view name, std::string_view) { run.notes.emplace_back(name); };
    UpgradeWatch watch;
    std::array<FrameStream, 2> streams{FrameStream(0, on_message, on_note), FrameStream(1, on_message, on_note)};
    auto feed = [&](int side, core::Bytes chunk) {
        const std::size_t at = watch.feed(side, chunk, false);
        if (at == UpgradeWatch::kNoFrames) return;
        if (side == 1) {
            const EarlyClientBytes early = watch.take_early_client_bytes();
            if (!early.bytes.empty()) streams[0].feed(core::Bytes(early.bytes), false);
        }
        if (at < chunk.size()) streams[static_cast<std::size_t>(side)].feed(chunk.subspan(at), false);
    };
    for (const Segment& s : segments) {
        current = s.frame;
        const core::Bytes all(s.payload);
        if (!bytewise) {
            feed(s.side, all);
            continue;
        }
        for (std::size_t i = 0; i < all.size(); ++i) feed(s.side, all.subspan(i, 1));
    }
    run.state = watch.state();
    run.subprotocol = watch.subprotocol();
    run.offered = watch.offered_subprotocols();
    run.stopped = streams[0].stopped() || streams[1].stopped();
    return run;
}

TEST(WebSocketCorpus, CaptureHasNoLossOnTheFlow) {
    // tshark -r sip_tcp_websocket.pcap -Y "tcp.port==8080 && tcp.len>0"
    //   -T fields -e frame.number -e tcp.srcport -e tcp.seq -e tcp.nxtseq
    // shows every segment starting where the previous one of its direction
    // ended (relative seq 1..7397 client, 1..6990 server), with no
    // tcp.analysis flags: a plain concatenation per direction is the stream.
    const std::vector<Segment> segments = flow_segments();
    ASSERT_EQ(segments.size(), 17u);
    std::array<std::uint32_t, 2> next{0, 0};
    std::array<bool, 2> started{false, false};
    for (const Segment& s : segments) {
        const auto side = static_cast<std::size_t>(s.side);
        if (started[side]) {
            EXPECT_EQ(s.seq, next[side]) << "frame " << s.frame;
        }
        started[side] = true;
        next[side] = s.seq + static_cast<std::uint32_t>(s.payload.size());
    }
}

// tshark 4.x decodes the WebSocket frames itself after the HTTP 101 on port
// 8080 (no decode-as needed), then SIP inside them:
//   tshark -r sip_tcp_websocket.pcap -Y "sip && tcp.port==8080" -T fields
//     -e frame.number -e tcp.srcport -e websocket.payload_length_ext_16
//     -e sip.Request-Line -e sip.Status-Line -e sip.Call-ID
// Every one of the 11 messages has Call-ID kovfhoptshgn59q712sr, FIN set,
// opcode 1 (text), 16-bit length; client frames masked, server ones not
// (-e websocket.mask). tshark shows no other WebSocket frame in the capture
// (-Y websocket gives the same 11 frames).
const std::vector<Delivered> kExpected = {
    {11, "INVITE sip:+12263382742@dev-mike.tncp.textnow.com SIP/2.0", 2210, true},
    {13, "SIP/2.0 407 Proxy Authentication Required", 560, true},
    {15, "ACK sip:+12263382742@dev-mike.tncp.textnow.com SIP/2.0", 453, true},
    {18, "INVITE sip:+12263382742@dev-mike.tncp.textnow.com SIP/2.0", 2509, true},
    {19, "SIP/2.0 100 Giving a try", 381, true},
    {24, "SIP/2.0 180 Ringing", 1104, true},
    {34, "SIP/2.0 183 Session Progress", 2114, true},
    {46, "SIP/2.0 200 OK", 2100, true},
    {49, "ACK sip:+12263382742@10.243.0.143:5060;transport=udp SIP/2.0", 598, true},
    {52, "BYE sip:+12263382742@10.243.0.143:5060;transport=udp SIP/2.0", 598, true},
    {56, "SIP/2.0 200 OK", 548, true},
};

void expect_matches_tshark(const Run& run) {
    // Frames 6 and 8: "Sec-WebSocket-Protocol: sip" in the request and the 101;
    // the client's permessage-deflate offer is not accepted by the server.
    EXPECT_EQ(run.state, UpgradeState::Upgraded);
    EXPECT_EQ(run.offered, "sip");
    EXPECT_EQ(run.subprotocol, "sip");
    EXPECT_FALSE(run.stopped);
    EXPECT_TRUE(run.notes.empty());
    ASSERT_EQ(run.messages.size(), kExpected.size());
    for (std::size_t i = 0; i < kExpected.size(); ++i) {
        EXPECT_EQ(run.messages[i].frame, kExpected[i].frame) << i;
        EXPECT_EQ(run.messages[i].first_line, kExpected[i].first_line) << i;
        EXPECT_EQ(run.messages[i].size, kExpected[i].size) << i;
        EXPECT_EQ(run.messages[i].has_call_id, kExpected[i].has_call_id) << i;
    }
}

TEST(WebSocketCorpus, EverySipMessageTsharkShowsIsDelivered) { expect_matches_tshark(run_flow(flow_segments(), false)); }

TEST(WebSocketCorpus, SameResultOneByteAtATime) { expect_matches_tshark(run_flow(flow_segments(), true)); }

}  // namespace
}  // namespace vca::probes::websocket
