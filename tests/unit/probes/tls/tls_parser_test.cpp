// Tests for probes/tls/tls_parser: real-world shapes from the shared public
// corpus (tls_fixtures.hpp, read at run time; values cross-checked with
// tshark) and one test per named malformed variant, each asserting the exact
// status.
#include "probes/tls/tls_parser.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "auditor/core/limits.hpp"
#include "probes/tls/cipher_suites.hpp"
#include "tests/unit/probes/tls/tls_fixtures.hpp"

namespace vca::probes::tls {
namespace {

using Buf = std::vector<std::uint8_t>;

core::Bytes view(const Buf& b) { return {b.data(), b.size()}; }

void put8(Buf& b, unsigned v) { b.push_back(static_cast<std::uint8_t>(v)); }
void put16(Buf& b, unsigned v) {
    put8(b, (v >> 8) & 0xffU);
    put8(b, v & 0xffU);
}
void put24(Buf& b, unsigned v) {
    put8(b, (v >> 16) & 0xffU);
    put16(b, v & 0xffffU);
}
void append(Buf& b, const Buf& more) { b.insert(b.end(), more.begin(), more.end()); }

Buf ext(unsigned type, const Buf& data) {
    Buf b;
    put16(b, type);
    put16(b, static_cast<unsigned>(data.size()));
    append(b, data);
    return b;
}

// server_name extension_data for one host_name entry (RFC 6066 §3).
Buf sni_data(const std::string& host) {
    Buf b;
    put16(b, static_cast<unsigned>(host.size() + 3));
    put8(b, 0);
    put16(b, static_cast<unsigned>(host.size()));
    b.insert(b.end(), host.begin(), host.end());
    return b;
}

// A ClientHello body: version 0x0303, zero random, empty session id, the
// given suites, null compression, and the given extensions block (omitted
// when `exts` is null).
Buf client_hello(std::initializer_list<unsigned> suites, const Buf* exts) {
    Buf b;
    put16(b, 0x0303);
    b.insert(b.end(), 32, 0);
    put8(b, 0);
    put16(b, static_cast<unsigned>(suites.size() * 2));
    for (unsigned s : suites) put16(b, s);
    put8(b, 1);
    put8(b, 0);
    if (exts) {
        put16(b, static_cast<unsigned>(exts->size()));
        append(b, *exts);
    }
    return b;
}

// Record -> handshake -> body of the first message of a TLS record fixture
// (a view into `rec`).
core::Bytes first_handshake_body(const Buf& rec, std::uint8_t expect_type) {
    const RecordResult r = parse_record(view(rec));
    EXPECT_EQ(r.status, ParseStatus::Ok);
    const HandshakeResult h = parse_handshake(r.record.fragment);
    EXPECT_EQ(h.status, ParseStatus::Ok);
    EXPECT_EQ(h.msg.msg_type, expect_type);
    return h.msg.body;
}

// ------------------------------------------------------------ real captures

TEST(TlsClientHello, CurlTls13MatchesTshark) {
    const Buf rec = fixtures::curl_tls13_client_hello_record();
    const core::Bytes body = first_handshake_body(rec, kClientHello);
    ClientHello ch;
    ASSERT_EQ(parse_client_hello(body, ch, false), ParseStatus::Ok);
    EXPECT_EQ(ch.legacy_version, 0x0303);
    EXPECT_EQ(ch.cipher_suites, (std::vector<std::uint16_t>{0x1302, 0x1303, 0x1301, 0x00ff}));
    ASSERT_TRUE(ch.sni.has_value());
    EXPECT_EQ(*ch.sni, "enabled.tls13.com");
    EXPECT_EQ(ch.alpn, (std::vector<std::string>{"h2", "http/1.1"}));
    EXPECT_EQ(ch.supported_versions, (std::vector<std::uint16_t>{0x0304}));
    EXPECT_EQ(ch.groups, (std::vector<std::uint16_t>{0x001d, 0x0017, 0x001e, 0x0019, 0x0018}));
    EXPECT_EQ(ch.signature_algorithms.size(), 14U);
    EXPECT_EQ(ch.signature_algorithms.front(), 0x0403);
    EXPECT_EQ(ch.signature_algorithms.back(), 0x0601);
    EXPECT_EQ(ch.ec_point_formats, (std::vector<std::uint8_t>{0, 1, 2}));
    EXPECT_EQ(ch.extensions,
              (std::vector<std::uint16_t>{0, 11, 10, 13172, 16, 22, 23, 49, 13, 43, 45, 51, 21}));
    EXPECT_FALSE(ch.has_use_srtp);
}

TEST(TlsClientHello, WholeRecordIsConsumed) {
    const Buf rec = fixtures::curl_tls13_client_hello_record();
    const RecordResult r = parse_record(view(rec));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.consumed, rec.size());
    EXPECT_EQ(r.record.content_type, kHandshake);
    EXPECT_EQ(r.record.version, 0x0301);  // tshark: Record Layer Version TLS 1.0
    EXPECT_EQ(r.record.fragment.size(), rec.size() - 5);
}

TEST(TlsServerHello, CurlTls13SelectsVersionViaExtension) {
    const Buf rec = fixtures::curl_tls13_server_hello_record();
    const core::Bytes body = first_handshake_body(rec, kServerHello);
    ServerHello sh;
    ASSERT_EQ(parse_server_hello(body, sh, false), ParseStatus::Ok);
    EXPECT_EQ(sh.legacy_version, 0x0303);
    EXPECT_EQ(sh.cipher_suite, 0x1302);
    ASSERT_TRUE(sh.selected_version.has_value());
    EXPECT_EQ(*sh.selected_version, 0x0304);
    EXPECT_EQ(negotiated_version(sh), 0x0304);
    EXPECT_EQ(version_name(negotiated_version(sh)), "TLS1.3");
    EXPECT_EQ(cipher_suite_name(sh.cipher_suite), "TLS_AES_256_GCM_SHA384");
    EXPECT_FALSE(sh.hello_retry_request);
    EXPECT_EQ(sh.extensions, (std::vector<std::uint16_t>{51, 43}));
}

TEST(TlsServerHello, Draft28VersionIsNamed) {
    const Buf rec = fixtures::draft28_server_hello_record();
    const core::Bytes body = first_handshake_body(rec, kServerHello);
    ServerHello sh;
    ASSERT_EQ(parse_server_hello(body, sh, false), ParseStatus::Ok);
    EXPECT_EQ(negotiated_version(sh), 0x7f1c);
    EXPECT_EQ(version_name(negotiated_version(sh)), "TLS1.3-draft28");
    EXPECT_EQ(sh.cipher_suite, 0x1302);
    EXPECT_EQ(sh.extensions, (std::vector<std::uint16_t>{43, 51}));
}

TEST(TlsServerHello, Tls12WithoutSupportedVersionsFallsBackToLegacy) {
    Buf b;
    put16(b, 0x0303);
    b.insert(b.end(), 32, 7);
    put8(b, 0);
    put16(b, 0xc02f);
    put8(b, 0);
    ServerHello sh;
    ASSERT_EQ(parse_server_hello(view(b), sh, false), ParseStatus::Ok);
    EXPECT_FALSE(sh.selected_version.has_value());
    EXPECT_EQ(negotiated_version(sh), 0x0303);
    EXPECT_TRUE(sh.extensions.empty());
}

TEST(DtlsClientHello, WebrtcHelloWithUseSrtp) {
    const Buf dg = fixtures::webrtc_dtls_client_hello_datagram();
    EXPECT_TRUE(looks_like_dtls(view(dg)));
    const RecordResult r = parse_dtls_record(view(dg));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.consumed, dg.size());
    EXPECT_EQ(r.record.content_type, kHandshake);
    EXPECT_EQ(r.record.version, 0xfeff);
    EXPECT_EQ(r.record.epoch, 0);
    const DtlsHandshakeResult h = parse_dtls_handshake(r.record.fragment);
    ASSERT_EQ(h.status, ParseStatus::Ok);
    EXPECT_EQ(h.msg.msg_type, kClientHello);
    EXPECT_TRUE(h.msg.is_complete());
    ClientHello ch;
    ASSERT_EQ(parse_client_hello(h.msg.fragment, ch, true), ParseStatus::Ok);
    EXPECT_EQ(ch.legacy_version, 0xfefd);
    EXPECT_EQ(ch.cipher_suites.size(), 11U);  // tshark: cipher_suites_length 22
    EXPECT_EQ(ch.cipher_suites.front(), 0xc02b);
    EXPECT_EQ(ch.extensions, (std::vector<std::uint16_t>{23, 65281, 10, 11, 35, 13, 14}));
    EXPECT_EQ(ch.groups, (std::vector<std::uint16_t>{0x001d, 0x0017, 0x0018}));
    EXPECT_TRUE(ch.has_use_srtp);
    EXPECT_EQ(ch.srtp_profiles, (std::vector<std::uint16_t>{0x0001, 0x0008, 0x0007}));
    EXPECT_EQ(srtp_profile_name(ch.srtp_profiles[1]), "SRTP_AEAD_AES_256_GCM");
    EXPECT_FALSE(ch.sni.has_value());
    // Without the cookie field the same bytes do not line up.
    ClientHello wrong;
    EXPECT_EQ(parse_client_hello(h.msg.fragment, wrong, false), ParseStatus::Invalid);
}

