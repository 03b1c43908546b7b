// RTSP element grammar: messages written after what VLC/LIVE555 sends (the
// requests of ndpi/rtsp.pcap, checked with tshark), interleaved frames, and
// every way a stream can hand over an element in pieces.
#include <gtest/gtest.h>

#include <string>

#include "probes/rtsp/rtsp_limits.hpp"
#include "probes/rtsp/rtsp_parser.hpp"

namespace vca::probes::rtsp {
namespace {

core::Bytes bytes(const std::string& s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

const std::string kSetup =
    "SETUP rtsp://10.2.2.2:8554/trackID=0 RTSP/1.0\r\n"
    "CSeq: 4\r\n"
    "User-Agent: LibVLC/3.0.16 (LIVE555 Streaming Media v2016.11.28)\r\n"
    "Transport: RTP/AVP;unicast;client_port=55664-55665\r\n"
    "\r\n";

const std::string kSdp =
    "v=0\r\no=- 1 1 IN IP4 kali\r\ns=Unnamed\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
    "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";

std::string describe_answer() {
    return "RTSP/1.0 200 OK\r\nServer: VLC/3.0.12\r\nContent-type: application/sdp\r\n"
           "Content-Base: rtsp://10.2.2.2:8554/\r\nContent-length: " +
           std::to_string(kSdp.size()) + "\r\nCseq: 3\r\n\r\n" + kSdp;
}

TEST(RtspParser, Request) {
    auto r = parse_rtsp_element(bytes(kSetup));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.kind, ElementKind::Message);
    EXPECT_EQ(r.consumed, kSetup.size());
    EXPECT_TRUE(r.msg.is_request);
    EXPECT_EQ(r.msg.method, "SETUP");
    EXPECT_EQ(r.msg.uri, "rtsp://10.2.2.2:8554/trackID=0");
    EXPECT_EQ(r.msg.version, "RTSP/1.0");
    EXPECT_EQ(r.msg.header("cseq").value_or(""), "4");
    EXPECT_EQ(r.msg.header("TRANSPORT").value_or(""), "RTP/AVP;unicast;client_port=55664-55665");
    EXPECT_TRUE(r.msg.body.empty());  // no Content-Length: no body (RFC 2326 §12.14)
}

TEST(RtspParser, ResponseWithBodyThenMore) {
    const std::string two = describe_answer() + kSetup;
    auto r = parse_rtsp_element(bytes(two));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_FALSE(r.msg.is_request);
    EXPECT_EQ(r.msg.status_code, 200);
    EXPECT_EQ(r.msg.reason, "OK");
    EXPECT_EQ(r.msg.body, kSdp);
    EXPECT_EQ(r.consumed, describe_answer().size());
    const std::string rest = two.substr(r.consumed);
    auto next = parse_rtsp_element(bytes(rest));
    ASSERT_EQ(next.status, ParseStatus::Ok);
    EXPECT_EQ(next.msg.method, "SETUP");
}

TEST(RtspParser, EveryPrefixNeedsMore) {
    const std::string full = describe_answer();
    for (std::size_t n = 0; n < full.size(); ++n) {
        const std::string prefix = full.substr(0, n);
        auto r = parse_rtsp_element(bytes(prefix));
        EXPECT_EQ(r.status, ParseStatus::NeedMore) << "prefix " << n;
        EXPECT_EQ(r.consumed, 0u);
    }
}

TEST(RtspParser, InterleavedFrame) {
    std::string f = std::string("$\x01\x00\x05", 4) + "ABCDE" + "$";
    auto r = parse_rtsp_element(bytes(f));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.kind, ElementKind::Interleaved);
    EXPECT_EQ(r.frame.channel, 1);
    EXPECT_EQ(r.frame.data.size(), 5u);
    EXPECT_EQ(r.consumed, 9u);
    for (std::size_t n = 1; n < 9; ++n) {
        const std::string prefix = f.substr(0, n);
        EXPECT_EQ(parse_rtsp_element(bytes(prefix)).status, ParseStatus::NeedMore) << n;
    }
}

TEST(RtspParser, LeadingEmptyLinesAndBareLf) {
    const std::string m = "\r\n\nOPTIONS * RTSP/2.0\nCSeq: 1\n\n";
    auto r = parse_rtsp_element(bytes(m));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.msg.uri, "*");
    EXPECT_EQ(r.msg.version, "RTSP/2.0");
    EXPECT_EQ(r.consumed, m.size());
    auto only = parse_rtsp_element(bytes("\r\n\r\n"));
    EXPECT_EQ(only.status, ParseStatus::NeedMore);
    EXPECT_EQ(only.consumed, 4u);
}

