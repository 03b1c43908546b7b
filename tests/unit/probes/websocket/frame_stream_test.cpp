// FrameStream on frames built by hand (frame_builder.hpp) and on the example
// frames printed in RFC 6455 §5.7: masking, 7/16/64-bit lengths,
// fragmentation with control frames between fragments, any chunking, gaps,
// limits, extensions, and each framing error that stops a direction.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "probes/websocket/frame_stream.hpp"
#include "tests/unit/probes/websocket/frame_builder.hpp"

namespace vca::probes::websocket {
namespace {

using test::FrameSpec;
using test::LengthForm;
using test::view;
using test::Wire;

struct Recorder {
    std::vector<std::string> messages;
    std::vector<bool> after_gap;
    std::vector<std::string> notes;

    FrameStream stream(int side, FrameOptions options = {}) {
        return FrameStream(
            side,
            [this](core::Bytes m, bool gap) {
                messages.emplace_back(core::as_text(m));
                after_gap.push_back(gap);
            },
            [this](std::string_view name, std::string_view) { notes.emplace_back(name); }, options);
    }
};

void feed_whole(FrameStream& s, const Wire& w) { s.feed(view(w), false); }

void feed_bytewise(FrameStream& s, const Wire& w) {
    for (std::uint8_t b : w) s.feed(core::Bytes(&b, 1), false);
}

FrameSpec spec(std::uint8_t opcode, bool fin = true) {
    FrameSpec s;
    s.opcode = opcode;
    s.fin = fin;
    return s;
}

TEST(FrameStream, Rfc6455ExampleUnmaskedHello) {
    // RFC 6455 §5.7: a single-frame unmasked text message containing "Hello".
    const Wire w = {0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
    Recorder r;
    FrameStream s = r.stream(1);
    feed_whole(s, w);
    ASSERT_EQ(r.messages.size(), 1u);
    EXPECT_EQ(r.messages[0], "Hello");
    EXPECT_FALSE(r.after_gap[0]);
    EXPECT_TRUE(r.notes.empty());
}

TEST(FrameStream, Rfc6455ExampleMaskedHello) {
    // RFC 6455 §5.7: a single-frame masked text message containing "Hello".
    const Wire w = {0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58};
    Recorder r;
    FrameStream s = r.stream(0);
    feed_whole(s, w);
    ASSERT_EQ(r.messages.size(), 1u);
    EXPECT_EQ(r.messages[0], "Hello");
    EXPECT_TRUE(r.notes.empty());  // masked, as a client's frame must be
}

TEST(FrameStream, Rfc6455ExampleFragmentsAndPing) {
    // RFC 6455 §5.7: "Hel" + "lo" as two fragments, then an unmasked Ping
    // "Hello"; here the Ping is sent between the fragments (§5.4 allows it).
    const Wire w = {0x01, 0x03, 0x48, 0x65, 0x6c,                // text, not FIN: "Hel"
                    0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f,    // ping "Hello"
                    0x80, 0x02, 0x6c, 0x6f};                     // continuation, FIN: "lo"
    for (bool bytewise : {false, true}) {
        Recorder r;
        FrameStream s = r.stream(1);
        bytewise ? feed_bytewise(s, w) : feed_whole(s, w);
        ASSERT_EQ(r.messages.size(), 1u) << "bytewise=" << bytewise;
        EXPECT_EQ(r.messages[0], "Hello");
        EXPECT_EQ(s.stats().frames, 3u);
        EXPECT_EQ(s.stats().control_frames, 1u);
        EXPECT_EQ(s.stats().messages, 1u);
    }
}

TEST(FrameStream, Rfc6455Example16And64BitLengths) {
    // RFC 6455 §5.7: 256 bytes binary in one unmasked frame (0x82 0x7E 0x0100)
    // and 64 KiB in one unmasked frame (0x82 0x7F 0x0000000000010000).
    Wire w = {0x82, 0x7E, 0x01, 0x00};
    w.insert(w.end(), 256, 'a');
    const Wire head64 = {0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00};
    w.insert(w.end(), head64.begin(), head64.end());
    w.insert(w.end(), 65536, 'b');
    Recorder r;
    FrameStream s = r.stream(1);
    feed_whole(s, w);
    ASSERT_EQ(r.messages.size(), 2u);
    EXPECT_EQ(r.messages[0], std::string(256, 'a'));
    EXPECT_EQ(r.messages[1], std::string(65536, 'b'));
}

TEST(FrameStream, MaskedLongFormsAndNonMinimalLengths) {
    // A client (masked) message written with every length form, including a
    // 5-byte payload in the 16- and 64-bit forms (§5.2 says shortest, but a
    // reader can still follow it).
    const std::string big(70000, 'x');
    const std::string mid(300, 'y');
    FrameSpec m16, m64, small16, small64;
    m16.mask = m64.mask = small16.mask = small64.mask = std::array<std::uint8_t, 4>{0xA1, 0xB2, 0xC3, 0xD4};
    m64.form = small64.form = LengthForm::Ext64;
    m16.form = small16.form = LengthForm::Ext16;
    const Wire w = test::join({test::frame(m16, mid), test::frame(m64, big), test::frame(small16, "INVIT"),
                               test::frame(small64, "E sip")});
    for (bool bytewise : {false, true}) {
        Recorder r;
        FrameStream s = r.stream(0);
        bytewise ? feed_bytewise(s, w) : feed_whole(s, w);
        ASSERT_EQ(r.messages.size(), 4u);
        EXPECT_EQ(r.messages[0], mid);
        EXPECT_EQ(r.messages[1], big);
        EXPECT_EQ(r.messages[2], "INVIT");
        EXPECT_EQ(r.messages[3], "E sip");
    }
}

TEST(FrameStream, MaskedFragmentsKeepTheirOwnKeys) {
    FrameSpec first = spec(0x1, false), middle = spec(0x0, false), last = spec(0x0, true);
    first.mask = std::array<std::uint8_t, 4>{1, 2, 3, 4};
    middle.mask = std::array<std::uint8_t, 4>{0xFF, 0xEE, 0xDD, 0xCC};
    last.mask = std::array<std::uint8_t, 4>{9, 8, 7, 6};
    FrameSpec pong = spec(0xA);
    pong.mask = std::array<std::uint8_t, 4>{5, 5, 5, 5};
    FrameSpec close = spec(0x8);
    close.mask = std::array<std::uint8_t, 4>{7, 7, 7, 7};
    const Wire w = test::join({test::frame(first, "REGISTER sip:a"), test::frame(pong, "p"),
                               test::frame(middle, "@b SIP/2.0\r\n"), test::frame(last, "\r\n"),
                               test::frame(close, "\x03\xe8")});
    Recorder r;
    FrameStream s = r.stream(0);
    feed_whole(s, w);
    ASSERT_EQ(r.messages.size(), 1u);
    EXPECT_EQ(r.messages[0], "REGISTER sip:a@b SIP/2.0\r\n\r\n");
    EXPECT_TRUE(s.stats().close_seen);
    EXPECT_EQ(s.stats().control_frames, 2u);
}

TEST(FrameStream, AnyChunkingGivesTheSameMessages) {
    std::vector<Wire> frames;
    for (int i = 0; i < 20; ++i) {
        std::string payload(static_cast<std::size_t>(i * 37 % 300), static_cast<char>('a' + i));
        frames.push_back(i % 2 ? test::masked_text(payload, {std::uint8_t(i), 0x55, 0xAA, 0x0F}) : test::text(payload));
    }
    Wire all;
    for (const Wire& f : frames) all.insert(all.end(), f.begin(), f.end());
    Recorder whole;
    FrameStream ws = whole.stream(1);
    feed_whole(ws, all);
    ASSERT_EQ(whole.messages.size(), 20u);
    for (std::size_t step : {1u, 2u, 3u, 7u, 13u, 64u}) {
        Recorder r;
        FrameStream s = r.stream(1);
        for (std::size_t at = 0; at < all.size(); at += step)
            s.feed(view(all).subspan(at, std::min(step, all.size() - at)), false);
        EXPECT_EQ(r.messages, whole.messages) << "step " << step;
    }
    EXPECT_EQ(whole.messages[3], std::string(111, 'd'));
}

TEST(FrameStream, EmptyMessagesAreDelivered) {
    Recorder r;
    FrameStream s = r.stream(1);
    feed_whole(s, test::join({test::text(""), test::frame(spec(0x2), "")}));
    ASSERT_EQ(r.messages.size(), 2u);
    EXPECT_EQ(r.messages[0], "");
}

TEST(FrameStream, UnexpectedMaskingIsNotedButDecoded) {
    Recorder r;
    FrameStream s = r.stream(0);  // client frames must be masked
    feed_whole(s, test::join({test::text("OPTIONS"), test::text("BYE")}));
    ASSERT_EQ(r.messages.size(), 2u);
    EXPECT_EQ(r.notes, std::vector<std::string>{"websocket_mask_unexpected"});
}

struct BadCase {
    const char* name;
    Wire bytes;
    const char* reason;
};

TEST(FrameStreamInvalid, EachFramingErrorStopsWithItsReason) {
    Wire long_ping = {0x89, 0x7E, 0x00, 0x7E};
    long_ping.insert(long_ping.end(), 126, 'p');
    const std::vector<BadCase> cases = {
        {"rsv1 without extension", test::frame([] { FrameSpec s; s.rsv = 4; return s; }(), "x"), "websocket_rsv_bits"},
        {"rsv3 without extension", test::frame([] { FrameSpec s; s.rsv = 1; return s; }(), "x"), "websocket_rsv_bits"},
        {"reserved data opcode 3", test::frame(spec(0x3), "x"), "websocket_bad_opcode"},
        {"reserved control opcode 0xB", test::frame(spec(0xB), "x"), "websocket_bad_opcode"},
        {"64-bit length with the top bit", Wire{0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1}, "websocket_bad_length"},
        {"fragmented ping", test::frame(spec(0x9, false), "x"), "websocket_bad_control_frame"},
        {"ping over 125 bytes", long_ping, "websocket_bad_control_frame"},
        {"continuation with no message", test::frame(spec(0x0), "x"), "websocket_bad_continuation"},
        {"text inside a fragmented message",
         test::join({test::frame(spec(0x1, false), "a"), test::frame(spec(0x1), "b")}), "websocket_bad_continuation"},
    };
    for (const BadCase& c : cases) {
        for (bool bytewise : {false, true}) {
            Recorder r;
            FrameStream s = r.stream(1);
            const Wire w = test::join({test::text("before"), c.bytes, test::text("after")});
            bytewise ? feed_bytewise(s, w) : feed_whole(s, w);
            EXPECT_TRUE(s.stopped()) << c.name;
            EXPECT_EQ(s.stop_reason(), c.reason) << c.name;
            EXPECT_EQ(r.messages, std::vector<std::string>{"before"}) << c.name;
            EXPECT_EQ(r.notes, std::vector<std::string>{c.reason}) << c.name;
            s.feed(view(test::text("later")), false);
            EXPECT_EQ(r.messages.size(), 1u) << c.name;
        }
    }
}

TEST(FrameStreamLimits, MessageOverTheNamedLimitIsSkippedAndNoted) {
    // One byte over kMaxWebSocketMessage, in two fragments so the limit is
    // hit while reassembling, then a normal message that must still arrive.
    const std::size_t limit = core::limits::kMaxWebSocketMessage;
    const std::string half(limit / 2, 'h');
    const std::string rest(limit - half.size() + 1, 'r');
    const Wire w = test::join({test::frame(spec(0x2, false), half), test::frame(spec(0x0, true), rest),
                               test::text("SIP/2.0 200 OK")});
    Recorder r;
    FrameStream s = r.stream(1);
    feed_whole(s, w);
    EXPECT_FALSE(s.stopped());
    EXPECT_EQ(r.messages, std::vector<std::string>{"SIP/2.0 200 OK"});
    EXPECT_EQ(r.notes, std::vector<std::string>{"websocket_message_limit"});
    EXPECT_EQ(s.stats().oversized_messages, 1u);
}

TEST(FrameStreamLimits, MessageExactlyAtTheLimitIsDelivered) {
    const std::string exact(core::limits::kMaxWebSocketMessage, 'e');
    Recorder r;
    FrameStream s = r.stream(1);
    feed_whole(s, test::frame(spec(0x2), exact));
    ASSERT_EQ(r.messages.size(), 1u);
    EXPECT_EQ(r.messages[0].size(), exact.size());
    EXPECT_TRUE(r.notes.empty());
}

TEST(FrameStreamLimits, HugeDeclaredLengthIsSkippedByCounting) {
    // A 2^40-byte frame: nothing is allocated for it; the bytes that follow
    // belong to its payload.
    const Wire w = {0x82, 0x7F, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 'a', 'b'};
    Recorder r;
    FrameStream s = r.stream(1);
    feed_whole(s, w);
    EXPECT_FALSE(s.stopped());
    EXPECT_TRUE(r.messages.empty());
    EXPECT_EQ(s.stats().oversized_messages, 1u);
}

TEST(FrameStreamExtensions, CompressedMessageIsReportedNotDecoded) {
    FrameOptions o;
    o.extension_negotiated = true;
    FrameSpec deflated;
    deflated.rsv = 4;  // RSV1: permessage-deflate (RFC 7692 §6)
    deflated.mask = std::array<std::uint8_t, 4>{1, 1, 1, 1};
    // RFC 7692 §7.2.3.1: "Hello" compressed is f2 48 cd c9 c9 07 00.
    const std::string compressed = "\xf2\x48\xcd\xc9\xc9\x07\x00";
    const Wire w = test::join({test::frame(deflated, compressed), test::masked_text("plain")});
    Recorder r;
    FrameStream s = r.stream(0, o);
    feed_whole(s, w);
    EXPECT_FALSE(s.stopped());
    EXPECT_EQ(r.messages, std::vector<std::string>{"plain"});
    EXPECT_EQ(r.notes, std::vector<std::string>{"websocket_extension_message"});
    EXPECT_EQ(s.stats().extension_messages, 1u);
}

TEST(FrameStreamGaps, GapInsideAFrameDropsItAndResumesAtTheNextFrame) {
    // Client side: the first INVITE loses bytes in its middle; the chunk after
    // the gap starts inside its masked payload and goes on to the next frame.
    const Wire first = test::masked_text(std::string(200, 'I'), {0xde, 0xad, 0xbe, 0xef});
    const Wire second = test::masked_text("ACK sip:x SIP/2.0\r\n\r\n", {0x01, 0x02, 0x03, 0x04});
    const Wire third = test::masked_text("BYE sip:x SIP/2.0\r\n\r\n", {0x05, 0x06, 0x07, 0x08});
    Wire after;
    after.insert(after.end(), first.begin() + 120, first.end());
    after.insert(after.end(), second.begin(), second.end());
    after.insert(after.end(), third.begin(), third.end());
    for (bool bytewise : {false, true}) {
        Recorder r;
        FrameStream s = r.stream(0);
        s.feed(view(first).first(50), false);
        if (bytewise) {
            s.feed(view(after).first(1), true);
            for (std::size_t i = 1; i < after.size(); ++i) s.feed(view(after).subspan(i, 1), false);
        } else {
            s.feed(view(after), true);
        }
        ASSERT_EQ(r.messages.size(), 2u) << "bytewise=" << bytewise;
        EXPECT_EQ(r.messages[0], "ACK sip:x SIP/2.0\r\n\r\n");
        EXPECT_TRUE(r.after_gap[0]);
        EXPECT_EQ(r.messages[1], "BYE sip:x SIP/2.0\r\n\r\n");
        EXPECT_FALSE(r.after_gap[1]);
        EXPECT_EQ(r.notes, std::vector<std::string>{"websocket_gap"});
        EXPECT_EQ(s.stats().gaps, 1u);
    }
}

TEST(FrameStreamGaps, ContinuationsOfALostMessageAreSkipped) {
    // The gap swallowed the first fragment; its continuation frames must not
    // stop the stream, and the next message arrives.
    const Wire w = test::join({test::frame(spec(0x0, false), "middle"), test::frame(spec(0x0, true), "end"),
                               test::text("SIP/2.0 180 Ringing")});
    Recorder r;
    FrameStream s = r.stream(1);
    s.feed(view(test::frame(spec(0x1, false), "start")), false);
    s.feed(view(w), true);
    EXPECT_FALSE(s.stopped());
    EXPECT_EQ(r.messages, std::vector<std::string>{"SIP/2.0 180 Ringing"});
}

TEST(FrameStreamGaps, ChunkWithNoFrameStartIsDropped) {
    Recorder r;
    FrameStream s = r.stream(1);
    s.feed(view(std::string_view("abcdefghijklmnopqrstuvwxyz")), true);  // plain text: no header
    EXPECT_TRUE(r.messages.empty());
    EXPECT_FALSE(s.stopped());
    s.feed(view(test::text("SIP/2.0 200 OK")), false);
    EXPECT_EQ(r.messages, std::vector<std::string>{"SIP/2.0 200 OK"});
}

}  // namespace
}  // namespace vca::probes::websocket