TEST(DtlsServerFlight, FiveRecordsInOneDatagram) {
    const Buf dg = fixtures::webrtc_dtls_server_flight_datagram();
    core::Bytes rest = view(dg);
    std::vector<RecordView> records;
    while (!rest.empty()) {
        const RecordResult r = parse_dtls_record(rest);
        ASSERT_EQ(r.status, ParseStatus::Ok);
        records.push_back(r.record);
        rest = rest.subspan(r.consumed);
    }
    ASSERT_EQ(records.size(), 5U);
    const std::size_t lengths[] = {80, 701, 308, 37, 12};
    for (std::size_t i = 0; i < records.size(); ++i) {
        EXPECT_EQ(records[i].fragment.size(), lengths[i]);
        EXPECT_EQ(records[i].sequence, i);
        EXPECT_EQ(records[i].epoch, 0);
        EXPECT_EQ(records[i].version, 0xfefd);
    }
    const DtlsHandshakeResult sh_msg = parse_dtls_handshake(records[0].fragment);
    ASSERT_EQ(sh_msg.status, ParseStatus::Ok);
    ServerHello sh;
    ASSERT_EQ(parse_server_hello(sh_msg.msg.fragment, sh, true), ParseStatus::Ok);
    EXPECT_EQ(sh.cipher_suite, 0xc02f);
    EXPECT_EQ(cipher_suite_name(sh.cipher_suite), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    EXPECT_EQ(sh.extensions, (std::vector<std::uint16_t>{23, 65281, 11, 35, 14}));
    ASSERT_TRUE(sh.srtp_profile.has_value());
    EXPECT_EQ(*sh.srtp_profile, 0x0008);
    EXPECT_EQ(version_name(negotiated_version(sh)), "DTLS1.2");

    const DtlsHandshakeResult cert_msg = parse_dtls_handshake(records[1].fragment);
    ASSERT_EQ(cert_msg.status, ParseStatus::Ok);
    EXPECT_EQ(cert_msg.msg.msg_type, kCertificate);
    std::vector<core::Bytes> certs;
    ASSERT_EQ(parse_certificate_list(cert_msg.msg.fragment, certs, false), ParseStatus::Ok);
    ASSERT_EQ(certs.size(), 1U);
    EXPECT_EQ(certs[0].size(), 683U);  // tshark: certificate_length 683
    EXPECT_EQ(certs[0][0], 0x30);      // DER SEQUENCE
}

TEST(DtlsServerHello, HelloRetryRequestIsRecognised) {
    const Buf dg = fixtures::wolfssl_dtls13_hello_retry_datagram();
    const RecordResult r = parse_dtls_record(view(dg));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    const DtlsHandshakeResult h = parse_dtls_handshake(r.record.fragment);
    ASSERT_EQ(h.status, ParseStatus::Ok);
    ServerHello sh;
    ASSERT_EQ(parse_server_hello(h.msg.fragment, sh, true), ParseStatus::Ok);
    EXPECT_TRUE(sh.hello_retry_request);
    EXPECT_EQ(version_name(negotiated_version(sh)), "DTLS1.3");
}

TEST(DtlsRecord, Dtls13UnifiedHeaderIsFramed) {
    const Buf dg = fixtures::wolfssl_dtls13_ciphertext_datagram();
    const RecordResult r = parse_dtls_record(view(dg));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.consumed, dg.size());
    EXPECT_EQ(r.record.content_type, kApplicationData);
    EXPECT_EQ(r.record.version, 0xfefc);
    EXPECT_EQ(r.record.epoch, 2);
    EXPECT_EQ(r.record.sequence, 0x9296U);
    EXPECT_EQ(r.record.fragment.size(), 31U);
    EXPECT_FALSE(looks_like_dtls(view(dg)));  // not a handshake record
}

