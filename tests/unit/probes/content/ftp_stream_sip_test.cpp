// FTP control following (PASV/EPSV/PORT/EPRT, STOR/RETR) with the data
// connection handed its transfer, TCP and UDP collectors (one object per
// direction, gaps, cuts), SIP MESSAGE bodies, and the pure parsers.
#include <gtest/gtest.h>

#include "probes/content/body_decoding.hpp"
#include "probes/content/ftp_control.hpp"
#include "probes/content/multipart.hpp"
#include "probes/content/sip_body.hpp"
#include "probes/content/stream_collector.hpp"
#include "content_test_support.hpp"

namespace vca::probes::content {
namespace {

using test::bytes_of;
using test::Kept;
using test::text_of;

struct Hub {
    explicit Hub(limits::ContentLimits l = {}) : hub(kept, sink, l) {}
    Kept kept;
    facts::MemorySink sink;
    ContentHub hub;
};

const std::array<std::string, 2> kNames{"10.0.0.5:50000 -> 10.0.0.9:2000", "10.0.0.9:2000 -> 10.0.0.5:50000"};

TEST(FtpParsers, HostPortForms) {
    auto a = parse_ftp_host_port("Entering Passive Mode (192,168,1,20,195,80).");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->ip, "192.168.1.20");
    EXPECT_EQ(a->port, 195 * 256 + 80);
    auto b = parse_ftp_host_port("10,0,0,5,4,1");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->port, 1025);
    EXPECT_FALSE(parse_ftp_host_port("Entering Passive Mode (300,1,1,1,1,1)"));
    EXPECT_FALSE(parse_ftp_host_port("1,2,3,4,5"));
    auto e = parse_eprt("|1|132.235.1.2|6275|");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->ip, "132.235.1.2");
    EXPECT_EQ(e->port, 6275);
    auto e6 = parse_eprt("|2|::1|5282|");
    ASSERT_TRUE(e6);
    EXPECT_EQ(e6->ip, "::1");
    EXPECT_FALSE(parse_eprt("|3|x|1|"));
    EXPECT_FALSE(parse_eprt("|1|1.2.3.4|99999|"));
    EXPECT_EQ(parse_epsv_port("Entering Extended Passive Mode (|||6446|)").value_or(0), 6446);
    EXPECT_FALSE(parse_epsv_port("Entering Extended Passive Mode (|1|6446|)"));
}

// Client side 0 on the control connection; the server's lines on side 1.
void control(FtpControlFollower& c, int side, std::string_view text) { c.on_stream(side, bytes_of(text), false); }

TEST(FtpControl, PassiveStorNamesTheDataConnectionOpenedBeforeTheCommand) {
    Hub h;
    FtpControlFollower ctl(h.hub, FlowRef{1, 1}, 0, "10.0.0.5", "10.0.0.9");
    control(ctl, 1, "220 ready\r\n");
    control(ctl, 0, "USER u\r\nPASV\r\n");
    control(ctl, 1, "331 pw\r\n227 Entering Passive Mode (10,0,0,9,7,208).\r\n");
    // The client connects to 10.0.0.9:2000 before it sends STOR.
    auto t = h.hub.claim_ftp_data("10.0.0.5", 50000, "10.0.0.9", 2000);
    ASSERT_TRUE(t);
    StreamCollector data(h.hub, FlowRef{2, 1}, kNames, t);
    control(ctl, 0, "STOR /in/bien ban.txt\r\n");
    data.on_stream(0, bytes_of("Độ mật: MẬT\n"), false, 5.0, 40);
    data.on_stream(0, bytes_of("line 2\n"), false, 5.1, 41);
    data.on_close(0, false);
    ASSERT_EQ(h.kept.objects.size(), 1u);
    const ContentObject& o = h.kept.objects[0];
    EXPECT_EQ(o.scope, "ftp_file");
    EXPECT_EQ(o.name, "STOR /in/bien ban.txt");
    EXPECT_EQ(o.direction, "to_server");
    EXPECT_EQ(text_of(o.bytes), "Độ mật: MẬT\nline 2\n");
    EXPECT_EQ(o.flow_id, 2);
    EXPECT_EQ(o.frame, 40);
    EXPECT_TRUE(o.complete);
    // The expectation was used up.
    EXPECT_FALSE(h.hub.claim_ftp_data("10.0.0.5", 50001, "10.0.0.9", 2000));
}

