// JA4 from hand-built ClientHellos. The expected fingerprints are the worked
// example of the public JA4 specification (FoxIO technical_details/JA4.md),
// whose hashes were re-derived with Python's hashlib from the lists the spec
// prints, and a corpus ClientHello whose JA4 was computed in Python from
// tshark 4.0.17's fields of that frame.
#include "probes/tls/ja4.hpp"

#include <gtest/gtest.h>

#include "tests/unit/probes/tls/hello_builder.hpp"
#include "tests/unit/probes/tls/tls_fixtures.hpp"

namespace vca::probes::tls {
namespace {

using namespace test;

// The spec's example client: 15 suites and 16 extensions in the order it
// lists them, ALPN h2, TLS 1.3; plus GREASE in every list, which must vanish.
ClientHello spec_example(bool with_sni = true, std::vector<std::string> alpn = {"h2", "http/1.1"}) {
    const std::vector<unsigned> suites = {0x0a0a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
                                          0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035};
    std::vector<Ext> exts = {ext(0x3a3a), ext(0x001b, {0x02, 0x00, 0x02})};
    if (with_sni) exts.push_back(sni_ext("example.org"));
    exts.push_back(ext(0x0033));
    exts.push_back(alpn_ext(alpn));
    for (unsigned t : {0x4469U, 0x0017U, 0x002dU}) exts.push_back(ext(t));
    exts.push_back(ext(0x000d, u16_list({0x0403, 0x0804, 0x0401, 0x0503, 0x1a1a, 0x0805, 0x0501, 0x0806, 0x0601})));
    for (unsigned t : {0x0005U, 0x0023U, 0x0012U}) exts.push_back(ext(t));
    exts.push_back(ext(0x002b, u16_list({0x5a5a, 0x0304, 0x0303}, true)));
    exts.push_back(ext(0xff01, {0x00}));
    exts.push_back(ext(0x000b, {0x01, 0x00}));
    exts.push_back(ext(0x000a, u16_list({0x2a2a, 0x001d, 0x0017})));
    exts.push_back(ext(0x0015, {0, 0, 0}));
    ClientHello ch;
    const Buf body = client_hello_body(0x0303, Buf(32, 0x33), suites, exts);
    EXPECT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Ok);
    return ch;
}

TEST(Ja4, SpecExample) {
    const ClientHello ch = spec_example();
    EXPECT_EQ(ja4(ch, Ja4Transport::Tcp), "t13d1516h2_8daaf6152771_e5627efa2ab1");
    EXPECT_EQ(ja4_raw(ch, Ja4Transport::Tcp),
              "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
              "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_"
              "0403,0804,0401,0503,0805,0501,0806,0601");
}

TEST(Ja4, PrefixFollowsTransportSniAndAlpn) {
    EXPECT_EQ(ja4_a(spec_example(), Ja4Transport::Dtls), "d13d1516h2");
    EXPECT_EQ(ja4_a(spec_example(), Ja4Transport::Quic), "q13d1516h2");
    // Without SNI: 'i', one extension fewer; the extension hash is unchanged
    // because SNI never enters it.
    const ClientHello no_sni = spec_example(false);
    EXPECT_EQ(ja4(no_sni, Ja4Transport::Tcp), "t13i1515h2_8daaf6152771_e5627efa2ab1");
    EXPECT_EQ(ja4_a(spec_example(true, {"http/1.1"}), Ja4Transport::Tcp), "t13d1516h1");
    EXPECT_EQ(ja4_a(spec_example(true, {"x"}), Ja4Transport::Tcp), "t13d1516xx");
    // Non-alphanumeric ends: first and last hex digits of the value (spec examples).
    EXPECT_EQ(ja4_a(spec_example(true, {std::string("\xab", 1)}), Ja4Transport::Tcp), "t13d1516ab");
    EXPECT_EQ(ja4_a(spec_example(true, {std::string("\xab\xcd", 2)}), Ja4Transport::Tcp), "t13d1516ad");
    EXPECT_EQ(ja4_a(spec_example(true, {std::string("0\xab", 2)}), Ja4Transport::Tcp), "t13d15163b");
    EXPECT_EQ(ja4_a(spec_example(true, {std::string("0\xab\xcd""1", 4)}), Ja4Transport::Tcp), "t13d151601");
}

TEST(Ja4, NoSignatureAlgorithmsHashesTheExtensionsAlone) {
    // The spec's second example: the same extensions, no signature_algorithms
    // entries: hash of the extension list without the trailing '_'.
    ClientHello ch = spec_example();
    ch.signature_algorithms.clear();
    EXPECT_EQ(ja4(ch, Ja4Transport::Tcp), "t13d1516h2_8daaf6152771_6d807ffa2a79");
}

TEST(Ja4, OldClientWithoutExtensions) {
    // TLS 1.0, no extensions at all: no ALPN → "00", empty extension list → zeros.
    ClientHello ch;
    Buf body;
    put16(body, 0x0301);
    body.insert(body.end(), 32, 0);
    put8(body, 0);
    append(body, u16_list({0x000a, 0x0005}));
    put8(body, 1);
    put8(body, 0);
    ASSERT_EQ(parse_client_hello(view(body), ch, false), ParseStatus::Ok);
    const std::string fp = ja4(ch, Ja4Transport::Tcp);
    EXPECT_EQ(fp.substr(0, 11), "t10i020000_");
    EXPECT_EQ(fp.substr(fp.size() - 13), "_000000000000");
    EXPECT_EQ(fp.size(), 10U + 1 + 12 + 1 + 12);
}

TEST(Ja4, DtlsVersionHighestIsTheNewest) {
    // DTLS numbers count down: 0xfefc (1.3) is newer than 0xfefd (1.2).
    ClientHello ch = spec_example();
    ch.supported_versions = {0xfefd, 0xfefc};
    EXPECT_EQ(ja4_a(ch, Ja4Transport::Dtls).substr(0, 3), "dd3");
    ch.supported_versions.clear();
    ch.legacy_version = 0xfefd;
    EXPECT_EQ(ja4_a(ch, Ja4Transport::Dtls).substr(0, 3), "dd2");
    ch.legacy_version = 0x0305;  // unknown
    EXPECT_EQ(ja4_a(ch, Ja4Transport::Tcp).substr(0, 3), "t00");
}

TEST(Ja4, CorpusCurlClientHelloAgreesWithTsharkFields) {
    // curl-enabled-tls13.pcap frame 8. From tshark: suites 1302,1303,1301,00ff;
    // extensions 0,11,10,13172,16,22,23,49,13,43,45,51,21; 14 signature
    // algorithms; ALPN h2,http/1.1; supported_versions 0304; SNI present.
    const auto rec = fixtures::curl_tls13_client_hello_record();
    const core::Bytes hs(rec.data() + kTlsRecordHeader + kHandshakeHeader,
                         rec.size() - kTlsRecordHeader - kHandshakeHeader);
    ClientHello ch;
    ASSERT_EQ(parse_client_hello(hs, ch, false), ParseStatus::Ok);
    EXPECT_EQ(ja4(ch, Ja4Transport::Tcp), "t13d0413h2_16476d049b0b_ffceb19bae65");
}

}  // namespace
}  // namespace vca::probes::tls