TEST(DtlsRecord, PreRfcOpenSslVersion) {
    const Buf dg = fixtures::pre_rfc_dtls_client_hello_datagram();
    const RecordResult r = parse_dtls_record(view(dg));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.record.version, 0x0100);
    EXPECT_EQ(version_name(r.record.version), "DTLS1.0-pre");
    const DtlsHandshakeResult h = parse_dtls_handshake(r.record.fragment);
    ASSERT_EQ(h.status, ParseStatus::Ok);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(h.msg.fragment, ch, true), ParseStatus::Ok);
    EXPECT_EQ(ch.legacy_version, 0x0100);
}

TEST(TlsSniff, RecognisesTlsAndSslv2AndRejectsOthers) {
    const Buf client_hello_rec = fixtures::curl_tls13_client_hello_record();
    const Buf server_hello_rec = fixtures::curl_tls13_server_hello_record();
    const Buf sslv2 = fixtures::sslv2_client_hello();
    const Buf dtls_hello = fixtures::webrtc_dtls_client_hello_datagram();
    EXPECT_TRUE(looks_like_tls(view(client_hello_rec)));
    EXPECT_TRUE(looks_like_tls(view(server_hello_rec)));
    EXPECT_TRUE(looks_like_tls(view(sslv2)));
    EXPECT_EQ(parse_record(view(sslv2)).status, ParseStatus::Invalid);
    const std::string http = "GET / HTTP/1.1\r\n";
    EXPECT_FALSE(looks_like_tls(core::Bytes(reinterpret_cast<const std::uint8_t*>(http.data()), http.size())));
    EXPECT_FALSE(looks_like_tls(view(dtls_hello)));
    EXPECT_FALSE(looks_like_dtls(view(client_hello_rec)));
    EXPECT_FALSE(looks_like_tls(core::Bytes{}));
    const Buf short_hs = {0x16, 0x03, 0x01};
    EXPECT_FALSE(looks_like_tls(view(short_hs)));
}

