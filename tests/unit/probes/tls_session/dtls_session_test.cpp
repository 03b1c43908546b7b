// DTLS handshakes from real captures of the shared corpus, read at run time:
// a ClientHello fragmented over two datagrams (and sent twice around a
// HelloVerifyRequest), and a WebRTC server flight choosing DTLS-SRTP.
#include <gtest/gtest.h>

#include "probes/tls/dtls_session.hpp"
#include "tests/support/corpus_frames.hpp"

namespace vca::probes::tls {
namespace {

core::Bytes view(const std::vector<std::uint8_t>& b) { return {b.data(), b.size()}; }

TEST(DtlsSession, FragmentedClientHelloIsReassembled) {
    // zeek/dtls1_2.pcap: frames 1-2 carry one ClientHello in two fragments
    // (tshark: "Client Hello (Fragment)", "(Reassembled)"), frame 3 is the
    // server's HelloVerifyRequest, frames 4-5 the ClientHello again with a cookie.
    DtlsSession s;
    for (std::int64_t frame : {1, 2}) {
        auto payload = test::corpus_payload("corpus/public/zeek/dtls1_2.pcap", frame);
        s.on_datagram(0, view(payload), 1.0);
    }
    ASSERT_TRUE(s.facts().client_hello);
    EXPECT_EQ(s.facts().client_hello->legacy_version, 0xfefd);
    EXPECT_FALSE(s.facts().client_hello->cipher_suites.empty());
    EXPECT_TRUE(s.facts().anomalies.empty());
}

TEST(DtlsSession, WebrtcServerFlightChoosesSrtpProfile) {
    // ndpi/stun_dtls_rtp.pcapng: frame 3 the browser's ClientHello offering
    // use_srtp 0x0001, 0x0008, 0x0007; frame 4 the server flight (tshark:
    // ServerHello cipher 0xc02f, use_srtp 0x0008, Certificate of one cert).
    DtlsSession s;
    auto hello = test::corpus_payload("corpus/public/ndpi/stun_dtls_rtp.pcapng", 3);
    auto flight = test::corpus_payload("corpus/public/ndpi/stun_dtls_rtp.pcapng", 4);
    s.on_datagram(0, view(hello), 1.0);
    s.on_datagram(1, view(flight), 1.1);
    ASSERT_TRUE(s.facts().client_hello);
    EXPECT_TRUE(s.facts().client_hello->has_use_srtp);
    ASSERT_TRUE(s.facts().server_hello);
    EXPECT_EQ(s.facts().server_hello->cipher_suite, 0xc02f);
    ASSERT_TRUE(s.facts().server_hello->srtp_profile);
    EXPECT_EQ(*s.facts().server_hello->srtp_profile, 0x0008);
    EXPECT_EQ(s.facts().certs.size(), 1u);
    // The same flight again (a retransmission) changes nothing.
    s.on_datagram(1, view(flight), 1.2);
    EXPECT_EQ(s.facts().certs.size(), 1u);
}

TEST(DtlsSession, GarbageIsANamedAnomaly) {
    DtlsSession s;
    std::vector<std::uint8_t> junk = {0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2};
    s.on_datagram(0, view(junk), 1.0);
    ASSERT_FALSE(s.facts().anomalies.empty());
    EXPECT_EQ(s.facts().anomalies[0].name, "dtls_bad_record");
}

}  // namespace
}  // namespace vca::probes::tls
