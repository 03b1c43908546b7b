// SIP over a byte stream: framing by Content-Length across and within
// deliveries, and the named anomalies for gaps and the buffer limit.
#include <gtest/gtest.h>

#include <string>

#include "probes/sip/sip_stream.hpp"

namespace vca::probes::sip {
namespace {

const std::string kInvite =
    "INVITE sip:room@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1\r\nFrom: <sip:a@10.0.0.1>;tag=1\r\n"
    "To: <sip:room@10.0.0.2>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
    "Content-Length: 78\r\n\r\nv=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\n";
const std::string kTrying =
    "SIP/2.0 100 Trying\r\nVia: SIP/2.0/TCP 10.0.0.1\r\nFrom: <sip:a@10.0.0.1>;tag=1\r\n"
    "To: <sip:room@10.0.0.2>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

core::Bytes bytes(const std::string& s, std::size_t from = 0, std::size_t n = std::string::npos) {
    std::size_t len = std::min(n, s.size() - from);
    return {reinterpret_cast<const std::uint8_t*>(s.data()) + from, len};
}

std::size_t anomalies(const facts::MemorySink& sink, const std::string& name) {
    std::size_t n = 0;
    for (const auto& r : sink.rows)
        if (r.table == "anomalies" && std::get<std::string>(r.cells[3]) == name) ++n;
    return n;
}

SipContext ctx() {
    SipContext c;
    c.flow_id = 1;
    c.transport = "tcp";
    return c;
}

TEST(SipStream, MessageAcrossManyDeliveries) {
    ASSERT_EQ(kInvite.substr(kInvite.find("\r\n\r\n") + 4).size(), 78u);  // the fixture's own Content-Length
    facts::MemorySink sink;
    SipStream s(64 * 1024);
    for (std::size_t i = 0; i < kInvite.size(); i += 17) s.on_data(0, bytes(kInvite, i, 17), false, ctx(), sink);
    EXPECT_EQ(sink.count("sip_messages"), 1u);
    EXPECT_EQ(sink.count("sdp_media"), 1u);
    EXPECT_EQ(sink.count("anomalies"), 0u);
}

TEST(SipStream, TwoMessagesInOneDelivery) {
    facts::MemorySink sink;
    SipStream s(64 * 1024);
    std::string two = kTrying + kTrying;
    s.on_data(1, bytes(two), false, ctx(), sink);
    EXPECT_EQ(sink.count("sip_messages"), 2u);
}

TEST(SipStream, GapSkipsTheDamagedMessageAndResumes) {
    facts::MemorySink sink;
    SipStream s(64 * 1024);
    s.on_data(0, bytes(kInvite, 0, 50), false, ctx(), sink);
    s.on_data(0, bytes(kInvite, 120), true, ctx(), sink);  // the middle never arrived
    s.on_data(0, bytes(kTrying), false, ctx(), sink);
    EXPECT_EQ(anomalies(sink, "sip_stream_gap"), 1u);
    EXPECT_EQ(sink.count("sip_messages"), 1u);  // the 100 Trying after the damage
}

TEST(SipStream, BufferLimitIsNamed) {
    facts::MemorySink sink;
    SipStream s(100);
    s.on_data(0, bytes(kInvite, 0, 90), false, ctx(), sink);
    s.on_data(0, bytes(kInvite, 90, 90), false, ctx(), sink);
    EXPECT_EQ(anomalies(sink, "sip_buffer_limit"), 1u);
}

}  // namespace
}  // namespace vca::probes::sip