TEST(TlsRecord, TwoRecordsInOneBuffer) {
    Buf b = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01, 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    RecordResult r = parse_record(view(b));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.consumed, 6U);
    EXPECT_EQ(r.record.content_type, kChangeCipherSpec);
    r = parse_record(view(b).subspan(6));
    ASSERT_EQ(r.status, ParseStatus::Ok);
    EXPECT_EQ(r.consumed, 7U);
    EXPECT_EQ(r.record.content_type, kAlert);
}

TEST(TlsCertificate, Tls13FormWithContextAndEntryExtensions) {
    Buf body;
    put8(body, 2);
    put16(body, 0xabcd);  // certificate_request_context
    Buf list;
    put24(list, 3);
    list.insert(list.end(), {0x30, 0x01, 0x00});
    put16(list, 4);
    list.insert(list.end(), {0x00, 0x05, 0x00, 0x00});  // status_request, empty
    put24(list, 2);
    list.insert(list.end(), {0x30, 0x00});
    put16(list, 0);
    put24(body, static_cast<unsigned>(list.size()));
    append(body, list);
    std::vector<core::Bytes> certs;
    ASSERT_EQ(parse_certificate_list(view(body), certs, true), ParseStatus::Ok);
    ASSERT_EQ(certs.size(), 2U);
    EXPECT_EQ(certs[0].size(), 3U);
    EXPECT_EQ(certs[1].size(), 2U);
    // The same bytes are not a TLS 1.2 certificate list.
    EXPECT_EQ(parse_certificate_list(view(body), certs, false), ParseStatus::Invalid);
    EXPECT_TRUE(certs.empty());
}

TEST(TlsCertificate, EmptyListIsOk) {
    const Buf body = {0x00, 0x00, 0x00};
    std::vector<core::Bytes> certs;
    EXPECT_EQ(parse_certificate_list(view(body), certs, false), ParseStatus::Ok);
    EXPECT_TRUE(certs.empty());
}

