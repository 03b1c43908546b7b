// SSL 2.0 grammar: hand-made records after the SSL 2.0 specification's layouts.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "probes/tls/ssl2_parser.hpp"

namespace vca::probes::tls {
namespace {

using B = std::vector<std::uint8_t>;

// A CLIENT-HELLO with version `v`, the given 3-byte cipher specs, no session id,
// a 16-byte challenge, in a 2-byte-header record.
B client_hello(std::uint16_t v, const std::vector<std::uint32_t>& specs) {
    B body = {kSsl2ClientHello, static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v),
              0, static_cast<std::uint8_t>(specs.size() * 3), 0, 0, 0, 16};
    for (auto s : specs) {
        body.push_back(static_cast<std::uint8_t>(s >> 16));
        body.push_back(static_cast<std::uint8_t>(s >> 8));
        body.push_back(static_cast<std::uint8_t>(s));
    }
    body.insert(body.end(), 16, 0x5a);
    B rec(body.size() + 2);  // sized up front: GCC 12 misreads insert() after a 2-byte list
    rec[0] = static_cast<std::uint8_t>(0x80 | (body.size() >> 8));
    rec[1] = static_cast<std::uint8_t>(body.size());
    std::copy(body.begin(), body.end(), rec.begin() + 2);
    return rec;
}

core::Bytes view(const B& b) { return {b.data(), b.size()}; }

TEST(Ssl2, V2ClientHelloWithTlsSuites) {
    B rec = client_hello(0x0301, {0x000039, 0x0700c0, 0x00002f});
    EXPECT_TRUE(looks_like_ssl2_client_hello(view(rec)));
    auto r = parse_ssl2_record(view(rec));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.consumed, rec.size());
    ClientHello ch;
    std::size_t specs = 0;
    ASSERT_EQ(parse_ssl2_client_hello(r.record.body, ch, specs), ParseStatus::Ok);
    EXPECT_EQ(ch.legacy_version, 0x0301);
    EXPECT_EQ(specs, 3u);
    EXPECT_EQ(ch.cipher_suites, (std::vector<std::uint16_t>{0x0039, 0x002f}));  // the v2 kind is not a TLS suite
}

TEST(Ssl2, RecordNeedsMoreUntilComplete) {
    B rec = client_hello(0x0002, {0x010080});
    EXPECT_EQ(parse_ssl2_record(core::Bytes(rec.data(), 1)).status, ParseStatus::NeedMore);
    EXPECT_EQ(parse_ssl2_record(core::Bytes(rec.data(), rec.size() - 1)).status, ParseStatus::NeedMore);
}

TEST(Ssl2Malformed, PaddedRecordHeaderRefused) {
    B rec = {0x00, 0x05, 0x00, 1, 2, 3, 4, 5};
    EXPECT_EQ(parse_ssl2_record(view(rec)).status, ParseStatus::Invalid);
}

TEST(Ssl2Malformed, CipherSpecLengthNotAMultipleOfThree) {
    B body = {0x00, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x10, 1, 2, 3, 4};
    body.insert(body.end(), 16, 0);
    ClientHello ch;
    std::size_t specs = 0;
    EXPECT_EQ(parse_ssl2_client_hello(view(body), ch, specs), ParseStatus::Invalid);
}

TEST(Ssl2Malformed, ChallengeLongerThanTheBody) {
    B body = {0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00, 0x20, 0x01, 0x00, 0x80};
    ClientHello ch;
    std::size_t specs = 0;
    EXPECT_EQ(parse_ssl2_client_hello(view(body), ch, specs), ParseStatus::Invalid);
}

TEST(Ssl2, ServerHelloAndMasterKey) {
    B body = {0, 1, 0x00, 0x02, 0x00, 0x03, 0x00, 0x06, 0x00, 0x02, 0xaa, 0xbb, 0xcc,
              0x01, 0x00, 0x80, 0x07, 0x00, 0xc0, 0x11, 0x22};
    Ssl2ServerHello sh;
    ASSERT_EQ(parse_ssl2_server_hello(view(body), sh), ParseStatus::Ok);
    EXPECT_EQ(sh.version, 0x0002);
    EXPECT_EQ(sh.certificate.size(), 3u);
    EXPECT_EQ(sh.cipher_kinds, (std::vector<std::uint32_t>{0x010080, 0x0700c0}));
    std::uint32_t kind = 0;
    B cmk = {0x07, 0x00, 0xc0, 0, 0};
    ASSERT_EQ(parse_ssl2_client_master_key(view(cmk), kind), ParseStatus::Ok);
    EXPECT_EQ(ssl2_cipher_name(kind), "SSL2_DES_192_EDE3_CBC_WITH_MD5");
    EXPECT_FALSE(ssl2_cipher_name(0x123456));
}

TEST(Ssl2, TlsRecordIsNotAnSsl2Hello) {
    B tls = {0x16, 0x03, 0x01, 0x00, 0x30, 0x01};
    EXPECT_FALSE(looks_like_ssl2_client_hello(view(tls)));
}

}  // namespace
}  // namespace vca::probes::tls
