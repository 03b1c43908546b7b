// SIP digest attempts followed through the analyser: one credentials row per
// attempt, its outcome from the final response, a UDP retransmission of the
// same request not counted twice. Frames are raw IPv4 built here.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "probes/creds/secret_guard.hpp"
#include "probes/traffic/traffic_analyzer.hpp"

namespace vca::probes::traffic {
namespace {

using B = std::vector<std::uint8_t>;
constexpr int kRawIpv4 = 228;

B udp_between(std::uint8_t src, std::uint8_t dst, std::uint16_t sport, std::uint16_t dport, const std::string& text) {
    auto total = static_cast<std::uint16_t>(28 + text.size());
    B b = {0x45, 0, static_cast<std::uint8_t>(total >> 8), static_cast<std::uint8_t>(total), 0, 1, 0, 0, 64, 17, 0, 0,
           10, 0, 0, src, 10, 0, 0, dst};
    auto ulen = static_cast<std::uint16_t>(8 + text.size());
    B h = {static_cast<std::uint8_t>(sport >> 8), static_cast<std::uint8_t>(sport), static_cast<std::uint8_t>(dport >> 8),
           static_cast<std::uint8_t>(dport), static_cast<std::uint8_t>(ulen >> 8), static_cast<std::uint8_t>(ulen), 0, 0};
    b.insert(b.end(), h.begin(), h.end());
    b.insert(b.end(), text.begin(), text.end());
    return b;
}

std::string request(const std::string& response_hex) {
    return "REGISTER sip:10.0.0.200 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5062\r\nFrom: <sip:1001@10.0.0.200>;tag=1\r\n"
           "To: <sip:1001@10.0.0.200>\r\nCall-ID: reg-1\r\nCSeq: 2 REGISTER\r\n"
           "Authorization: Digest username=\"1001\", realm=\"pbx\", nonce=\"abc\", uri=\"sip:10.0.0.200\", "
           "response=\"" + response_hex + "\", algorithm=MD5\r\nContent-Length: 0\r\n\r\n";
}

std::string ok_response() {
    return "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5062\r\nFrom: <sip:1001@10.0.0.200>;tag=1\r\n"
           "To: <sip:1001@10.0.0.200>;tag=2\r\nCall-ID: reg-1\r\nCSeq: 2 REGISTER\r\nContent-Length: 0\r\n\r\n";
}

struct Capture {
    facts::MemorySink sink;
    creds::SecretGuard guard{{}, "test-key"};
    TrafficAnalyzer analyzer{sink, {}, &guard};
    std::int64_t frame = 0;
    void send(const B& b) {
        ++frame;
        analyzer.on_frame({1, frame, static_cast<double>(frame), kRawIpv4, core::Bytes(b.data(), b.size()),
                           static_cast<std::uint32_t>(b.size())});
    }
    std::vector<const facts::MemorySink::Entry*> credentials() const {
        std::vector<const facts::MemorySink::Entry*> out;
        for (const auto& r : sink.rows)
            if (r.table == "credentials") out.push_back(&r);
        return out;
    }
};

TEST(SipAuth, RetransmittedRequestIsOneAttempt) {
    Capture run;
    const std::string digest(32, 'a');
    run.send(udp_between(1, 200, 5062, 5060, request(digest)));
    run.send(udp_between(1, 200, 5062, 5060, request(digest)));  // Timer E retransmission
    run.send(udp_between(200, 1, 5060, 5062, ok_response()));
    run.analyzer.finish();
    auto rows = run.credentials();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(std::get<std::string>(rows[0]->cells[2]), "sip");
    EXPECT_EQ(std::get<std::string>(rows[0]->cells[3]), "1001");
    EXPECT_EQ(std::get<std::string>(rows[0]->cells[7]), "success");
    EXPECT_EQ(std::get<std::int64_t>(rows[0]->cells[17]), 0);  // nonce_reused: a retransmission is no replay
}

TEST(SipAuth, NewCredentialsUnderTheSameCSeqAreTwoAttempts) {
    Capture run;
    run.send(udp_between(1, 200, 5062, 5060, request(std::string(32, 'a'))));
    run.send(udp_between(1, 200, 5062, 5060, request(std::string(32, 'b'))));
    run.send(udp_between(200, 1, 5060, 5062, ok_response()));
    run.analyzer.finish();
    auto rows = run.credentials();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(std::get<std::string>(rows[0]->cells[7]), "unknown");  // never answered on its own
    EXPECT_EQ(std::get<std::string>(rows[1]->cells[7]), "success");
}

TEST(SipAuth, WithoutAGuardNothingIsRecorded) {
    facts::MemorySink sink;
    TrafficAnalyzer analyzer(sink);
    B b = udp_between(1, 200, 5062, 5060, request(std::string(32, 'a')));
    analyzer.on_frame({1, 1, 1.0, kRawIpv4, core::Bytes(b.data(), b.size()), static_cast<std::uint32_t>(b.size())});
    analyzer.finish();
    EXPECT_EQ(sink.count("credentials"), 0u);
    EXPECT_EQ(sink.count("sip_messages"), 1u);
}

}  // namespace
}  // namespace vca::probes::traffic