TEST(TlsVersionName, AllNamedVersions) {
    EXPECT_EQ(version_name(0x0300), "SSL3");
    EXPECT_EQ(version_name(0x0301), "TLS1.0");
    EXPECT_EQ(version_name(0x0302), "TLS1.1");
    EXPECT_EQ(version_name(0x0303), "TLS1.2");
    EXPECT_EQ(version_name(0x0304), "TLS1.3");
    EXPECT_EQ(version_name(0xfeff), "DTLS1.0");
    EXPECT_EQ(version_name(0xfefd), "DTLS1.2");
    EXPECT_EQ(version_name(0xfefc), "DTLS1.3");
    EXPECT_EQ(version_name(0x0100), "DTLS1.0-pre");
    EXPECT_EQ(version_name(0x7f1c), "TLS1.3-draft28");
    EXPECT_EQ(version_name(0x7f12), "TLS1.3-draft18");
    EXPECT_EQ(version_name(0x0a0a), "0x0a0a");
    EXPECT_EQ(version_name(0xfb1a), "0xfb1a");
}

TEST(TlsClientHello, GreaseValuesAreKept) {
    Buf exts = ext(0x0a0a, {});
    append(exts, ext(kExtSupportedGroups, {0x00, 0x04, 0x2a, 0x2a, 0x00, 0x1d}));
    const Buf body = client_hello({0x1a1a, 0x1301}, &exts);
    ClientHello ch;
    ASSERT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Ok);
    EXPECT_EQ(ch.cipher_suites, (std::vector<std::uint16_t>{0x1a1a, 0x1301}));
    EXPECT_EQ(ch.extensions, (std::vector<std::uint16_t>{0x0a0a, kExtSupportedGroups}));
    EXPECT_EQ(ch.groups, (std::vector<std::uint16_t>{0x2a2a, 0x001d}));
    EXPECT_TRUE(is_grease(ch.cipher_suites[0]));
}

TEST(TlsClientHello, NoExtensionsBlockIsOk) {
    const Buf body = client_hello({0x000a}, nullptr);
    ClientHello ch;
    ASSERT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Ok);
    EXPECT_TRUE(ch.extensions.empty());
    EXPECT_EQ(cipher_suite_name(ch.cipher_suites[0]), "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
}

// ---------------------------------------------------- named malformed cases

TEST(TlsMalformed, TruncatedRecordHeaderNeedsMore) {
    const Buf b = {0x16, 0x03, 0x01, 0x02};
    const RecordResult r = parse_record(view(b));
    EXPECT_EQ(r.status, ParseStatus::NeedMore);
    EXPECT_EQ(r.consumed, 0U);
}

TEST(TlsMalformed, IncompleteFragmentNeedsMore) {
    const Buf b = {0x16, 0x03, 0x01, 0x00, 0x10, 0x01, 0x00};
    EXPECT_EQ(parse_record(view(b)).status, ParseStatus::NeedMore);
}

TEST(TlsMalformed, RecordTooLong) {
    const Buf b = {0x17, 0x03, 0x03, 0x48, 0x01};  // 2^14 + 2048 + 1
    const RecordResult r = parse_record(view(b));
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "tls_record_too_long");
}

TEST(TlsMalformed, LongestLegalRecordLengthWaitsForBytes) {
    const Buf b = {0x17, 0x03, 0x03, 0x48, 0x00};  // exactly 2^14 + 2048
    EXPECT_EQ(parse_record(view(b)).status, ParseStatus::NeedMore);
}

TEST(TlsMalformed, BadContentType) {
    const Buf b = {0x19, 0x03, 0x03, 0x00, 0x01, 0x00};
    const RecordResult r = parse_record(view(b));
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "tls_bad_content_type");
}

TEST(TlsMalformed, BadContentTypeRejectedFromFirstByte) {
    const Buf b = {0x47};  // 'G' of an HTTP request
    EXPECT_EQ(parse_record(view(b)).status, ParseStatus::Invalid);
}

TEST(TlsMalformed, BadVersionMajor) {
    const Buf b = {0x16, 0x02, 0x00, 0x00, 0x01, 0x00};
    const RecordResult r = parse_record(view(b));
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "tls_bad_version");
}