TEST(FtpControl, ActiveRetrAndEpsvAndAuthTls) {
    Hub h;
    FtpControlFollower ctl(h.hub, FlowRef{1, 1}, 1, "10.0.0.5", "10.0.0.9");  // the client is the responder side here
    control(ctl, 1, "EPRT |1|10.0.0.5|6000|\r\nRETR report.pdf\r\n");
    auto t = h.hub.claim_ftp_data("10.0.0.9", 20, "10.0.0.5", 6000);  // the server connects from port 20
    ASSERT_TRUE(t);
    EXPECT_EQ(t->command, "RETR");
    StreamCollector data(h.hub, FlowRef{3, 1}, kNames, t);
    data.on_stream(0, bytes_of("%PDF-1.7"), false, 1, 1);
    data.finish();
    ASSERT_EQ(h.kept.objects.size(), 1u);
    EXPECT_EQ(h.kept.objects[0].name, "RETR report.pdf");
    EXPECT_EQ(h.kept.objects[0].direction, "to_client");

    control(ctl, 1, "EPSV\r\n");
    control(ctl, 0, "229 Entering Extended Passive Mode (|||6446|)\r\n");
    EXPECT_TRUE(h.hub.claim_ftp_data("10.0.0.5", 40000, "10.0.0.9", 6446));
    control(ctl, 1, "AUTH TLS\r\n");
    control(ctl, 0, "234 go ahead\r\n227 Entering Passive Mode (10,0,0,9,7,209)\r\n");
    EXPECT_FALSE(h.hub.claim_ftp_data("10.0.0.5", 40001, "10.0.0.9", 2001));  // encrypted from 234 on
}

TEST(FtpControl, ListingIsNotAFile) {
    Hub h;
    FtpControlFollower ctl(h.hub, FlowRef{1, 1}, 0, "10.0.0.5", "10.0.0.9");
    control(ctl, 0, "PORT 10,0,0,5,23,112\r\nLIST\r\n");
    auto t = h.hub.claim_ftp_data("10.0.0.9", 20, "10.0.0.5", 6000);
    ASSERT_TRUE(t);
    StreamCollector data(h.hub, FlowRef{4, 1}, kNames, t);
    data.on_stream(1, bytes_of("-rw-r--r-- 1 a a 3 x\r\n"), false, 1, 1);
    data.finish();
    ASSERT_EQ(h.kept.objects.size(), 1u);
    EXPECT_EQ(h.kept.objects[0].scope, "tcp_stream");
}

TEST(StreamCollector, OneObjectPerDirectionWithGapsAndCuts) {
    limits::ContentLimits l;
    l.max_object_bytes = 8;
    Hub h(l);
    StreamCollector s(h.hub, FlowRef{9, 2}, kNames);
    s.on_stream(0, bytes_of("hello "), false, 1.5, 3);
    s.on_stream(1, bytes_of("0123"), false, 1.6, 4);
    s.on_stream(0, bytes_of("world"), true, 1.7, 6);  // after a gap; and past 8 bytes: cut now
    ASSERT_EQ(h.kept.objects.size(), 1u);
    EXPECT_EQ(text_of(h.kept.objects[0].bytes), "hello wo");
    EXPECT_FALSE(h.kept.objects[0].complete);
    EXPECT_EQ(h.kept.objects[0].direction, "to_server");
    EXPECT_EQ(h.kept.objects[0].name, kNames[0]);
    EXPECT_EQ(h.kept.objects[0].ts, 1.5);
    s.on_stream(0, bytes_of("more"), false, 1.8, 7);  // ignored: that direction is done
    s.on_close(1, false);
    ASSERT_EQ(h.kept.objects.size(), 2u);
    EXPECT_EQ(text_of(h.kept.objects[1].bytes), "0123");
    EXPECT_TRUE(h.kept.objects[1].complete);
    EXPECT_EQ(h.kept.objects[1].direction, "to_client");
    s.finish();
    EXPECT_EQ(h.kept.objects.size(), 2u);
    EXPECT_EQ(test::anomalies_named(h.sink, "content_limit_reached"), 1u);
}

