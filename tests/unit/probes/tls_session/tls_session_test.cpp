// The stateful TLS follower: handshakes split across records and deliveries,
// gaps, and the buffer limit, each ending in facts or a named anomaly.
#include <gtest/gtest.h>

#include <vector>

#include "auditor/core/limits.hpp"
#include "probes/tls/tls_session.hpp"

namespace vca::probes::tls {
namespace {

using B = std::vector<std::uint8_t>;

void put16(B& b, std::size_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
void put24(B& b, std::size_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 16));
    put16(b, v & 0xffff);
}

// A minimal TLS 1.2 ClientHello handshake message: two suites, SNI.
B client_hello_message(const std::string& sni) {
    B body = {0x03, 0x03};
    body.insert(body.end(), 32, 0x11);  // random
    body.push_back(0);                  // session id
    put16(body, 4);
    put16(body, 0xc02f);
    put16(body, 0x1301);
    body.push_back(1);
    body.push_back(0);  // compression: null
    B ext;
    put16(ext, 0);  // server_name
    put16(ext, sni.size() + 5);
    put16(ext, sni.size() + 3);
    ext.push_back(0);
    put16(ext, sni.size());
    ext.insert(ext.end(), sni.begin(), sni.end());
    put16(body, ext.size());
    body.insert(body.end(), ext.begin(), ext.end());
    B msg = {1};
    put24(msg, body.size());
    msg.insert(msg.end(), body.begin(), body.end());
    return msg;
}

B server_hello_message(std::uint16_t cipher) {
    B body = {0x03, 0x03};
    body.insert(body.end(), 32, 0x22);
    body.push_back(0);
    put16(body, cipher);
    body.push_back(0);
    put16(body, 0);  // no extensions
    B msg = {2};
    put24(msg, body.size());
    msg.insert(msg.end(), body.begin(), body.end());
    return msg;
}

B record(std::uint8_t type, const B& fragment) {
    B r = {type, 0x03, 0x03};
    put16(r, fragment.size());
    r.insert(r.end(), fragment.begin(), fragment.end());
    return r;
}

core::Bytes view(const B& b, std::size_t from = 0, std::size_t n = SIZE_MAX) {
    return core::Bytes(b.data() + from, std::min(n, b.size() - from));
}

TEST(TlsSession, HandshakeSplitAcrossRecordsAndDeliveries) {
    B msg = client_hello_message("mcu.example.test");
    // The one handshake message in two records, delivered byte-range by byte-range.
    B stream = record(22, B(msg.begin(), msg.begin() + 20));
    B second = record(22, B(msg.begin() + 20, msg.end()));
    stream.insert(stream.end(), second.begin(), second.end());
    TlsSession s;
    for (std::size_t i = 0; i < stream.size(); i += 7) s.on_data(0, view(stream, i, 7), false, 1.0);
    ASSERT_TRUE(s.client_hello());
    EXPECT_EQ(s.client_hello()->sni, "mcu.example.test");
    EXPECT_EQ(s.client_hello()->cipher_suites.size(), 2u);
    B server = record(22, server_hello_message(0xc02f));
    B ccs = record(20, {1});
    server.insert(server.end(), ccs.begin(), ccs.end());
    s.on_data(1, view(server), false, 1.1);
    ASSERT_TRUE(s.server_hello());
    EXPECT_EQ(s.server_hello()->cipher_suite, 0xc02f);
    EXPECT_FALSE(s.done());  // the client has not sent ChangeCipherSpec yet
    s.on_data(0, view(ccs), false, 1.2);
    EXPECT_TRUE(s.done());
    EXPECT_TRUE(s.anomalies().empty());
}

TEST(TlsSession, GapInsideTheHandshakeIsNamed) {
    TlsSession s;
    B stream = record(22, client_hello_message("a.test"));
    s.on_data(0, view(stream, 0, 10), false, 1.0);
    s.on_data(0, view(stream, 20), true, 1.0);
    ASSERT_EQ(s.anomalies().size(), 1u);
    EXPECT_EQ(s.anomalies()[0].name, "tls_stream_gap");
    EXPECT_FALSE(s.client_hello());
}

TEST(TlsSession, BadRecordIsNamed) {
    TlsSession s;
    B junk = {0x16, 0x09, 0x09, 0x00, 0x10, 1, 2, 3};
    s.on_data(0, view(junk), false, 1.0);
    ASSERT_FALSE(s.anomalies().empty());
    EXPECT_EQ(s.anomalies()[0].name, "tls_bad_record");
}

TEST(TlsSession, BufferLimitIsNamed) {
    TlsSession s;
    // An incomplete record header waits in the buffer; one more delivery of
    // the buffer's full size would overflow it: the limit must show.
    B header = {0x16, 0x03, 0x03};
    s.on_data(0, view(header), false, 1.0);
    B filler(core::limits::kMaxStreamBuffer, 0x00);
    s.on_data(0, view(filler), false, 1.0);
    ASSERT_EQ(s.anomalies().size(), 1u);
    EXPECT_EQ(s.anomalies()[0].name, "tls_buffer_limit");
}

}  // namespace
}  // namespace vca::probes::tls