TEST(TlsMalformed, HandshakeIncompleteNeedsMore) {
    const Buf b = {0x01, 0x00, 0x00, 0x08, 0x03, 0x03};
    EXPECT_EQ(parse_handshake(view(b)).status, ParseStatus::NeedMore);
    const Buf hdr = {0x01, 0x00};
    EXPECT_EQ(parse_handshake(view(hdr)).status, ParseStatus::NeedMore);
}

TEST(TlsMalformed, HandshakeTooLong) {
    Buf b = {0x0b};
    put24(b, static_cast<unsigned>(core::limits::kMaxTlsHandshakeMessage + 1));
    const HandshakeResult h = parse_handshake(view(b));
    EXPECT_EQ(h.status, ParseStatus::Invalid);
    EXPECT_EQ(h.error, "tls_handshake_too_long");
}

TEST(TlsMalformed, ClientHelloExtensionLengthPastEnd) {
    Buf exts;
    put16(exts, kExtSupportedGroups);
    put16(exts, 40);  // says 40 bytes, 4 follow
    exts.insert(exts.end(), {0x00, 0x02, 0x00, 0x1d});
    const Buf body = client_hello({0x1301}, &exts);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, ClientHelloExtensionsBlockLengthPastEnd) {
    Buf body = client_hello({0x1301}, nullptr);
    put16(body, 100);  // extensions block length, nothing follows
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, SniListLengthLying) {
    Buf data = sni_data("example.org");
    data[1] = static_cast<std::uint8_t>(data[1] + 5);  // list claims 5 more bytes than it has
    const Buf exts = ext(kExtServerName, data);
    const Buf body = client_hello({0x1301}, &exts);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
    EXPECT_FALSE(ch.sni.has_value());
}

