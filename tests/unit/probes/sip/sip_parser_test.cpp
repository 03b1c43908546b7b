// Tests for probes/sip/sip_parser: real messages from the shared public corpus
// (sip_fixtures.hpp, read at run time; values cross-checked with tshark) and
// one test per named malformed variant, each asserting the exact status.
#include "probes/sip/sip_parser.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "auditor/core/limits.hpp"
#include "probes/sip/sdp_parser.hpp"
#include "tests/unit/probes/sip/sip_fixtures.hpp"

namespace vca::probes::sip {
namespace {

core::Bytes bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

SipParseResult parse(std::string_view s, bool datagram) { return parse_sip_message(bytes(s), datagram); }

constexpr std::string_view kOptions =
    "OPTIONS sip:carol@chicago.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877\r\n"
    "To: <sip:carol@chicago.com>\r\n"
    "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710\r\n"
    "CSeq: 63104 OPTIONS\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

// ------------------------------------------------------------ real captures

TEST(SipMessage, CompactFormInviteFromCapture) {
    const std::string invite = fixtures::compact_form_invite();
    const SipParseResult r = parse(invite, true);
    ASSERT_EQ(r.status, ParseStatus::Ok) << r.error;
    EXPECT_EQ(r.consumed, invite.size());
    const SipMessageView& m = r.msg;
    EXPECT_TRUE(m.is_request);
    EXPECT_EQ(m.method, "INVITE");
    EXPECT_EQ(m.request_uri, "sip:97239287044@voip.brujula.net");
    EXPECT_EQ(m.header("Call-ID"), "105090259-446faf7a@192.168.1.2");
    EXPECT_EQ(m.header("content-length"), "272");
    EXPECT_EQ(m.header("Via"), "SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bKnp104984053-44ce4a41192.168.1.2;rport");
    ASSERT_TRUE(m.content_length.has_value());
    EXPECT_EQ(*m.content_length, 272U);
    EXPECT_EQ(m.body.size(), 272U);
    EXPECT_FALSE(m.body_truncated);
    EXPECT_EQ(m.body.substr(0, 5), "v=0\r\n");
    EXPECT_EQ(uri_of(*m.header("From")), "sip:816666@voip.brurjula.net");
    EXPECT_EQ(uri_of(*m.header("To")), "sip:97239287044@voip.brujula.net");
    EXPECT_TRUE(is_sdp_content_type(*m.header("Content-Type")));
    EXPECT_EQ(m.header("User-Agent"), "Nero SIPPS IP Phone Version 2.0.51.16");
    EXPECT_EQ(m.headers.size(), 13U);
}

TEST(SipMessage, TcpInviteFromCapture) {
    const std::string invite = fixtures::tcp_invite();
    const SipParseResult r = parse(invite, false);
    ASSERT_EQ(r.status, ParseStatus::Ok) << r.error;
    EXPECT_EQ(r.consumed, invite.size());
    EXPECT_EQ(r.msg.request_uri, "sip:201@10.33.6.101;user=phone");
    EXPECT_EQ(r.msg.header("i"), "158936656982201062716@10.33.6.100");
    EXPECT_EQ(uri_of(*r.msg.header("f")), "sip:101@10.33.6.100");
    EXPECT_EQ(uri_of(*r.msg.header("t")), "sip:201@10.33.6.101;user=phone");
    EXPECT_EQ(r.msg.body.size(), 228U);
}

TEST(SipMessage, MultipleMessagesInOneTcpSegment) {
    const std::string invite = fixtures::tcp_invite();
    const std::string trying = fixtures::tcp_trying();
    const std::string segment = invite + trying;
    const SipParseResult first = parse(segment, false);
    ASSERT_EQ(first.status, ParseStatus::Ok) << first.error;
    EXPECT_EQ(first.consumed, invite.size());
    EXPECT_EQ(first.msg.method, "INVITE");
    const SipParseResult second = parse(std::string_view(segment).substr(first.consumed), false);
    ASSERT_EQ(second.status, ParseStatus::Ok) << second.error;
    EXPECT_EQ(second.consumed, trying.size());
    EXPECT_FALSE(second.msg.is_request);
    EXPECT_EQ(second.msg.status_code, 100);
    EXPECT_EQ(second.msg.reason, "Trying");
    EXPECT_TRUE(second.msg.body.empty());
    EXPECT_EQ(first.consumed + second.consumed, segment.size());
}

TEST(SipMessage, EveryPrefixOfAStreamMessageNeedsMore) {
    const std::string invite = fixtures::tcp_invite();
    const std::string_view msg = invite;
    for (std::size_t n = 0; n < msg.size(); ++n) {
        const SipParseResult r = parse(msg.substr(0, n), false);
        ASSERT_EQ(r.status, ParseStatus::NeedMore) << "prefix " << n << ": " << r.error;
        EXPECT_EQ(r.consumed, 0U);
    }
}

TEST(SipMessage, SniffsSipAndNotOthers) {
    EXPECT_TRUE(looks_like_sip(bytes(fixtures::tcp_invite())));
    EXPECT_TRUE(looks_like_sip(bytes(fixtures::tcp_trying())));
    EXPECT_TRUE(looks_like_sip(bytes("\r\n\r\nREGISTER sip:example.com SIP/2.0\r\n")));
    EXPECT_TRUE(looks_like_sip(bytes("INVITE sip:bob@exam")));  // incomplete line
    EXPECT_FALSE(looks_like_sip(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
    EXPECT_FALSE(looks_like_sip(bytes("HTTP/1.1 200 OK\r\n")));
    EXPECT_FALSE(looks_like_sip(bytes("\x16\x03\x01\x02\x00\x01")));
    EXPECT_FALSE(looks_like_sip(bytes("")));
}

// ------------------------------------------------------------ grammar cases

TEST(SipMessage, CompactHeadersMatchBothWays) {
    const std::string msg =
        "MESSAGE sip:bob@example.com SIP/2.0\r\n"
        "v: SIP/2.0/TCP h1;branch=z9hG4bK1\r\n"
        "Via: SIP/2.0/TCP h2;branch=z9hG4bK2\r\n"
        "i: abc@host\r\n"
        "F: <sip:alice@example.com>;tag=9\r\n"
        "t: sip:bob@example.com\r\n"
        "c: text/plain\r\n"
        "o: presence\r\n"
        "x: 1800\r\n"
        "l: 2\r\n"
        "\r\nhi";
    const SipParseResult r = parse(msg, false);
    ASSERT_EQ(r.status, ParseStatus::Ok) << r.error;
    EXPECT_EQ(r.msg.header("Call-ID"), "abc@host");
    EXPECT_EQ(r.msg.header("CALL-ID"), "abc@host");
    EXPECT_EQ(r.msg.header("From"), "<sip:alice@example.com>;tag=9");
    EXPECT_EQ(r.msg.header("Content-Type"), "text/plain");
    EXPECT_EQ(r.msg.header("Event"), "presence");
    EXPECT_EQ(r.msg.header("Session-Expires"), "1800");
    EXPECT_EQ(r.msg.header("Via"), "SIP/2.0/TCP h1;branch=z9hG4bK1");
    EXPECT_EQ(r.msg.header_values("v").size(), 2U);
    EXPECT_EQ(r.msg.body, "hi");
    // And a full name is found through its compact form.
    const SipParseResult opt = parse(kOptions, true);
    EXPECT_EQ(opt.msg.header("i"), "a84b4c76e66710");
    EXPECT_EQ(opt.msg.header("l"), "0");
    EXPECT_FALSE(opt.msg.header("Subject").has_value());
    EXPECT_EQ(canonical_header_name("k"), "Supported");
    EXPECT_EQ(canonical_header_name("r"), "Refer-To");
    EXPECT_EQ(canonical_header_name("u"), "Allow-Events");
    EXPECT_EQ(canonical_header_name("e"), "Content-Encoding");
    EXPECT_EQ(canonical_header_name("s"), "Subject");
    EXPECT_EQ(canonical_header_name("m"), "Contact");
    EXPECT_EQ(canonical_header_name("X-Custom"), "X-Custom");
}

TEST(SipMessage, FoldedHeaders) {
    // RFC 3261 §7.3.1's own example of folding.
    const std::string msg =
        "OPTIONS sip:carol@chicago.com SIP/2.0\r\n"
        "Subject: I know you're there,\r\n"
        "         pick up the phone\r\n"
        "\tand talk to me!\r\n"
        "Call-ID: a84b4c76e66710\r\n"
        "Content-Length: 0\r\n"
        "\r\n";
    const SipParseResult r = parse(msg, false);
    ASSERT_EQ(r.status, ParseStatus::Ok) << r.error;
    ASSERT_EQ(r.msg.headers.size(), 3U);
    const auto subject = r.msg.header("s");
    ASSERT_TRUE(subject.has_value());
    EXPECT_EQ(subject->substr(0, 20), "I know you're there,");
    EXPECT_EQ(subject->substr(subject->size() - 15), "and talk to me!");
    EXPECT_EQ(unfold(*subject), "I know you're there, pick up the phone and talk to me!");
    EXPECT_EQ(r.msg.header("Call-ID"), "a84b4c76e66710");
}

TEST(SipMessage, FoldedEmptyFirstLine) {
    const std::string msg =
        "OPTIONS sip:carol@chicago.com SIP/2.0\r\n"
        "Subject:\r\n"
        " later\r\n"
        "Content-Length: 0\r\n"
        "\r\n";
    const SipParseResult r = parse(msg, true);
    ASSERT_EQ(r.status, ParseStatus::Ok) << r.error;
    EXPECT_EQ(r.msg.header("Subject"), "later");
}

TEST(SipMessage, BareLfLineEnds) {
    const std::string msg =
        "SIP/2.0 180 Ringing\n"
        "Call-ID: x1\n"
        "Content-Length: 3\n"
        "\n"
        "abcEXTRA";
    const SipParseResult r = parse(msg, false);
    ASSERT_EQ(r.status, ParseStatus::Ok) << r.error;
    EXPECT_EQ(r.msg.status_code, 180);
    EXPECT_EQ(r.msg.reason, "Ringing");
    EXPECT_EQ(r.msg.header("Call-ID"), "x1");
    EXPECT_EQ(r.msg.body, "abc");
    EXPECT_EQ(r.consumed, msg.size() - 5);
}

TEST(SipMessage, LeadingKeepAlivesAreSkipped) {
    const std::string msg = "\r\n\r\n" + std::string(kOptions);
    const SipParseResult r = parse(msg, false);
    ASSERT_EQ(r.status, ParseStatus::Ok) << r.error;
    EXPECT_EQ(r.consumed, msg.size());
    EXPECT_EQ(r.msg.method, "OPTIONS");
}

TEST(SipMessage, KeepAliveOnlyNeedsMoreAndMayBeDropped) {
    const SipParseResult r = parse("\r\n\r\n", false);
    EXPECT_EQ(r.status, ParseStatus::NeedMore);
    EXPECT_EQ(r.consumed, 4U);
    EXPECT_EQ(r.error, "sip_keepalive");
    const SipParseResult d = parse("\r\n\r\n", true);
    EXPECT_EQ(d.status, ParseStatus::NeedMore);
    EXPECT_EQ(d.consumed, 4U);
}

TEST(SipMessage, ResponseWithoutReasonPhraseIsTolerated) {
    const SipParseResult r = parse("SIP/2.0 200\r\nContent-Length: 0\r\n\r\n", false);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.msg.status_code, 200);
    EXPECT_TRUE(r.msg.reason.empty());
}

TEST(SipMessage, DatagramContentLengthSmallerTrimsBody) {
    const std::string msg = std::string(kOptions.substr(0, kOptions.size() - 21)) +
                            "Content-Length: 2\r\n\r\nabcdef";
    const SipParseResult r = parse(msg, true);
    ASSERT_EQ(r.status, ParseStatus::Ok) << r.error;
    EXPECT_EQ(r.msg.body, "ab");
    EXPECT_FALSE(r.msg.body_truncated);
    EXPECT_EQ(r.consumed, msg.size());
}

TEST(SipMessage, DatagramWithoutContentLengthTakesTheRest) {
    const std::string msg = "SIP/2.0 200 OK\r\nCall-ID: z\r\n\r\nbody";
    const SipParseResult r = parse(msg, true);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.msg.body, "body");
    EXPECT_FALSE(r.msg.content_length.has_value());
}

TEST(SipMessage, UriOfNameAddrAndAddrSpec) {
    EXPECT_EQ(uri_of("\"Bob\" <sip:bob@x>;tag=1"), "sip:bob@x");
    EXPECT_EQ(uri_of("sip:bob@x;tag=1"), "sip:bob@x");
    EXPECT_EQ(uri_of("  <sips:alice@example.com:5061;transport=tls>  "), "sips:alice@example.com:5061;transport=tls");
    EXPECT_EQ(uri_of("Alice <sip:alice@atlanta.com>;tag=1928301774"), "sip:alice@atlanta.com");
    EXPECT_EQ(uri_of("\"A <fake> \\\"B\\\"\" <sip:real@x>"), "sip:real@x");
    EXPECT_EQ(uri_of("tel:+84123456789"), "tel:+84123456789");
    EXPECT_EQ(uri_of("<sip:unterminated@x"), "sip:unterminated@x");
    EXPECT_EQ(uri_of(""), "");
    EXPECT_EQ(uri_of("\"only a name\""), "");
    EXPECT_EQ(uri_of("\"unterminated <sip:x@y>"), "");
}

// ---------------------------------------------------- named malformed cases

TEST(SipMalformed, StartLineGarbage) {
    const SipParseResult r = parse("HELLO WORLD\r\nContent-Length: 0\r\n\r\n", false);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_bad_start_line");
}

TEST(SipMalformed, StartLineWrongVersion) {
    EXPECT_EQ(parse("INVITE sip:a@b SIP/3.0\r\n\r\n", true).status, ParseStatus::Invalid);
    EXPECT_EQ(parse("GET / HTTP/1.1\r\n\r\n", true).status, ParseStatus::Invalid);
    EXPECT_EQ(parse("INVITE  sip:a@b SIP/2.0\r\n\r\n", true).status, ParseStatus::Invalid);
}

TEST(SipMalformed, StatusCodeOutOfRange) {
    EXPECT_EQ(parse("SIP/2.0 700 Nope\r\n\r\n", true).status, ParseStatus::Invalid);
    EXPECT_EQ(parse("SIP/2.0 20 OK\r\n\r\n", true).status, ParseStatus::Invalid);
    EXPECT_EQ(parse("SIP/2.0 2000 OK\r\n\r\n", true).status, ParseStatus::Invalid);
}

TEST(SipMalformed, BinaryGarbageIsRejectedBeforeTheLineEnds) {
    const SipParseResult r = parse(std::string_view("\x16\x03\x01\x00", 4), false);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_bad_start_line");
}

TEST(SipMalformed, HeaderWithoutColon) {
    const SipParseResult r =
        parse("OPTIONS sip:a@b SIP/2.0\r\nCall-ID abc\r\nContent-Length: 0\r\n\r\n", false);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_header_no_colon");
}

TEST(SipMalformed, HeaderNameNotAToken) {
    const SipParseResult r = parse("OPTIONS sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n", true);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_bad_header_name");
}

TEST(SipMalformed, ContinuationBeforeAnyHeader) {
    const SipParseResult r = parse("OPTIONS sip:a@b SIP/2.0\r\n folded\r\n\r\n", true);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_bad_folding");
}

TEST(SipMalformed, DatagramContentLengthLargerThanBody) {
    const std::string msg = "SIP/2.0 200 OK\r\nContent-Length: 100\r\n\r\nshort";
    const SipParseResult r = parse(msg, true);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_TRUE(r.msg.body_truncated);
    EXPECT_EQ(r.msg.body, "short");
    EXPECT_EQ(r.msg.content_length, 100U);
}

TEST(SipMalformed, StreamContentLengthMissing) {
    const SipParseResult r = parse("SIP/2.0 200 OK\r\nCall-ID: a\r\n\r\n", false);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_missing_content_length");
}

TEST(SipMalformed, StreamBodyIncompleteNeedsMore) {
    const SipParseResult r = parse("SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\n12345", false);
    EXPECT_EQ(r.status, ParseStatus::NeedMore);
    EXPECT_EQ(r.consumed, 0U);
}

TEST(SipMalformed, StreamContentLengthAboveLimit) {
    const std::string msg = "SIP/2.0 200 OK\r\nContent-Length: " +
                            std::to_string(core::limits::kMaxSipBody + 1) + "\r\n\r\n";
    const SipParseResult r = parse(msg, false);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_body_limit");
}

TEST(SipMalformed, ContentLengthNotANumber) {
    const SipParseResult r = parse("SIP/2.0 200 OK\r\nContent-Length: 12a\r\n\r\n", true);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_bad_content_length");
}

TEST(SipMalformed, ContentLengthHugeSaturates) {
    const SipParseResult r =
        parse("SIP/2.0 200 OK\r\nl: 99999999999999999999999999\r\n\r\nx", true);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_TRUE(r.msg.body_truncated);
}

TEST(SipMalformed, ConflictingContentLengths) {
    const SipParseResult r = parse("SIP/2.0 200 OK\r\nContent-Length: 1\r\nl: 2\r\n\r\nab", true);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_bad_content_length");
}

TEST(SipMalformed, DatagramHeadersUnterminated) {
    // Cut datagrams (pcapplusplus/sip_reqs.pcap has two; tshark still shows
    // their Call-ID/From/To) keep their complete header lines.
    const SipParseResult r =
        parse("BYE sip:sipp@10.0.2.20:5060 SIP/2.0\r\nCall-ID: 1-4247@10.0.2.20\r\nContent-Lengt", true);
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.error, "sip_headers_unterminated");
    EXPECT_TRUE(r.msg.body_truncated);
    EXPECT_TRUE(r.msg.body.empty());
    EXPECT_EQ(r.msg.headers.size(), 1U);
    EXPECT_EQ(r.msg.header("Call-ID"), "1-4247@10.0.2.20");
    const SipParseResult only_start = parse("OPTIONS sip:a@b SIP/2.0", true);
    ASSERT_EQ(only_start.status, ParseStatus::Ok);
    EXPECT_EQ(only_start.msg.method, "OPTIONS");
    EXPECT_TRUE(only_start.msg.body_truncated);
    // On a stream the same bytes just need more.
    EXPECT_EQ(parse("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n", false).status, ParseStatus::NeedMore);
    // A cut start line is still checked.
    EXPECT_EQ(parse("OPTIONS sip:a@b SIP/2", true).status, ParseStatus::Invalid);
}

TEST(SipMalformed, HeaderLimitExceeded) {
    std::string msg = "OPTIONS sip:a@b SIP/2.0\r\n";
    for (std::size_t i = 0; i < core::limits::kMaxSipHeaders; ++i) msg += "X-H: " + std::to_string(i) + "\r\n";
    const std::string at_limit = msg + "\r\n";
    const SipParseResult ok = parse(at_limit, true);
    ASSERT_EQ(ok.status, ParseStatus::Ok) << ok.error;
    EXPECT_EQ(ok.msg.headers.size(), core::limits::kMaxSipHeaders);
    msg += "Content-Length: 0\r\n\r\n";
    const SipParseResult r = parse(msg, false);
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "sip_header_limit");
}

TEST(SipMalformed, HeaderLimitHitBeforeHeadersEnd) {
    // A stream that never ends its headers still stops at the limit.
    std::string msg = "OPTIONS sip:a@b SIP/2.0\r\n";
    for (std::size_t i = 0; i <= core::limits::kMaxSipHeaders; ++i) msg += "X: y\r\n";
    EXPECT_EQ(parse(msg, false).status, ParseStatus::Invalid);
}

}  // namespace
}  // namespace vca::probes::sip