TEST(RtspParser, FoldedHeader) {
    const std::string m = "RTSP/1.0 200 OK\r\nPublic: OPTIONS,\r\n DESCRIBE\r\nCSeq: 2\r\n\r\n";
    auto r = parse_rtsp_element(bytes(m));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    ASSERT_EQ(r.msg.headers.size(), 2u);
    EXPECT_EQ(r.msg.header("Public").value_or("").substr(0, 8), "OPTIONS,");
    EXPECT_NE(r.msg.header("Public").value_or("").find("DESCRIBE"), std::string_view::npos);
}

TEST(RtspParser, InvalidInputs) {
    EXPECT_EQ(parse_rtsp_element(bytes("HTTP/1.1 200 OK\r\n\r\n")).error, "rtsp_bad_start_line");
    EXPECT_EQ(parse_rtsp_element(bytes("GET / HTTP/1.1\r\n\r\n")).error, "rtsp_bad_start_line");
    EXPECT_EQ(parse_rtsp_element(bytes("RTSP/1.0 20 OK\r\n\r\n")).error, "rtsp_bad_start_line");
    EXPECT_EQ(parse_rtsp_element(bytes(std::string("\x80\x60\x00", 3))).error, "rtsp_bad_start_line");
    EXPECT_EQ(parse_rtsp_element(bytes("RTSP/1.0 200 OK\r\nno colon here\r\n\r\n")).error, "rtsp_header_no_colon");
    EXPECT_EQ(parse_rtsp_element(bytes("RTSP/1.0 200 OK\r\nContent-Length: 1x\r\n\r\n")).error,
              "rtsp_bad_content_length");
    EXPECT_EQ(parse_rtsp_element(bytes("RTSP/1.0 200 OK\r\nContent-Length: " +
                                       std::to_string(limits::kMaxRtspBody + 1) + "\r\n\r\n"))
                  .error,
              "rtsp_body_limit");
    std::string many = "RTSP/1.0 200 OK\r\n";
    for (std::size_t i = 0; i <= limits::kMaxRtspHeaders; ++i) many += "X: 1\r\n";
    EXPECT_EQ(parse_rtsp_element(bytes(many + "\r\n")).error, "rtsp_header_limit");
    std::string long_head = "RTSP/1.0 200 OK\r\nX: " + std::string(limits::kMaxRtspHead, 'a');
    auto r = parse_rtsp_element(bytes(long_head));
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "rtsp_head_limit");
    EXPECT_EQ(r.consumed, 0u);
}

TEST(RtspParser, Sniff) {
    EXPECT_TRUE(looks_like_rtsp(bytes("OPTIONS rtsp://10.2.2.2:8554/ RTSP/1.0\r\n")));
    EXPECT_TRUE(looks_like_rtsp(bytes("DESCRIBE rtsp://cam/str")));  // line not complete yet
    EXPECT_TRUE(looks_like_rtsp(bytes("RTSP/1.0 200 OK\r\n")));
    EXPECT_TRUE(looks_like_rtsp(bytes("GET_PARAMETER RTSPS://cam/ RTSP/2.0\r\n")));
    EXPECT_FALSE(looks_like_rtsp(bytes("OPTIONS sip:bob@x SIP/2.0\r\n")));
    EXPECT_FALSE(looks_like_rtsp(bytes("GET / HTTP/1.1\r\n")));
    EXPECT_FALSE(looks_like_rtsp(bytes("OPTIONS rtsp://x/ HTTP/1.1\r\n")));
    EXPECT_FALSE(looks_like_rtsp(bytes("RTSP/ 200\r\n")));
    EXPECT_FALSE(looks_like_rtsp(bytes("")));
}

}  // namespace
}  // namespace vca::probes::rtsp
