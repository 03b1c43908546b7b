// The RTSP captures of the shared public corpus through the whole traffic
// analyser (dispatch by port and content, TCP reassembly, RtspStream, the
// media registry). Expected values are what TShark 4.0.17 prints with
//   tshark -n -r FILE -Y 'rtsp && !tcp.analysis.retransmission' -T json -J rtsp
// (method, status, the CSeq line, rtsp.session, rtsp.transport), read by hand.
// ndpi/rtsp.pcap repeats most segments (captured on several interfaces):
// tshark marks the copies as retransmissions; the reassembler drops them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auditor/facts/schema.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/traffic/traffic_analyzer.hpp"
#include "tests/support/corpus_frames.hpp"

namespace vca::probes::rtsp {
namespace {

using Entry = facts::MemorySink::Entry;

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

facts::MemorySink analyse(std::string_view relative_path) {
    auto reader = capture::PcapReader::open(vca::test::corpus_path(relative_path));
    if (!reader) throw vca::test::CorpusError(std::string(relative_path) + ": " + reader.error().message);
    facts::MemorySink sink;
    traffic::TrafficAnalyzer analyzer(sink);
    capture::Frame frame;
    while (reader->next(frame).status == capture::ReadStatus::Frame)
        analyzer.on_frame({1, frame.number, frame.ts, frame.linktype, frame.data, frame.orig_len});
    analyzer.finish();
    return sink;
}

std::vector<const Entry*> rows(const facts::MemorySink& sink, std::string_view table) {
    std::vector<const Entry*> out;
    for (const auto& r : sink.rows)
        if (r.table == table) out.push_back(&r);
    return out;
}

const Entry* at_frame(const std::vector<const Entry*>& rs, int frame) {
    for (const auto* r : rs)
        if (cell(*r, "frame") == std::to_string(frame)) return r;
    return nullptr;
}

struct Want {
    int frame;
    std::string method, status, cseq, session, profile, client_port, server_port;
};

TEST(RtspCorpus, NdpiVlcSessions) {
    const auto sink = analyse("corpus/public/ndpi/rtsp.pcap");
    const auto msgs = rows(sink, "rtsp_messages");
    // tshark: 65 RTSP messages in 7 TCP connections, retransmitted copies left out.
    EXPECT_EQ(msgs.size(), 65u);
    const std::vector<Want> want = {
        // connection 0: a GET_PARAMETER keep-alive of an earlier session, answered by RST
        {1, "GET_PARAMETER", "NULL", "7", "660fc4c0c6ad43a1", "NULL", "NULL", "NULL"},
        // connection 1
        {25, "OPTIONS", "NULL", "2", "NULL", "NULL", "NULL", "NULL"},
        {33, "NULL", "200", "2", "NULL", "NULL", "NULL", "NULL"},
        {37, "DESCRIBE", "NULL", "3", "NULL", "NULL", "NULL", "NULL"},
        {53, "NULL", "200", "3", "NULL", "NULL", "NULL", "NULL"},
        {57, "SETUP", "NULL", "4", "NULL", "RTP/AVP", "55664", "NULL"},
        {65, "NULL", "200", "4", "8c30e102191f49d1", "RTP/AVP/UDP", "55664", "58547"},
        {69, "SETUP", "NULL", "5", "8c30e102191f49d1", "RTP/AVP", "55666", "NULL"},
        {77, "NULL", "200", "5", "8c30e102191f49d1", "RTP/AVP/UDP", "55666", "57431"},
        {81, "PLAY", "NULL", "6", "8c30e102191f49d1", "NULL", "NULL", "NULL"},
        {89, "NULL", "200", "6", "8c30e102191f49d1", "NULL", "NULL", "NULL"},
        {97, "GET_PARAMETER", "NULL", "7", "8c30e102191f49d1", "NULL", "NULL", "NULL"},
    };
    for (const Want& w : want) {
        SCOPED_TRACE("frame " + std::to_string(w.frame));
        const Entry* r = at_frame(msgs, w.frame);
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(cell(*r, "method"), w.method);
        EXPECT_EQ(cell(*r, "status_code"), w.status);
        EXPECT_EQ(cell(*r, "cseq"), w.cseq);
        EXPECT_EQ(cell(*r, "session"), w.session);
        EXPECT_EQ(cell(*r, "transport_profile"), w.profile);
        EXPECT_EQ(cell(*r, "client_port"), w.client_port);
        EXPECT_EQ(cell(*r, "server_port"), w.server_port);
    }
    const Entry* describe_ok = at_frame(msgs, 53);
    ASSERT_NE(describe_ok, nullptr);
    EXPECT_EQ(cell(*describe_ok, "has_sdp"), "1");
    EXPECT_EQ(cell(*describe_ok, "user_agent"), "VLC/3.0.12");
    EXPECT_EQ(cell(*describe_ok, "src_ip"), "10.2.2.2");
    EXPECT_EQ(cell(*at_frame(msgs, 65), "transport_mode"), "unicast");
    EXPECT_EQ(cell(*at_frame(msgs, 65), "interleaved"), "0");
    EXPECT_EQ(cell(*at_frame(msgs, 65), "media_mode"), "play");
    // The SDP of frame 53 (tshark -e sdp.media -e sdp.connection_info):
    // "video 0 RTP/AVP 96,audio 0 RTP/AVP 96", c=IN IP4 0.0.0.0.
    const auto media = rows(sink, "sdp_media");
    std::vector<std::string> from_53;
    for (const auto* m : media) {
        if (cell(*m, "frame") != "53") continue;
        from_53.push_back(cell(*m, "media"));
        EXPECT_EQ(cell(*m, "port"), "0");
        EXPECT_EQ(cell(*m, "proto"), "RTP/AVP");
        EXPECT_EQ(cell(*m, "addr"), "0.0.0.0");
        EXPECT_EQ(cell(*m, "call_id"), "NULL");
    }
    EXPECT_EQ(from_53, (std::vector<std::string>{"video", "audio"}));
    std::size_t rtsp_flows = 0;
    for (const auto* f : rows(sink, "flows")) rtsp_flows += cell(*f, "app") == "rtsp" ? 1 : 0;
    EXPECT_EQ(rtsp_flows, 7u);
    // No RTSP authentication in this capture (MANIFEST), so no credential rows either.
    EXPECT_EQ(rows(sink, "credentials").size(), 0u);
}

TEST(RtspCorpus, NdpiSingleSetupWithoutHandshake) {
    const auto sink = analyse("corpus/public/ndpi/rtsp_setup_http.pcapng");
    const auto msgs = rows(sink, "rtsp_messages");
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(cell(*msgs[0], "frame"), "1");
    EXPECT_EQ(cell(*msgs[0], "method"), "SETUP");
    EXPECT_EQ(cell(*msgs[0], "uri"), "rtsp://172.28.4.26:8554/trackID=88");
    EXPECT_EQ(cell(*msgs[0], "cseq"), "4");
    EXPECT_EQ(cell(*msgs[0], "transport_profile"), "RTP/AVP");
    EXPECT_EQ(cell(*msgs[0], "client_port"), "50220");
    EXPECT_EQ(cell(*msgs[0], "user_agent"), "LibVLC/3.0.16 (LIVE555 Streaming Media v2016.11.28)");
}

}  // namespace
}  // namespace vca::probes::rtsp
