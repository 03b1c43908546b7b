// Transport header values: the VLC/LIVE555 ones of ndpi/rtsp.pcap (as tshark
// prints them), and the interleaved, multicast and SRTP forms of RFC 2326
// §12.39 and RFC 7826 §18.54.
#include <gtest/gtest.h>

#include "probes/rtsp/rtsp_transport.hpp"

namespace vca::probes::rtsp {
namespace {

TEST(RtspTransport, VlcAnswer) {
    auto t = parse_transport(
        "RTP/AVP/UDP;unicast;client_port=55664-55665;server_port=58547-58548;ssrc=B1964B48;mode=play");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->profile, "RTP/AVP/UDP");
    EXPECT_EQ(t->multicast, false);
    ASSERT_TRUE(t->client_port && t->server_port);
    EXPECT_EQ(t->client_port->first, 55664);
    EXPECT_EQ(t->client_port->last, 55665);
    EXPECT_EQ(t->server_port->first, 58547);
    EXPECT_EQ(t->mode, "play");
    EXPECT_FALSE(t->over_rtsp_connection());
    EXPECT_FALSE(t->srtp());
}

TEST(RtspTransport, InterleavedSrtpAndQuotedMode) {
    auto t = parse_transport("rtp/savp/tcp;unicast;interleaved=2-3;mode=\"RECORD\"");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->profile, "RTP/SAVP/TCP");
    ASSERT_TRUE(t->interleaved);
    EXPECT_EQ(t->interleaved->first, 2);
    EXPECT_EQ(t->interleaved->last, 3);
    EXPECT_EQ(t->mode, "record");
    EXPECT_TRUE(t->over_rtsp_connection());
    EXPECT_TRUE(t->srtp());
    // Lower transport TCP without interleaved= still rides the connection.
    EXPECT_TRUE(parse_transport("RTP/AVP/TCP;unicast")->over_rtsp_connection());
}

TEST(RtspTransport, MulticastAndFirstSpecOnly) {
    auto t = parse_transport("RTP/AVP;multicast;destination=232.1.1.1;port=5004-5005;ttl=16, RTP/AVP/TCP;interleaved=0-1");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->multicast, true);
    EXPECT_EQ(t->destination, "232.1.1.1");
    ASSERT_TRUE(t->port);
    EXPECT_EQ(t->port->first, 5004);
    EXPECT_FALSE(t->interleaved);  // the second spec is an alternative, not this one
}

TEST(RtspTransport, Malformed) {
    EXPECT_FALSE(parse_transport("").has_value());
    EXPECT_FALSE(parse_transport(";unicast").has_value());
    auto t = parse_transport("RTP/AVP;client_port=99999-x;server_port=;interleaved");
    ASSERT_TRUE(t.has_value());
    EXPECT_FALSE(t->client_port);
    EXPECT_FALSE(t->server_port);
    EXPECT_FALSE(t->interleaved);
    EXPECT_FALSE(t->multicast.has_value());
}

}  // namespace
}  // namespace vca::probes::rtsp
