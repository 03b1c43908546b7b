// RtspStream and the rows it writes: a VLC-style session (OPTIONS, DESCRIBE
// with SDP, SETUP over UDP, PLAY), then an interleaved session with RTP in
// '$' frames, fed whole and cut at every byte; gaps and limits; credentials
// never reach a row.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auditor/facts/schema.hpp"
#include "probes/rtsp/rtsp_limits.hpp"
#include "probes/rtsp/rtsp_stream.hpp"
#include "probes/rtsp/rtsp_transport.hpp"

namespace vca::probes::rtsp {
namespace {

using Entry = facts::MemorySink::Entry;

core::Bytes bytes(const std::string& s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

std::vector<const Entry*> rows(const facts::MemorySink& sink, std::string_view table) {
    std::vector<const Entry*> out;
    for (const auto& r : sink.rows)
        if (r.table == table) out.push_back(&r);
    return out;
}

std::string cell(const Entry& r, std::string_view column) {
    const facts::TableDef* t = facts::find_table(r.table);
    for (std::size_t i = 0; t != nullptr && i < t->columns.size(); ++i) {
        if (t->columns[i].name != column) continue;
        const facts::Value& v = r.cells[i];
        if (std::holds_alternative<std::monostate>(v)) return "NULL";
        if (auto* s = std::get_if<std::string>(&v)) return *s;
        if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
        if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
    }
    return "<no column " + std::string(column) + ">";
}

std::size_t anomalies(const facts::MemorySink& sink, std::string_view name) {
    std::size_t n = 0;
    for (const auto* r : rows(sink, "anomalies")) n += cell(*r, "name") == name ? 1 : 0;
    return n;
}

struct Recorder final : RtspObserver {
    struct Transport {
        std::string profile;
        bool is_request;
    };
    void on_transport(const RtspTransport& t, bool is_request, const RtspContext&) override {
        transports.push_back({t.profile, is_request});
    }
    void on_interleaved(std::uint8_t channel, core::Bytes data, std::optional<bool> srtp,
                        const RtspContext&) override {
        frames.push_back({channel, data.size(), srtp});
    }
    struct Frame {
        std::uint8_t channel;
        std::size_t size;
        std::optional<bool> srtp;
    };
    std::vector<Transport> transports;
    std::vector<Frame> frames;
};

RtspContext context(Recorder* observer) {
    RtspContext ctx;
    ctx.flow_id = 7;
    ctx.input_id = 1;
    ctx.frame = 3;
    ctx.ts = 100.0;
    ctx.src_ip = "10.1.1.10";
    ctx.dst_ip = "10.2.2.2";
    ctx.observer = observer;
    return ctx;
}

const std::string kSdp =
    "v=0\r\no=- 1 1 IN IP4 kali\r\ns=Unnamed\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
    "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\nm=audio 0 RTP/AVP 14\r\n";

// Client → server, then server → client, as two directions.
const std::string kClient =
    "OPTIONS rtsp://10.2.2.2:8554/ RTSP/1.0\r\nCSeq: 2\r\nUser-Agent: LibVLC/3.0.16\r\n\r\n"
    "DESCRIBE rtsp://10.2.2.2:8554/ RTSP/1.0\r\nCSeq: 3\r\nAccept: application/sdp\r\n\r\n"
    "SETUP rtsp://10.2.2.2:8554/trackID=0 RTSP/1.0\r\nCSeq: 4\r\n"
    "Transport: RTP/AVP;unicast;client_port=55664-55665\r\n\r\n"
    "PLAY rtsp://10.2.2.2:8554/ RTSP/1.0\r\nCSeq: 5\r\nSession: 8c30e102191f49d1\r\nRange: npt=0.000-\r\n\r\n";
const std::string kServer =
    "RTSP/1.0 200 OK\r\nServer: VLC/3.0.12\r\nCseq: 2\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n"
    "RTSP/1.0 200 OK\r\nServer: VLC/3.0.12\r\nContent-type: application/sdp\r\nContent-Base: rtsp://10.2.2.2:8554/\r\n"
    "Content-length: " + std::to_string(kSdp.size()) + "\r\nCseq: 3\r\n\r\n" + kSdp +
    "RTSP/1.0 200 OK\r\nServer: VLC/3.0.12\r\n"
    "Transport: RTP/AVP/UDP;unicast;client_port=55664-55665;server_port=58547-58548;ssrc=B1964B48;mode=play\r\n"
    "Session: 8c30e102191f49d1;timeout=60\r\nContent-Length: 0\r\nCseq: 4\r\n\r\n"
    "RTSP/1.0 200 OK\r\nCseq: 5\r\nSession: 8c30e102191f49d1;timeout=60\r\n\r\n";

TEST(RtspRows, MatchTheSchema) {
    const facts::TableDef* t = facts::find_table(facts::RtspMessageRow::kTable);
    ASSERT_NE(t, nullptr);
    ASSERT_EQ(t->columns.size(), facts::RtspMessageRow::kColumns.size());
    ASSERT_EQ(facts::RtspMessageRow{}.cells().size(), t->columns.size());
    for (std::size_t i = 0; i < t->columns.size(); ++i) EXPECT_EQ(t->columns[i].name, facts::RtspMessageRow::kColumns[i]);
}

TEST(RtspStream, UdpSessionRowsAndSdp) {
    facts::MemorySink sink;
    Recorder rec;
    RtspStream stream(limits::kMaxRtspStreamBuffer);
    RtspContext ctx = context(&rec);
    stream.on_data(0, bytes(kClient), false, ctx, sink);
    stream.on_data(1, bytes(kServer), false, ctx, sink);
    auto msgs = rows(sink, "rtsp_messages");
    ASSERT_EQ(msgs.size(), 8u);
    EXPECT_EQ(cell(*msgs[0], "method"), "OPTIONS");
    EXPECT_EQ(cell(*msgs[0], "cseq"), "2");
    EXPECT_EQ(cell(*msgs[0], "user_agent"), "LibVLC/3.0.16");
    EXPECT_EQ(cell(*msgs[0], "status_code"), "NULL");
    EXPECT_EQ(cell(*msgs[0], "version"), "RTSP/1.0");
    EXPECT_EQ(cell(*msgs[2], "transport_profile"), "RTP/AVP");
    EXPECT_EQ(cell(*msgs[2], "transport_mode"), "unicast");
    EXPECT_EQ(cell(*msgs[2], "interleaved"), "0");
    EXPECT_EQ(cell(*msgs[2], "client_port"), "55664");
    EXPECT_EQ(cell(*msgs[2], "server_port"), "NULL");
    EXPECT_EQ(cell(*msgs[3], "session"), "8c30e102191f49d1");
    EXPECT_EQ(cell(*msgs[3], "transport_profile"), "NULL");
    EXPECT_EQ(cell(*msgs[3], "interleaved"), "NULL");
    // responses
    EXPECT_EQ(cell(*msgs[4], "status_code"), "200");
    EXPECT_EQ(cell(*msgs[4], "method"), "NULL");
    EXPECT_EQ(cell(*msgs[4], "user_agent"), "VLC/3.0.12");
    EXPECT_EQ(cell(*msgs[5], "has_sdp"), "1");
    EXPECT_EQ(cell(*msgs[5], "content_type"), "application/sdp");
    EXPECT_EQ(cell(*msgs[5], "content_base"), "rtsp://10.2.2.2:8554/");
    EXPECT_EQ(cell(*msgs[6], "transport_profile"), "RTP/AVP/UDP");
    EXPECT_EQ(cell(*msgs[6], "server_port"), "58547");
    EXPECT_EQ(cell(*msgs[6], "media_mode"), "play");
    EXPECT_EQ(cell(*msgs[6], "session"), "8c30e102191f49d1");
    EXPECT_EQ(cell(*msgs[7], "cseq"), "5");
    // SDP of the DESCRIBE answer: two m= lines, call_id NULL, carried by status 200.
    auto media = rows(sink, "sdp_media");
    ASSERT_EQ(media.size(), 2u);
    EXPECT_EQ(cell(*media[0], "media"), "video");
    EXPECT_EQ(cell(*media[0], "proto"), "RTP/AVP");
    EXPECT_EQ(cell(*media[0], "port"), "0");
    EXPECT_EQ(cell(*media[0], "call_id"), "NULL");
    EXPECT_EQ(cell(*media[0], "sip_status"), "200");
    EXPECT_EQ(cell(*media[1], "media"), "audio");
    // The SETUP request and its answer told the observer.
    ASSERT_EQ(rec.transports.size(), 2u);
    EXPECT_TRUE(rec.transports[0].is_request);
    EXPECT_EQ(rec.transports[1].profile, "RTP/AVP/UDP");
    EXPECT_EQ(stream.messages(), 8);
    EXPECT_EQ(rows(sink, "anomalies").size(), 0u);
}

TEST(RtspStream, SameRowsWhateverTheSegmentation) {
    facts::MemorySink whole;
    {
        RtspStream s(limits::kMaxRtspStreamBuffer);
        s.on_data(1, bytes(kServer), false, context(nullptr), whole);
    }
    for (std::size_t step : {1u, 2u, 7u, 64u}) {
        facts::MemorySink cut;
        RtspStream s(limits::kMaxRtspStreamBuffer);
        for (std::size_t i = 0; i < kServer.size(); i += step)
            s.on_data(1, bytes(kServer.substr(i, step)), false, context(nullptr), cut);
        ASSERT_EQ(cut.rows.size(), whole.rows.size()) << "step " << step;
        for (std::size_t i = 0; i < cut.rows.size(); ++i) EXPECT_EQ(cut.rows[i].cells, whole.rows[i].cells) << i;
    }
}

std::string frame(std::uint8_t channel, const std::string& data) {
    std::string f = "$";
    f += static_cast<char>(channel);
    f += static_cast<char>(data.size() >> 8);
    f += static_cast<char>(data.size() & 0xff);
    return f + data;
}

TEST(RtspStream, InterleavedFramesCountedAndHandedOver) {
    facts::MemorySink sink;
    Recorder rec;
    RtspStream stream(limits::kMaxRtspStreamBuffer);
    RtspContext ctx = context(&rec);
    stream.on_data(0, bytes("SETUP rtsp://cam/track1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n"),
                   false, ctx, sink);
    const std::string rtp = std::string("\x80\x60\x00\x01\x00\x00\x00\x10\x12\x34\x56\x78", 12) + std::string(100, 'x');
    // An RTP frame that happens to hold "RTSP/1.0 200" must not be read as a message.
    const std::string tricky = std::string("\x80\x60\x00\x02\x00\x00\x00\x20\x12\x34\x56\x78", 12) +
                               "RTSP/1.0 200 OK\r\nCSeq: 9\r\n\r\n";
    const std::string server =
        "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 12345678\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n" +
        frame(0, rtp) + frame(0, tricky) + frame(1, std::string(28, 'r')) + frame(5, "zz") +
        "RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 12345678\r\n\r\n";
    for (std::size_t i = 0; i < server.size(); i += 13) stream.on_data(1, bytes(server.substr(i, 13)), false, ctx, sink);
    auto msgs = rows(sink, "rtsp_messages");
    ASSERT_EQ(msgs.size(), 3u);
    EXPECT_EQ(cell(*msgs[1], "interleaved"), "1");
    EXPECT_EQ(cell(*msgs[1], "interleaved_channels"), "0-1");
    EXPECT_EQ(cell(*msgs[1], "transport_profile"), "RTP/AVP/TCP");
    EXPECT_EQ(cell(*msgs[2], "cseq"), "4");
    EXPECT_EQ(stream.channels()[0].frames, 2);
    EXPECT_EQ(stream.channels()[0].bytes, static_cast<std::int64_t>(rtp.size() + tricky.size()));
    EXPECT_EQ(stream.channels()[1].frames, 1);
    EXPECT_EQ(stream.channels()[5].frames, 1);
    ASSERT_EQ(rec.frames.size(), 4u);
    EXPECT_EQ(rec.frames[0].srtp, false);  // SETUP said RTP/AVP for channels 0-1
    EXPECT_EQ(rec.frames[2].channel, 1);
    EXPECT_FALSE(rec.frames[3].srtp.has_value());  // channel 5: no SETUP named it
}

TEST(RtspStream, GapResyncsOnTheNextMessage) {
    facts::MemorySink sink;
    RtspStream stream(limits::kMaxRtspStreamBuffer);
    const std::string half = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 40\r\n\r\nv=0\r\n";
    stream.on_data(1, bytes(half), false, context(nullptr), sink);
    stream.on_data(1, bytes("tail of a lost body\r\nRTSP/1.0 200 OK\r\nCSeq: 3\r\n\r\n"), true, context(nullptr), sink);
    auto msgs = rows(sink, "rtsp_messages");
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(cell(*msgs[0], "cseq"), "3");
    EXPECT_EQ(anomalies(sink, "rtsp_stream_gap"), 1u);
}

TEST(RtspStream, MalformedThenRecovered) {
    facts::MemorySink sink;
    RtspStream stream(limits::kMaxRtspStreamBuffer);
    stream.on_data(0, bytes("HELLO there\r\nOPTIONS rtsp://cam/ RTSP/1.0\r\nCSeq: 1\r\n\r\n"), false,
                   context(nullptr), sink);
    EXPECT_EQ(anomalies(sink, "rtsp_malformed"), 1u);
    auto msgs = rows(sink, "rtsp_messages");
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(cell(*msgs[0], "method"), "OPTIONS");
}

TEST(RtspStream, BufferLimitRecordsAnAnomaly) {
    facts::MemorySink sink;
    RtspStream stream(64);
    stream.on_data(0, bytes("DESCRIBE rtsp://cam/ RTSP/1.0\r\nCSeq: 1\r\nX-Pad: "), false, context(nullptr), sink);
    stream.on_data(0, bytes(std::string(40, 'p')), false, context(nullptr), sink);
    EXPECT_EQ(anomalies(sink, "rtsp_buffer_limit"), 1u);
    stream.on_data(0, bytes("\r\n\r\nOPTIONS rtsp://cam/ RTSP/1.0\r\nCSeq: 2\r\n\r\n"), false, context(nullptr), sink);
    auto msgs = rows(sink, "rtsp_messages");
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(cell(*msgs[0], "cseq"), "2");
}

TEST(RtspStream, CredentialsNeverInARow) {
    // Made-up secrets: "Basic " + base64("admin:Zq8!cam"), and a URL password.
    const std::string basic = "YWRtaW46WnE4IWNhbQ==";
    facts::MemorySink sink;
    RtspStream stream(limits::kMaxRtspStreamBuffer);
    stream.on_data(0, bytes("DESCRIBE rtsp://admin:Zq8!cam@192.0.2.40/live?pwd=Zq8!cam RTSP/1.0\r\nCSeq: 3\r\n"
                            "Authorization: Basic " + basic + "\r\n\r\n"),
                   false, context(nullptr), sink);
    stream.on_data(1, bytes("RTSP/1.0 401 Unauthorized\r\nCSeq: 3\r\nWWW-Authenticate: Digest realm=\"IP Camera\", "
                            "nonce=\"abc\"\r\n\r\n"),
                   false, context(nullptr), sink);
    auto msgs = rows(sink, "rtsp_messages");
    ASSERT_EQ(msgs.size(), 2u);
    EXPECT_EQ(cell(*msgs[0], "auth_scheme"), "basic");
    EXPECT_EQ(cell(*msgs[1], "auth_scheme"), "digest");
    EXPECT_EQ(cell(*msgs[1], "status_code"), "401");
    EXPECT_TRUE(cell(*msgs[0], "uri") == "rtsp://REDACTED@192.0.2.40/live?pwd=REDACTED") << "uri not redacted as expected";
    for (const auto& r : sink.rows)
        for (const auto& v : r.cells)
            if (auto* s = std::get_if<std::string>(&v)) {
                EXPECT_EQ(s->find("Zq8"), std::string::npos) << "a secret reached table " << r.table;
                EXPECT_EQ(s->find(basic), std::string::npos) << "a secret reached table " << r.table;
            }
}

}  // namespace
}  // namespace vca::probes::rtsp
