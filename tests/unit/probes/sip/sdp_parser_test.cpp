// Tests for probes/sip/sdp_parser: SDP offers from the shared public corpus
// (sip_fixtures.hpp, read at run time), inheritance rules, the multipart splitter, one test per
// named malformed variant, and the rule that a=crypto keys are never kept.
#include "probes/sip/sdp_parser.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/limits.hpp"
#include "tests/unit/probes/sip/sip_fixtures.hpp"

namespace vca::probes::sip {
namespace {

core::Bytes bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// The SDP body of a message fixture (a view into `sip`).
std::string_view sdp_of(std::string_view sip, bool datagram) {
    const SipParseResult r = parse_sip_message(bytes(sip), datagram);
    EXPECT_EQ(r.status, ParseStatus::Ok);
    EXPECT_TRUE(is_sdp_content_type(r.msg.header("Content-Type").value_or("")));
    return r.msg.body;
}

// Every string the parsed session holds, joined: what could ever reach the
// evidence store from it.
std::string everything_in(const SdpSession& s) {
    std::string all;
    auto add = [&](const std::optional<std::string>& o) {
        if (o) all += *o + "\n";
    };
    add(s.origin_addr);
    add(s.connection_addr);
    add(s.session_fingerprint);
    for (const auto& m : s.media) {
        all += m.media + "\n" + m.proto + "\n";
        for (const auto& f : m.formats) all += f + "\n";
        add(m.connection_addr);
        for (const auto& c : m.crypto_suites) all += c + "\n";
        add(m.fingerprint);
        add(m.setup);
        for (const auto& c : m.candidates) all += c + "\n";
        add(m.direction);
    }
    return all;
}

// The values of every `<attribute>` line of `text` ("a=ice-pwd:"), and for
// a=crypto the key material after each "inline:" (up to '|', ';' or the line
// end): read off the capture at run time rather than copied into this file.
std::vector<std::string> secrets_in(std::string_view text, std::string_view attribute) {
    std::vector<std::string> out;
    for (std::size_t at = text.find(attribute); at != std::string_view::npos; at = text.find(attribute, at + 1)) {
        std::string_view line = text.substr(at + attribute.size());
        line = line.substr(0, line.find_first_of("\r\n"));
        if (attribute != "a=crypto:") {
            out.emplace_back(line);
            continue;
        }
        for (std::size_t k = line.find("inline:"); k != std::string_view::npos; k = line.find("inline:", k + 1)) {
            const std::string_view key = line.substr(k + 7);
            out.emplace_back(key.substr(0, key.find_first_of("|;")));
        }
    }
    return out;
}

// ------------------------------------------------------------ real captures

TEST(SipSdp, SdesOfferFromCapture) {
    const std::string invite = fixtures::sdes_invite();
    SdpSession s;
    ASSERT_EQ(parse_sdp(sdp_of(invite, true), s), ParseStatus::Ok);
    EXPECT_EQ(s.origin_addr, "192.168.20.132");
    EXPECT_FALSE(s.connection_addr.has_value());
    ASSERT_EQ(s.media.size(), 1U);
    const SdpMedia& m = s.media[0];
    EXPECT_EQ(m.media, "audio");
    EXPECT_EQ(m.port, 4000);
    EXPECT_EQ(m.proto, "RTP/SAVP");
    EXPECT_EQ(m.formats, (std::vector<std::string>{"123", "8", "0", "101"}));
    EXPECT_EQ(m.connection_addr, "192.168.20.132");
    EXPECT_EQ(m.crypto_suites,
              (std::vector<std::string>{"AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32",
                                        "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"}));
    EXPECT_TRUE(m.has_crypto_key);
    EXPECT_EQ(m.direction, "sendrecv");
    EXPECT_FALSE(m.fingerprint.has_value());
    EXPECT_FALSE(s.limit_hit);
}

TEST(SipSdp, CryptoKeyNeverAppearsInTheParsedStruct) {
    const std::string invite = fixtures::sdes_invite();
    SdpSession s;
    ASSERT_EQ(parse_sdp(sdp_of(invite, true), s), ParseStatus::Ok);
    const std::string all = everything_in(s);
    // The four inline keys of the capture (base64 of 46 and 30 bytes of
    // master key and salt), taken from the message itself.
    const std::vector<std::string> keys = secrets_in(invite, "a=crypto:");
    ASSERT_EQ(keys.size(), 4U);
    const std::size_t key_lengths[] = {64, 64, 40, 40};
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string& key = keys[i];
        ASSERT_EQ(key.size(), key_lengths[i]) << key;  // the whole key was found
        EXPECT_EQ(all.find(key), std::string::npos) << key;
        EXPECT_EQ(all.find(key.substr(0, 12)), std::string::npos) << key;
    }
    EXPECT_EQ(all.find("inline"), std::string::npos);
}

TEST(SipSdp, MisplacedCryptoKeyIsNotTakenForASuiteName) {
    SdpSession s;
    ASSERT_EQ(parse_sdp("v=0\r\nm=audio 1 RTP/SAVP 0\r\n"
                        "a=crypto:1 inline:S3CR3TKEYMATERIAL0123456789abcdefghijkl\r\n"
                        "a=crypto:2 AES_CM_128_HMAC_SHA1_80 INLINE:0THERS3CR3T|2^20|1:32;inline:TH1RD\r\n",
                        s),
              ParseStatus::Ok);
    ASSERT_EQ(s.media.size(), 1U);
    EXPECT_EQ(s.media[0].crypto_suites, (std::vector<std::string>{"AES_CM_128_HMAC_SHA1_80"}));
    EXPECT_TRUE(s.media[0].has_crypto_key);
    const std::string all = everything_in(s);
    EXPECT_EQ(all.find("S3CR3T"), std::string::npos);
    EXPECT_EQ(all.find("0THERS3CR3T"), std::string::npos);
    EXPECT_EQ(all.find("TH1RD"), std::string::npos);
}

TEST(SipSdp, CryptoWithoutKeyMaterial) {
    SdpSession s;
    ASSERT_EQ(parse_sdp("v=0\nm=audio 1 RTP/SAVP 0\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\n", s),
              ParseStatus::Ok);
    EXPECT_EQ(s.media[0].crypto_suites.size(), 1U);
    EXPECT_FALSE(s.media[0].has_crypto_key);
}

TEST(SipSdp, WebrtcOfferFromCapture) {
    const std::string invite = fixtures::webrtc_invite();
    SdpSession s;
    ASSERT_EQ(parse_sdp(sdp_of(invite, false), s), ParseStatus::Ok);
    EXPECT_EQ(s.origin_addr, "127.0.0.1");
    ASSERT_EQ(s.media.size(), 1U);
    const SdpMedia& m = s.media[0];
    EXPECT_EQ(m.media, "audio");
    EXPECT_EQ(m.port, 55695);
    EXPECT_EQ(m.proto, "UDP/TLS/RTP/SAVPF");
    EXPECT_EQ(m.formats.size(), 13U);
    EXPECT_EQ(m.connection_addr, "69.17.142.250");
    ASSERT_EQ(m.candidates.size(), 3U);
    EXPECT_EQ(m.candidates[0],
              "3826373926 1 udp 2122260223 10.10.24.139 55695 typ host generation 0 network-id 1 "
              "network-cost 10");
    EXPECT_EQ(m.fingerprint,
              "sha-256 21:B5:56:5A:47:9A:0C:A4:A4:AC:04:40:61:7A:AA:41:FE:6A:DE:84:15:9F:ED:A8:8D:4A:"
              "23:DB:5B:E9:6F:45");
    EXPECT_EQ(m.setup, "actpass");
    EXPECT_EQ(m.direction, "sendrecv");
    EXPECT_TRUE(m.crypto_suites.empty());
    EXPECT_FALSE(m.has_crypto_key);
    // The ICE password (a=ice-pwd, 24 characters) is not something SdpMedia
    // keeps either.
    const std::vector<std::string> ice_pwd = secrets_in(invite, "a=ice-pwd:");
    ASSERT_EQ(ice_pwd.size(), 1U);
    ASSERT_EQ(ice_pwd[0].size(), 24U);
    EXPECT_EQ(everything_in(s).find(ice_pwd[0]), std::string::npos);
}

TEST(SipSdp, ContentLengthCutsTheCompactFormOffer) {
    // This capture's Content-Length (272) is 100 bytes short of the SDP sent:
    // the m= line lies beyond it. tshark shows no sdp.media for the frame
    // either.
    const std::string invite = fixtures::compact_form_invite();
    SdpSession s;
    ASSERT_EQ(parse_sdp(sdp_of(invite, true), s), ParseStatus::Ok);
    EXPECT_EQ(s.connection_addr, "192.168.1.2");
    EXPECT_TRUE(s.media.empty());
}

TEST(SipSdp, SessionLevelConnectionAndDirectionAreInherited) {
    // The whole SDP of the same datagram, past its Content-Length.
    const std::string invite = fixtures::compact_form_invite();
    const std::string_view dgram = invite;
    SdpSession s;
    ASSERT_EQ(parse_sdp(dgram.substr(dgram.find("v=0")), s), ParseStatus::Ok);
    EXPECT_EQ(s.origin_addr, "192.168.1.2");
    EXPECT_EQ(s.connection_addr, "192.168.1.2");
    ASSERT_EQ(s.media.size(), 1U);
    EXPECT_EQ(s.media[0].port, 30000);
    EXPECT_EQ(s.media[0].proto, "RTP/AVP");
    EXPECT_EQ(s.media[0].formats, (std::vector<std::string>{"0", "8", "97", "2", "3"}));
    EXPECT_EQ(s.media[0].connection_addr, "192.168.1.2");
    EXPECT_EQ(s.media[0].direction, "sendrecv");
}

// ------------------------------------------------------------ grammar cases

TEST(SipSdp, SessionLevelFingerprintAppliesToMediaWithout) {
    SdpSession s;
    ASSERT_EQ(parse_sdp("v=0\r\n"
                        "o=- 1 1 IN IP6 2001:db8::1\r\n"
                        "c=IN IP6 2001:db8::2\r\n"
                        "a=fingerprint:SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB\r\n"
                        "a=setup:passive\r\n"
                        "a=recvonly\r\n"
                        "m=audio 5004 UDP/TLS/RTP/SAVP 0\r\n"
                        "m=video 5006/2 UDP/TLS/RTP/SAVP 96\r\n"
                        "c=IN IP4 224.2.1.1/127/3\r\n"
                        "a=fingerprint:sha-256 AB:CD\r\n"
                        "a=setup:active\r\n"
                        "a=inactive\r\n",
                        s),
              ParseStatus::Ok);
    EXPECT_EQ(s.origin_addr, "2001:db8::1");
    EXPECT_EQ(s.session_fingerprint, "sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
    ASSERT_EQ(s.media.size(), 2U);
    EXPECT_EQ(s.media[0].fingerprint, s.session_fingerprint);
    EXPECT_EQ(s.media[0].connection_addr, "2001:db8::2");
    EXPECT_EQ(s.media[0].setup, "passive");
    EXPECT_EQ(s.media[0].direction, "recvonly");
    EXPECT_EQ(s.media[1].fingerprint, "sha-256 AB:CD");
    EXPECT_EQ(s.media[1].connection_addr, "224.2.1.1");
    EXPECT_EQ(s.media[1].port, 5006);
    EXPECT_EQ(s.media[1].setup, "active");
    EXPECT_EQ(s.media[1].direction, "inactive");
}

TEST(SipSdp, UnknownAndBrokenLinesAreSkipped) {
    SdpSession s;
    ASSERT_EQ(parse_sdp("\r\nv=0\r\nthis is not sdp\r\nX=whatever\r\nq\r\nm=audio 9 RTP/AVP 0\r\n"
                        "a=\r\na=candidate:\r\nc=IN\r\n",
                        s),
              ParseStatus::Ok);
    ASSERT_EQ(s.media.size(), 1U);
    EXPECT_TRUE(s.media[0].candidates.empty());
    EXPECT_FALSE(s.media[0].connection_addr.has_value());
}

TEST(SipSdp, MediaCountLimit) {
    std::string sdp = "v=0\r\n";
    for (std::size_t i = 0; i <= core::limits::kMaxSdpMedia; ++i) sdp += "m=audio 1 RTP/AVP 0\r\na=sendonly\r\n";
    SdpSession s;
    ASSERT_EQ(parse_sdp(sdp, s), ParseStatus::Ok);
    EXPECT_EQ(s.media.size(), core::limits::kMaxSdpMedia);
    EXPECT_TRUE(s.limit_hit);
}

TEST(SipSdp, FormatCountLimit) {
    std::string sdp = "v=0\r\nm=audio 1 RTP/AVP";
    for (std::size_t i = 0; i <= core::limits::kMaxSdpMediaEntries; ++i) sdp += " " + std::to_string(i % 128);
    SdpSession s;
    ASSERT_EQ(parse_sdp(sdp, s), ParseStatus::Ok);
    EXPECT_EQ(s.media[0].formats.size(), core::limits::kMaxSdpMediaEntries);
    EXPECT_TRUE(s.limit_hit);
}

TEST(SipSdp, ContentTypeCheck) {
    EXPECT_TRUE(is_sdp_content_type("application/sdp"));
    EXPECT_TRUE(is_sdp_content_type("Application/SDP"));
    EXPECT_TRUE(is_sdp_content_type("  application/sdp ; charset=utf-8"));
    EXPECT_FALSE(is_sdp_content_type("application/sdpx"));
    EXPECT_FALSE(is_sdp_content_type("multipart/mixed;boundary=x"));
    EXPECT_FALSE(is_sdp_content_type(""));
}

TEST(SipMultipart, SdpPartsAreFound) {
    const std::string body =
        "preamble\r\n"
        "--unique-boundary-1\r\n"
        "Content-Type: application/isup;version=itu-t92+\r\n"
        "\r\n"
        "\x01\x02\x03\r\n"
        "--unique-boundary-1\r\n"
        "content-type: Application/SDP\r\n"
        "Content-Disposition: session\r\n"
        "\r\n"
        "v=0\r\n"
        "m=audio 49170 RTP/AVP 0\r\n"
        "\r\n"
        "--unique-boundary-1--\r\n"
        "epilogue";
    const auto parts = multipart_parts(body, "multipart/mixed; boundary=\"unique-boundary-1\"");
    ASSERT_EQ(parts.size(), 1U);
    EXPECT_EQ(parts[0], "v=0\r\nm=audio 49170 RTP/AVP 0\r\n");
    SdpSession s;
    EXPECT_EQ(parse_sdp(parts[0], s), ParseStatus::Ok);
    EXPECT_EQ(s.media.size(), 1U);
    // Unquoted boundary, other parameters first, LF line ends.
    const std::string lf = "--b1\nContent-Type: application/sdp\n\nv=0\n--b1--\n";
    const auto p2 = multipart_parts(lf, "Multipart/Related; type=\"application/sdp\"; boundary=b1");
    ASSERT_EQ(p2.size(), 1U);
    EXPECT_EQ(p2[0], "v=0");
}

TEST(SipMultipart, NotMultipartOrNoBoundaryGivesNothing) {
    EXPECT_TRUE(multipart_parts("--x\r\n\r\nv=0\r\n--x--", "application/sdp").empty());
    EXPECT_TRUE(multipart_parts("--x\r\n\r\nv=0\r\n--x--", "multipart/mixed").empty());
    EXPECT_TRUE(multipart_parts("--x\r\n\r\nv=0\r\n--x--", "multipart/mixed; boundary=\"\"").empty());
    // A part without headers is text/plain (RFC 2046 §5.1.1), not SDP.
    EXPECT_TRUE(multipart_parts("--x\r\n\r\nv=0\r\n--x--", "multipart/mixed;boundary=x").empty());
    // A boundary string inside a line is not a delimiter.
    EXPECT_TRUE(multipart_parts("a--x\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--x--",
                                "multipart/mixed;boundary=x")
                    .empty());
}

// ---------------------------------------------------- named malformed cases

TEST(SipSdpMalformed, NoVersionLineFirst) {
    SdpSession s;
    EXPECT_EQ(parse_sdp("o=- 1 1 IN IP4 10.0.0.1\r\nv=0\r\nm=audio 1 RTP/AVP 0\r\n", s), ParseStatus::Invalid);
    EXPECT_TRUE(s.media.empty());
    EXPECT_EQ(parse_sdp("", s), ParseStatus::Invalid);
    EXPECT_EQ(parse_sdp("\r\n\r\n", s), ParseStatus::Invalid);
}

TEST(SipSdpMalformed, MediaPortNotNumeric) {
    SdpSession s;
    EXPECT_EQ(parse_sdp("v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\nm=video abc RTP/AVP 96\r\n"
                        "m=text 5000 RTP/AVP 98\r\n",
                        s),
              ParseStatus::Invalid);
    ASSERT_EQ(s.media.size(), 1U);  // what came before is kept
    EXPECT_EQ(s.media[0].port, 4000);
    EXPECT_EQ(s.media[0].connection_addr, "10.0.0.1");
}

TEST(SipSdpMalformed, MediaPortOutOfRange) {
    SdpSession s;
    EXPECT_EQ(parse_sdp("v=0\r\nm=audio 65536 RTP/AVP 0\r\n", s), ParseStatus::Invalid);
    EXPECT_EQ(parse_sdp("v=0\r\nm=audio 5000/ RTP/AVP 0\r\n", s), ParseStatus::Invalid);
    EXPECT_EQ(parse_sdp("v=0\r\nm=audio -1 RTP/AVP 0\r\n", s), ParseStatus::Invalid);
}

TEST(SipSdpMalformed, MediaLineTooShort) {
    SdpSession s;
    EXPECT_EQ(parse_sdp("v=0\r\nm=audio 5000\r\n", s), ParseStatus::Invalid);
    EXPECT_TRUE(s.media.empty());
}

}  // namespace
}  // namespace vca::probes::sip
