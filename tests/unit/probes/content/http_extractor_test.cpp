// HttpBodyExtractor: bodies framed by Content-Length and chunked coding,
// gzip/deflate inflated, pipelined messages paired with their requests,
// multipart uploads split into files, cuts at every bound, gaps.
#include <gtest/gtest.h>

#include "probes/content/http_extractor.hpp"
#include "content_test_support.hpp"

namespace vca::probes::content {
namespace {

using test::bytes_of;
using test::deflate_text;
using test::Kept;
using test::text_of;

struct Fixture {
    explicit Fixture(limits::ContentLimits l = {}) : hub(kept, sink, l), http(hub, FlowRef{7, 3}, "10.0.0.9:80") {}
    // Side 0 is the client here; `one_by_one` feeds a byte at a time.
    void feed(int side, std::string_view data, bool one_by_one = false, bool gap = false) {
        if (!one_by_one) {
            http.on_stream(side, bytes_of(data), gap, 100.0 + side, 10 + side);
            return;
        }
        for (std::size_t i = 0; i < data.size(); ++i)
            http.on_stream(side, bytes_of(data.substr(i, 1)), gap && i == 0, 100.0 + static_cast<double>(i), 10 + static_cast<std::int64_t>(i));
    }
    Kept kept;
    facts::MemorySink sink;
    ContentHub hub;
    HttpBodyExtractor http;
};

const std::string kMarked = "Độ mật: TỐI MẬT\nBiên bản họp giao ban\n";

std::string chunked(std::string_view body, std::size_t piece) {
    std::string out;
    for (std::size_t i = 0; i < body.size(); i += piece) {
        const std::string_view p = body.substr(i, piece);
        char size[16];
        std::snprintf(size, sizeof size, "%zx", p.size());
        out += std::string(size) + "\r\n" + std::string(p) + "\r\n";
    }
    return out + "0\r\n\r\n";
}

TEST(HttpExtractor, ChunkedGzipResponseIsDechunkedAndInflated) {
    for (bool one_by_one : {false, true}) {
        Fixture fx;
        const std::string gz = deflate_text(kMarked, 31);
        fx.feed(0, "GET /files/minutes.txt HTTP/1.1\r\nHost: vc.example\r\n\r\n", one_by_one);
        fx.feed(1,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
                "Transfer-Encoding: chunked\r\n\r\n" + chunked(gz, 7),
                one_by_one);
        ASSERT_EQ(fx.kept.objects.size(), 1u) << one_by_one;
        const ContentObject& o = fx.kept.objects[0];
        EXPECT_EQ(text_of(o.bytes), kMarked);
        EXPECT_EQ(o.scope, "http_body");
        EXPECT_EQ(o.name, "GET vc.example/files/minutes.txt");
        EXPECT_EQ(o.direction, "to_client");
        EXPECT_EQ(o.content_type.value_or(""), "text/plain");
        EXPECT_EQ(o.flow_id, 7);
        EXPECT_EQ(o.input_id, 3);
        EXPECT_TRUE(o.complete);
    }
}

TEST(HttpExtractor, DeflateZlibAndRawBothInflate) {
    for (int bits : {15, -15}) {
        Fixture fx;
        const std::string z = deflate_text(kMarked, bits);
        fx.feed(0, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
        fx.feed(1, "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: " + std::to_string(z.size()) +
                       "\r\n\r\n" + z);
        ASSERT_EQ(fx.kept.objects.size(), 1u) << bits;
        EXPECT_EQ(text_of(fx.kept.objects[0].bytes), kMarked);
        EXPECT_TRUE(fx.kept.objects[0].complete);
    }
}

TEST(HttpExtractor, BrokenGzipKeepsBytesAndSaysSo) {
    Fixture fx;
    fx.feed(0, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
    fx.feed(1, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 9\r\n\r\nnot gzip!");
    ASSERT_EQ(fx.kept.objects.size(), 1u);
    EXPECT_EQ(text_of(fx.kept.objects[0].bytes), "not gzip!");
    EXPECT_FALSE(fx.kept.objects[0].complete);
    EXPECT_EQ(test::anomalies_named(fx.sink, "content_decode_failed"), 1u);
}

TEST(HttpExtractor, PipelinedRequestsAndResponsesPairInOrder) {
    Fixture fx;
    // Three requests in one segment (one HEAD), then their responses in one segment.
    fx.feed(0,
            "POST /one HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nfirst"
            "HEAD /big HTTP/1.1\r\nHost: a\r\n\r\n"
            "PUT /two HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nsec\r\n3\r\nond\r\n0\r\n\r\n");
    fx.feed(1,
            "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nr1"
            "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"  // HEAD: no body follows
            "HTTP/1.1 100 Continue\r\n\r\n"
            "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nr3");
    ASSERT_EQ(fx.kept.objects.size(), 4u);
    EXPECT_EQ(fx.kept.objects[0].name, "POST a/one");
    EXPECT_EQ(text_of(fx.kept.objects[0].bytes), "first");
    EXPECT_EQ(fx.kept.objects[0].direction, "to_server");
    EXPECT_EQ(fx.kept.objects[1].name, "PUT a/two");
    EXPECT_EQ(text_of(fx.kept.objects[1].bytes), "second");
    EXPECT_EQ(fx.kept.objects[2].name, "POST a/one");
    EXPECT_EQ(text_of(fx.kept.objects[2].bytes), "r1");
    EXPECT_EQ(fx.kept.objects[2].direction, "to_client");
    EXPECT_EQ(fx.kept.objects[3].name, "PUT a/two");
    EXPECT_EQ(text_of(fx.kept.objects[3].bytes), "r3");
}

TEST(HttpExtractor, MultipartUploadGivesOneObjectPerFile) {
    Fixture fx;
    const std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nminutes\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"bien ban.txt\"\r\n"
        "Content-Type: text/plain\r\n\r\n" + kMarked + "\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"scan\"; filename*=UTF-8''qd%201.pdf\r\n"
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\nbinary\r\n"
        "--XyZ--\r\n";
    fx.feed(0, "POST /upload HTTP/1.1\r\nHost: files.local:8080\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body,
            true);
    ASSERT_EQ(fx.kept.objects.size(), 2u);
    EXPECT_EQ(fx.kept.objects[0].name, "POST files.local:8080/upload bien ban.txt");
    EXPECT_EQ(text_of(fx.kept.objects[0].bytes), kMarked);
    EXPECT_EQ(fx.kept.objects[0].content_type.value_or(""), "text/plain");
    EXPECT_EQ(fx.kept.objects[1].name, "POST files.local:8080/upload qd 1.pdf");
    EXPECT_EQ(text_of(fx.kept.objects[1].bytes), "%PDF-1.4\r\nbinary");
    EXPECT_EQ(fx.kept.objects[1].content_type.value_or(""), "application/pdf");
    EXPECT_TRUE(fx.kept.objects[0].complete && fx.kept.objects[1].complete);
}

TEST(HttpExtractor, MultipartWithoutFilesIsOneBody) {
    Fixture fx;
    const std::string body = "--b\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nvalue\r\n--b--\r\n";
    fx.feed(0, "POST /f HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body);
    ASSERT_EQ(fx.kept.objects.size(), 1u);
    EXPECT_EQ(text_of(fx.kept.objects[0].bytes), body);
}

TEST(HttpExtractor, ObjectLimitCutsAndRecordsAnomaly) {
    limits::ContentLimits l;
    l.max_object_bytes = 16;
    Fixture fx(l);
    fx.feed(0, "POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 40\r\n\r\n0123456789abcdefghijklmnopqrstuvwxyzABCD");
    ASSERT_EQ(fx.kept.objects.size(), 1u);
    EXPECT_EQ(text_of(fx.kept.objects[0].bytes), "0123456789abcdef");
    EXPECT_FALSE(fx.kept.objects[0].complete);
    EXPECT_EQ(test::anomalies_named(fx.sink, "content_limit_reached"), 1u);
    EXPECT_EQ(fx.hub.budget().used(), 0u);  // everything given back
}

TEST(HttpExtractor, FlowLimitCutsWhatTheFlowHolds) {
    limits::ContentLimits l;
    l.max_flow_bytes = 10;
    Fixture fx(l);
    // A request body and its response held at once: 6 + 6 > 10.
    fx.feed(0, "POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\n012345", false);
    ASSERT_EQ(fx.kept.objects.size(), 1u);  // emitted, budget given back
    fx.feed(1, "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nabcdef");
    fx.feed(0, "POST /v HTTP/1.1\r\nHost: h\r\nContent-Length: 8\r\n\r\nABCDEFGH");
    ASSERT_EQ(fx.kept.objects.size(), 2u);  // the request: only 4 bytes left for this flow
    EXPECT_EQ(text_of(fx.kept.objects[1].bytes), "ABCD");
    EXPECT_FALSE(fx.kept.objects[1].complete);
    EXPECT_EQ(test::anomalies_named(fx.sink, "content_limit_reached"), 1u);
    fx.feed(1, "ghijkl");
    ASSERT_EQ(fx.kept.objects.size(), 3u);
    EXPECT_EQ(text_of(fx.kept.objects[2].bytes), "abcdefghij");
    EXPECT_FALSE(fx.kept.objects[2].complete);
    EXPECT_EQ(test::anomalies_named(fx.sink, "content_limit_reached"), 2u);
    EXPECT_EQ(fx.hub.budget().used(), 0u);
}

TEST(HttpExtractor, InFlightLimitIsSharedByFlows) {
    limits::ContentLimits l;
    l.max_in_flight_bytes = 10;
    Kept kept;
    facts::MemorySink sink;
    ContentHub hub(kept, sink, l);
    HttpBodyExtractor a(hub, FlowRef{1, 1}, "s:80"), b(hub, FlowRef{2, 1}, "s:80");
    a.on_stream(0, bytes_of("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n0123456"), false, 1, 1);
    EXPECT_EQ(hub.budget().used(), 7u);
    b.on_stream(0, bytes_of("POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nabcde"), false, 2, 2);
    ASSERT_EQ(kept.objects.size(), 1u);  // b's body: only 3 bytes were left in flight
    EXPECT_EQ(text_of(kept.objects[0].bytes), "abc");
    EXPECT_FALSE(kept.objects[0].complete);
    EXPECT_EQ(test::anomalies_named(sink, "content_limit_reached"), 1u);
    a.finish();
    ASSERT_EQ(kept.objects.size(), 2u);
    EXPECT_EQ(text_of(kept.objects[1].bytes), "0123456");
    EXPECT_FALSE(kept.objects[1].complete);  // the capture ended inside the body
    EXPECT_EQ(hub.budget().used(), 0u);
}

TEST(HttpExtractor, InflationBombIsCut) {
    limits::ContentLimits l;
    l.max_inflated_bytes = 1000;
    Fixture fx(l);
    const std::string gz = deflate_text(std::string(100000, 'A'), 31);
    fx.feed(0, "GET /bomb HTTP/1.1\r\nHost: h\r\n\r\n");
    fx.feed(1, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + std::to_string(gz.size()) + "\r\n\r\n" + gz);
    ASSERT_EQ(fx.kept.objects.size(), 1u);
    EXPECT_EQ(fx.kept.objects[0].bytes.size(), 1000u);
    EXPECT_FALSE(fx.kept.objects[0].complete);
    EXPECT_EQ(test::anomalies_named(fx.sink, "content_limit_reached"), 1u);
}

TEST(HttpExtractor, GapCutsTheBodyInProgress) {
    Fixture fx;
    fx.feed(0, "POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n01234");
    fx.feed(0, "89", false, true);  // bytes 5-7 never arrived
    ASSERT_EQ(fx.kept.objects.size(), 1u);
    EXPECT_EQ(text_of(fx.kept.objects[0].bytes), "01234");
    EXPECT_FALSE(fx.kept.objects[0].complete);
    // The framing resynchronises on the next request.
    fx.feed(0, "\r\nPOST /v HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok");
    ASSERT_EQ(fx.kept.objects.size(), 2u);
    EXPECT_TRUE(fx.kept.objects[1].complete);
}

TEST(HttpExtractor, ResponseUntilCloseEndsAtFinishAndUpgradeStops) {
    Fixture fx;
    fx.feed(0, "GET /old HTTP/1.0\r\nHost: h\r\n\r\n");
    fx.feed(1, "HTTP/1.0 200 OK\r\n\r\nto the end");
    EXPECT_TRUE(fx.kept.objects.empty());
    fx.http.finish();
    ASSERT_EQ(fx.kept.objects.size(), 1u);
    EXPECT_EQ(text_of(fx.kept.objects[0].bytes), "to the end");
    EXPECT_TRUE(fx.kept.objects[0].complete);

    Fixture ws;
    ws.feed(0, "GET /sip HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n");
    ws.feed(1, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
    ws.feed(1, "\x81\x05hello");
    ws.http.finish();
    EXPECT_TRUE(ws.kept.objects.empty());
}

}  // namespace
}  // namespace vca::probes::content