TEST(TlsMalformed, SniNameLengthLying) {
    Buf data = sni_data("example.org");
    data[4] = static_cast<std::uint8_t>(data[4] + 1);  // host name one byte too long
    const Buf exts = ext(kExtServerName, data);
    const Buf body = client_hello({0x1301}, &exts);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, ZeroLengthCipherList) {
    const Buf body = client_hello({}, nullptr);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, OddCipherListLength) {
    Buf body;
    put16(body, 0x0303);
    body.insert(body.end(), 32, 0);
    put8(body, 0);
    put16(body, 3);
    body.insert(body.end(), {0x13, 0x01, 0x00});
    put8(body, 1);
    put8(body, 0);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, EmptyCompressionList) {
    Buf body = client_hello({0x1301}, nullptr);
    body[body.size() - 2] = 0;  // compression methods length 0 ...
    body.pop_back();            // ... and no method
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, SessionIdLongerThan32) {
    Buf body;
    put16(body, 0x0303);
    body.insert(body.end(), 32, 0);
    put8(body, 33);
    body.insert(body.end(), 33, 0);
    put16(body, 2);
    put16(body, 0x1301);
    put8(body, 1);
    put8(body, 0);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, DuplicateExtension) {
    Buf exts = ext(23, {});
    append(exts, ext(23, {}));
    const Buf body = client_hello({0x1301}, &exts);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, TrailingBytesAfterExtensions) {
    Buf exts = ext(23, {});
    Buf body = client_hello({0x1301}, &exts);
    body.push_back(0);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, TruncatedClientHelloBody) {
    const Buf rec = fixtures::curl_tls13_client_hello_record();
    const core::Bytes body = view(rec).subspan(9, 72);  // cut inside the suites
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(body, ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, SupportedVersionsOddLength) {
    const Buf exts = ext(kExtSupportedVersions, {0x03, 0x03, 0x04, 0x03});
    const Buf body = client_hello({0x1301}, &exts);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, AlpnEmptyProtocolName) {
    const Buf exts = ext(kExtAlpn, {0x00, 0x03, 0x00, 0x01, 'x'});
    const Buf body = client_hello({0x1301}, &exts);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, UseSrtpMkiPastEnd) {
    const Buf exts = ext(kExtUseSrtp, {0x00, 0x02, 0x00, 0x01, 0x05});
    const Buf body = client_hello({0x1301}, &exts);
    ClientHello ch;
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, ServerHelloAlpnWithTwoNames) {
    Buf b;
    put16(b, 0x0303);
    b.insert(b.end(), 32, 1);
    put8(b, 0);
    put16(b, 0x1301);
    put8(b, 0);
    const Buf exts = ext(kExtAlpn, {0x00, 0x06, 0x02, 'h', '2', 0x02, 'h', '3'});
    put16(b, static_cast<unsigned>(exts.size()));
    append(b, exts);
    ServerHello sh;
    EXPECT_EQ(parse_server_hello(view(b), sh, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, ServerHelloSupportedVersionsTooLong) {
    Buf b;
    put16(b, 0x0303);
    b.insert(b.end(), 32, 1);
    put8(b, 0);
    put16(b, 0x1301);
    put8(b, 0);
    const Buf exts = ext(kExtSupportedVersions, {0x03, 0x04, 0x00});
    put16(b, static_cast<unsigned>(exts.size()));
    append(b, exts);
    ServerHello sh;
    EXPECT_EQ(parse_server_hello(view(b), sh, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, CertificateListLengthDisagrees) {
    Buf body;
    put24(body, 10);  // list claims 10 bytes
    put24(body, 2);
    body.insert(body.end(), {0x30, 0x00});
    std::vector<core::Bytes> certs;
    EXPECT_EQ(parse_certificate_list(view(body), certs, false), ParseStatus::Invalid);
}

TEST(TlsMalformed, CertificateOfLengthZero) {
    Buf body;
    put24(body, 3);
    put24(body, 0);
    std::vector<core::Bytes> certs;
    EXPECT_EQ(parse_certificate_list(view(body), certs, false), ParseStatus::Invalid);
}

TEST(DtlsMalformed, TruncatedRecordHeaderNeedsMore) {
    const Buf b = {0x16, 0xfe, 0xfd, 0x00, 0x00, 0x00};
    EXPECT_EQ(parse_dtls_record(view(b)).status, ParseStatus::NeedMore);
}

TEST(DtlsMalformed, BadVersion) {
    const Buf b = {0x16, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    const RecordResult r = parse_dtls_record(view(b));
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "dtls_bad_version");
}

TEST(DtlsMalformed, RecordTooLong) {
    const Buf b = {0x17, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 1, 0x48, 0x01};
    const RecordResult r = parse_dtls_record(view(b));
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "tls_record_too_long");
}

TEST(DtlsMalformed, UnifiedHeaderWithConnectionId) {
    const Buf b = {0x3c, 0x01, 0x02, 0x03, 0x00, 0x01, 0xff};
    const RecordResult r = parse_dtls_record(view(b));
    EXPECT_EQ(r.status, ParseStatus::Invalid);
    EXPECT_EQ(r.error, "dtls_cid_unsupported");
}

TEST(DtlsMalformed, HandshakeFragmentBeyondMessage) {
    Buf b = {kClientHello};
    put24(b, 10);  // length
    put16(b, 0);   // message_seq
    put24(b, 8);   // fragment_offset
    put24(b, 4);   // fragment_length: 8 + 4 > 10
    b.insert(b.end(), 4, 0);
    const DtlsHandshakeResult h = parse_dtls_handshake(view(b));
    EXPECT_EQ(h.status, ParseStatus::Invalid);
    EXPECT_EQ(h.error, "dtls_bad_fragment");
}

TEST(DtlsMalformed, HandshakeFragmentTruncatedNeedsMore) {
    Buf b = {kClientHello};
    put24(b, 10);
    put16(b, 0);
    put24(b, 0);
    put24(b, 10);
    b.insert(b.end(), 4, 0);
    EXPECT_EQ(parse_dtls_handshake(view(b)).status, ParseStatus::NeedMore);
}

TEST(DtlsHandshake, FragmentKeepsOffsetAndTotal) {
    Buf b = {kCertificate};
    put24(b, 1000);
    put16(b, 3);
    put24(b, 500);
    put24(b, 2);
    b.insert(b.end(), {0xaa, 0xbb});
    const DtlsHandshakeResult h = parse_dtls_handshake(view(b));
    ASSERT_EQ(h.status, ParseStatus::Ok);
    EXPECT_EQ(h.consumed, 14U);
    EXPECT_EQ(h.msg.length, 1000U);
    EXPECT_EQ(h.msg.message_seq, 3);
    EXPECT_EQ(h.msg.fragment_offset, 500U);
    EXPECT_EQ(h.msg.fragment.size(), 2U);
    EXPECT_FALSE(h.msg.is_complete());
}

}  // namespace
}  // namespace vca::probes::tls