TEST(DatagramCollector, RawStreamsCannotTakeTheWholeBudget) {
    limits::ContentLimits l;
    l.max_in_flight_bytes = 20;
    l.max_streams_in_flight_bytes = 8;
    Hub h(l);
    DatagramCollector d(h.hub, FlowRef{5, 1}, kNames);
    d.on_datagram(0, bytes_of("0123456789"), 1.0, 1);  // 8 bytes at most for raw streams: cut now
    ASSERT_EQ(h.kept.objects.size(), 1u);
    EXPECT_EQ(text_of(h.kept.objects[0].bytes), "01234567");
    EXPECT_FALSE(h.kept.objects[0].complete);
    // A file still has the rest of the in-flight budget while a raw stream holds its share.
    StreamCollector raw(h.hub, FlowRef{6, 1}, kNames);
    raw.on_stream(0, bytes_of("abcdef"), false, 1.0, 1);
    auto t = std::make_shared<FtpTransfer>();
    t->command = "STOR";
    t->path = "a.txt";
    StreamCollector file(h.hub, FlowRef{7, 1}, kNames, t);
    file.on_stream(0, bytes_of("ABCDEFGHIJKLMN"), false, 1.0, 1);
    file.on_close(0, false);
    ASSERT_EQ(h.kept.objects.size(), 2u);
    EXPECT_EQ(text_of(h.kept.objects[1].bytes), "ABCDEFGHIJKLMN");
    EXPECT_TRUE(h.kept.objects[1].complete);
    raw.finish();
    EXPECT_EQ(h.hub.budget().used(), 0u);
    EXPECT_EQ(h.hub.streams_budget().used(), 0u);
}

TEST(DatagramCollector, ConcatenatesPayloadsPerDirection) {
    Hub h;
    DatagramCollector d(h.hub, FlowRef{5, 1}, kNames);
    d.on_datagram(0, bytes_of("TỐI "), 2.0, 11);
    d.on_datagram(1, bytes_of("ack"), 2.1, 12);
    d.on_datagram(0, bytes_of("MẬT"), 2.2, 13);
    d.finish();
    ASSERT_EQ(h.kept.objects.size(), 2u);
    EXPECT_EQ(h.kept.objects[0].scope, "udp_payload");
    EXPECT_EQ(text_of(h.kept.objects[0].bytes), "TỐI MẬT");
    EXPECT_EQ(h.kept.objects[0].frame, 11);
    EXPECT_EQ(text_of(h.kept.objects[1].bytes), "ack");
}

TEST(SipBody, MessageAndInfoOnly) {
    Hub h;
    SipBody b;
    b.flow = FlowRef{4, 1};
    b.ts = 3.0;
    b.frame = 8;
    b.method = "MESSAGE";
    b.call_id = "abc@10.0.0.5";
    b.content_type = "text/plain";
    b.body = "Độ mật: TỐI MẬT";
    emit_sip_body(h.hub, b);
    b.method = "INVITE";
    emit_sip_body(h.hub, b);
    b.method = "INFO";
    b.body = "";
    emit_sip_body(h.hub, b);
    ASSERT_EQ(h.kept.objects.size(), 1u);
    EXPECT_EQ(h.kept.objects[0].scope, "sip_body");
    EXPECT_EQ(h.kept.objects[0].name, "SIP MESSAGE abc@10.0.0.5");
    EXPECT_EQ(text_of(h.kept.objects[0].bytes), "Độ mật: TỐI MẬT");
    EXPECT_EQ(h.kept.objects[0].direction, "to_server");
}

TEST(Multipart, BoundaryAndParameters) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"a b\"").value_or(""), "a b");
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data;charset=x; BOUNDARY=zz").value_or(""), "zz");
    EXPECT_FALSE(multipart_boundary("text/plain; boundary=x"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
    EXPECT_EQ(header_parameter("form-data; name=\"f\"; filename=\"a\\\"b.txt\"", "filename").value_or(""), "a\"b.txt");
    // A body cut before its closing delimiter: the last part is incomplete.
    const std::string body = "preamble\r\n--b\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\nabc";
    MultipartBody m = split_multipart(bytes_of(body), "b");
    ASSERT_EQ(m.parts.size(), 1u);
    EXPECT_EQ(m.parts[0].filename.value_or(""), "x");
    EXPECT_FALSE(m.parts[0].complete);
}

TEST(BodyDecoding, CodingNames) {
    EXPECT_EQ(coding_of("GZIP"), Coding::Gzip);
    EXPECT_EQ(coding_of("x-gzip"), Coding::Gzip);
    EXPECT_EQ(coding_of(" deflate "), Coding::Deflate);
    EXPECT_EQ(coding_of(""), Coding::Identity);
    EXPECT_EQ(coding_of("gzip, br"), Coding::Unsupported);
    // A truncated gzip stream gives what it had, not ok.
    const std::string gz = test::deflate_text(std::string(5000, 'x') + "tail", 31);
    Inflated half = inflate_body(bytes_of(std::string_view(gz).substr(0, gz.size() / 2)), Coding::Gzip, 1 << 20);
    EXPECT_FALSE(half.ok);
    EXPECT_FALSE(half.cut);
}

}  // namespace
}  // namespace vca::probes::content
