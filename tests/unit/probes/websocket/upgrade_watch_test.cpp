// UpgradeWatch on hand-written handshakes (RFC 6455 §1.3, §4; RFC 7118 §5
// for the "sip" subprotocol): where frames start, what was negotiated, and
// each way a flow turns out not to be WebSocket.
#include <gtest/gtest.h>

#include <string>

#include "auditor/core/limits.hpp"
#include "probes/websocket/upgrade_watch.hpp"
#include "tests/unit/probes/websocket/frame_builder.hpp"

namespace vca::probes::websocket {
namespace {

using test::view;
using test::Wire;

// RFC 7118 §A.1 style handshake (values from RFC 6455 §1.3).
constexpr std::string_view kRequest =
    "GET /sip?token=abc HTTP/1.1\r\n"
    "Host: proxy.example.com\r\n"
    "Upgrade: websocket\r\n"
    "Connection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Origin: http://www.example.com\r\n"
    "Sec-WebSocket-Protocol: sip\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "\r\n";
constexpr std::string_view kResponse =
    "HTTP/1.1 101 Switching Protocols\r\n"
    "Upgrade: websocket\r\n"
    "Connection: Upgrade\r\n"
    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
    "Sec-WebSocket-Protocol: sip\r\n"
    "\r\n";

Wire bytes(std::string_view s) { return {s.begin(), s.end()}; }

TEST(UpgradeWatch, HandshakeThenFramesOnBothSides) {
    UpgradeWatch w;
    EXPECT_EQ(w.feed(0, view(kRequest), false), UpgradeWatch::kNoFrames);
    EXPECT_EQ(w.state(), UpgradeState::Waiting);
    EXPECT_EQ(w.feed(1, view(kResponse), false), kResponse.size());  // frames from the next chunk on
    EXPECT_EQ(w.state(), UpgradeState::Upgraded);
    EXPECT_EQ(w.subprotocol(), "sip");
    EXPECT_EQ(w.offered_subprotocols(), "sip");
    EXPECT_FALSE(w.extension_negotiated());
    EXPECT_EQ(w.response_status(), 101);
    EXPECT_TRUE(w.request_seen());
    EXPECT_EQ(w.request_target(), "/sip");  // the query (an access token here) is not kept
    EXPECT_TRUE(w.take_early_client_bytes().bytes.empty());
    const Wire frame = test::masked_text("REGISTER");
    EXPECT_EQ(w.feed(0, view(frame), false), 0u);
    EXPECT_EQ(w.feed(1, view(test::text("SIP/2.0 200 OK")), false), 0u);
}

TEST(UpgradeWatch, ResponseHeadAndFirstFrameInOneChunk) {
    UpgradeWatch w;
    w.feed(0, view(kRequest), false);
    const Wire chunk = test::join({bytes(kResponse), test::text("SIP/2.0 100 Trying")});
    EXPECT_EQ(w.feed(1, view(chunk), false), kResponse.size());
}

TEST(UpgradeWatch, HeadsSplitOneByteAtATime) {
    UpgradeWatch w;
    for (char c : kRequest) EXPECT_EQ(w.feed(0, view(std::string_view(&c, 1)), false), UpgradeWatch::kNoFrames);
    std::size_t frames_at = UpgradeWatch::kNoFrames, index = 0;
    for (char c : kResponse) {
        const std::size_t at = w.feed(1, view(std::string_view(&c, 1)), false);
        if (at != UpgradeWatch::kNoFrames) {
            frames_at = at;
            break;
        }
        ++index;
    }
    EXPECT_EQ(index, kResponse.size() - 1);  // the last LF ends the head
    EXPECT_EQ(frames_at, 1u);                // frames begin after it, in the next chunk
    EXPECT_EQ(w.state(), UpgradeState::Upgraded);
}

TEST(UpgradeWatch, ClientBytesBeforeThe101AreHeldForTheCaller) {
    UpgradeWatch w;
    const Wire early = test::masked_text("OPTIONS sip:x SIP/2.0");
    const Wire chunk = test::join({bytes(kRequest), early});
    EXPECT_EQ(w.feed(0, view(chunk), false), UpgradeWatch::kNoFrames);
    EXPECT_EQ(w.feed(1, view(kResponse), false), kResponse.size());
    const EarlyClientBytes held = w.take_early_client_bytes();
    EXPECT_EQ(held.bytes, early);
    EXPECT_FALSE(held.cut);
    EXPECT_EQ(w.feed(0, view(test::masked_text("x")), false), 0u);
}

TEST(UpgradeWatch, ExtensionAcceptedByTheServerIsExposed) {
    UpgradeWatch w;
    std::string request(kRequest);
    request.insert(request.size() - 2, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
    std::string response(kResponse);
    response.insert(response.size() - 2, "Sec-WebSocket-Extensions: permessage-deflate\r\n");
    w.feed(0, view(request), false);
    w.feed(1, view(response), false);
    EXPECT_EQ(w.state(), UpgradeState::Upgraded);
    EXPECT_TRUE(w.extension_negotiated());
    EXPECT_EQ(w.extensions(), "permessage-deflate");
}

TEST(UpgradeWatch, ResponseWithoutARequestSeen) {
    // The capture began after the request: the 101 alone decides.
    UpgradeWatch w;
    EXPECT_EQ(w.feed(1, view(kResponse), false), kResponse.size());
    EXPECT_EQ(w.state(), UpgradeState::Upgraded);
    EXPECT_FALSE(w.request_seen());
    EXPECT_EQ(w.feed(0, view(test::masked_text("ACK")), false), 0u);
}

TEST(UpgradeWatch, FoldedAndRepeatedFieldsAreJoined) {
    UpgradeWatch w;
    const std::string request =
        "GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: h2c,\r\n websocket\r\n"
        "Sec-WebSocket-Protocol: msrp\r\nsec-websocket-protocol: SIP\r\n\r\n";
    w.feed(0, view(request), false);
    w.feed(1, view(std::string_view("HTTP/1.1 101 OK\r\nupgrade: WebSocket\r\nSec-WebSocket-Protocol: SIP\r\n\r\n")),
           false);
    EXPECT_EQ(w.state(), UpgradeState::Upgraded);
    EXPECT_EQ(w.offered_subprotocols(), "msrp, SIP");
    EXPECT_EQ(w.subprotocol(), "SIP");
}

struct NotWs {
    const char* name;
    std::string client, server;
    const char* reason;
};

TEST(UpgradeWatchNot, EachRefusalHasItsReason) {
    const std::vector<NotWs> cases = {
        {"TLS ClientHello", std::string("\x16\x03\x01\x02\x00", 5), "", "not_http"},
        {"POST", "POST /x HTTP/1.1\r\n\r\n", "", "not_http"},
        {"plain GET", "GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n", "", "not_upgrade_request"},
        {"h2c upgrade", "GET / HTTP/1.1\r\nUpgrade: h2c\r\n\r\n", "", "not_upgrade_request"},
        {"bad request line", "GET /\r\nUpgrade: websocket\r\n\r\n", "", "bad_head"},
        {"401 answer", std::string(kRequest), "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n",
         "upgrade_refused"},
        {"101 to h2c", std::string(kRequest), "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
         "not_websocket_upgrade"},
        {"server speaks first", "", "SSH-2.0-OpenSSH_9.6\r\n", "not_http"},
    };
    for (const NotWs& c : cases) {
        UpgradeWatch w;
        if (!c.client.empty()) {
            EXPECT_EQ(w.feed(0, view(c.client), false), UpgradeWatch::kNoFrames) << c.name;
        }
        if (!c.server.empty()) {
            EXPECT_EQ(w.feed(1, view(c.server), false), UpgradeWatch::kNoFrames) << c.name;
        }
        EXPECT_EQ(w.state(), UpgradeState::NotWebSocket) << c.name;
        EXPECT_EQ(w.not_websocket_reason(), c.reason) << c.name;
        EXPECT_EQ(w.feed(1, view(test::text("x")), false), UpgradeWatch::kNoFrames) << c.name;
    }
}

TEST(UpgradeWatchNot, GapBeforeTheUpgrade) {
    UpgradeWatch w;
    w.feed(0, view(kRequest.substr(0, 20)), false);
    w.feed(0, view(kRequest.substr(30)), true);
    EXPECT_EQ(w.state(), UpgradeState::NotWebSocket);
    EXPECT_EQ(w.not_websocket_reason(), "gap_before_upgrade");
}

TEST(UpgradeWatchLimits, HeadLongerThanTheNamedLimit) {
    UpgradeWatch w;
    std::string head = "GET / HTTP/1.1\r\nUpgrade: websocket\r\nCookie: ";
    head.append(core::limits::kMaxWebSocketHandshakeBytes, 'c');
    for (std::size_t at = 0; at < head.size(); at += 1000)
        w.feed(0, view(std::string_view(head).substr(at, 1000)), false);
    EXPECT_EQ(w.state(), UpgradeState::NotWebSocket);
    EXPECT_EQ(w.not_websocket_reason(), "handshake_head_limit");
}

TEST(UpgradeWatchLimits, HeadJustUnderTheLimitIsRead) {
    UpgradeWatch w;
    std::string head = "GET / HTTP/1.1\r\nUpgrade: websocket\r\nCookie: ";
    head.append(core::limits::kMaxWebSocketHandshakeBytes - head.size() - 4, 'c');
    head += "\r\n\r\n";
    ASSERT_EQ(head.size(), core::limits::kMaxWebSocketHandshakeBytes);
    w.feed(0, view(head), false);
    w.feed(1, view(kResponse), false);
    EXPECT_EQ(w.state(), UpgradeState::Upgraded);
}

TEST(UpgradeWatchLimits, EarlyClientBytesOverTheLimitAreCut) {
    UpgradeWatch w;
    w.feed(0, view(kRequest), false);
    const std::string lots(core::limits::kMaxWebSocketHandshakeBytes + 10, 'z');
    w.feed(0, view(lots), false);
    w.feed(1, view(kResponse), false);
    const EarlyClientBytes held = w.take_early_client_bytes();
    EXPECT_EQ(held.bytes.size(), core::limits::kMaxWebSocketHandshakeBytes);
    EXPECT_TRUE(held.cut);
}

}  // namespace
}  // namespace vca::probes::websocket
