// Byte fixtures for the TLS parser tests: single frames of the shared public
// corpus (corpus/public/..., see its MANIFEST.tsv for origins and licences),
// read at run time with tests/support/corpus_frames (the corpus is never
// copied into this repository). Each fixture is the transport payload of one
// frame, as `tshark -r FILE -Y 'frame.number==N' -T fields -e tcp.payload`
// (or -e udp.payload) prints it, sliced where noted. Values the tests assert
// were cross-checked against tshark 4.0.17's dissection of the same frames
// (quoted beside each fixture). A missing capture or frame fails the test.
#pragma once

#include <cstdint>
#include <vector>

#include "tests/support/corpus_frames.hpp"

namespace vca::probes::tls::fixtures {

using Bytes = std::vector<std::uint8_t>;

// corpus/public/arkime/curl-enabled-tls13.pcap frame 8: curl's TLS 1.3
// ClientHello record. tshark: cipher_suites_length 8 (0x1302,0x1303,0x1301,
// 0x00ff), SNI enabled.tls13.com, ALPN h2,http/1.1, supported_versions 0x0304,
// groups 0x001d,0x0017,0x001e,0x0019,0x0018, 14 signature algorithms,
// ec_point_formats 0,1,2, extension types 0,11,10,13172,16,22,23,49,13,43,45,51,21.
// 517 bytes
inline Bytes curl_tls13_client_hello_record() {
    return vca::test::require_size(vca::test::corpus_payload("corpus/public/arkime/curl-enabled-tls13.pcap", 8), 517,
                              "curl-enabled-tls13.pcap frame 8");
}

// corpus/public/arkime/curl-enabled-tls13.pcap frame 10, first record only
// (5 + 122 bytes): the ServerHello. tshark: legacy version 0x0303, cipher
// 0x1302, supported_versions 0x0304, extension types 51,43.
// 127 bytes
inline Bytes curl_tls13_server_hello_record() {
    return vca::test::require_size(
        vca::test::first_tls_record(
            vca::test::corpus_payload("corpus/public/arkime/curl-enabled-tls13.pcap", 10)),
        127, "curl-enabled-tls13.pcap frame 10, first record");
}

// corpus/public/suricata-verify/tls13_draft28.pcap frame 6, first record
// (5 + 123 bytes): a TLS 1.3 draft-28 ServerHello. tshark: supported_versions
// 0x7f1c, cipher 0x1302, extension types 43,51.
// 128 bytes
inline Bytes draft28_server_hello_record() {
    return vca::test::require_size(
        vca::test::first_tls_record(
            vca::test::corpus_payload("corpus/public/suricata-verify/tls13_draft28.pcap", 6)),
        128, "tls13_draft28.pcap frame 6, first record");
}

// corpus/public/ndpi/stun_dtls_rtp.pcapng frame 3: a WebRTC DTLS ClientHello
// datagram. tshark: record version 0xfeff, cookie_length 0,
// cipher_suites_length 22 (11 suites, first 0xc02b), extension types
// 23,65281,10,11,35,13,14, groups 0x001d,0x0017,0x0018, use_srtp profiles
// 0x0001,0x0008,0x0007.
// 157 bytes
inline Bytes webrtc_dtls_client_hello_datagram() {
    return vca::test::require_size(vca::test::corpus_payload("corpus/public/ndpi/stun_dtls_rtp.pcapng", 3), 157,
                              "stun_dtls_rtp.pcapng frame 3");
}

// corpus/public/ndpi/stun_dtls_rtp.pcapng frame 4: the server's DTLS 1.2
// flight in one datagram. tshark: 5 records (lengths 80,701,308,37,12; epoch
// 0; sequence 0..4) holding ServerHello (cipher 0xc02f, extension types
// 23,65281,11,35,14, use_srtp 0x0008), Certificate (certificates_length 686,
// one certificate of 683 bytes), ServerKeyExchange, CertificateRequest,
// ServerHelloDone.
// 1203 bytes
inline Bytes webrtc_dtls_server_flight_datagram() {
    return vca::test::require_size(vca::test::corpus_payload("corpus/public/ndpi/stun_dtls_rtp.pcapng", 4), 1203,
                              "stun_dtls_rtp.pcapng frame 4");
}

// corpus/public/zeek/dtls13-wolfssl.pcap frame 2: a DTLS 1.3
// HelloRetryRequest (record version 0xfefd, random = SHA-256("HelloRetryRequest"),
// supported_versions 0xfefc according to tshark).
// 144 bytes
inline Bytes wolfssl_dtls13_hello_retry_datagram() {
    return vca::test::require_size(vca::test::corpus_payload("corpus/public/zeek/dtls13-wolfssl.pcap", 2), 144,
                              "dtls13-wolfssl.pcap frame 2");
}

// corpus/public/zeek/dtls13-wolfssl.pcap frame 5: DTLS 1.3 ciphertext with the
// unified header (0x2e: no CID, 16-bit sequence, length present, epoch bits 2).
// tshark 4.0 does not dissect it; the expected values are read off the bytes.
// 36 bytes
inline Bytes wolfssl_dtls13_ciphertext_datagram() {
    return vca::test::require_size(vca::test::corpus_payload("corpus/public/zeek/dtls13-wolfssl.pcap", 5), 36,
                              "dtls13-wolfssl.pcap frame 5");
}

// corpus/public/arkime/wireshark-dtls0.pcap frame 1: OpenSSL pre-0.9.8f DTLS
// ClientHello (tshark: "DTLS 1.0 (OpenSSL pre 0.9.8f)", record version 0x0100).
// 119 bytes
inline Bytes pre_rfc_dtls_client_hello_datagram() {
    return vca::test::require_size(vca::test::corpus_payload("corpus/public/arkime/wireshark-dtls0.pcap", 1), 119,
                              "wireshark-dtls0.pcap frame 1");
}

// corpus/public/zeek/ssl-v2.pcap frame 4: an SSLv2 CLIENT-HELLO (2-byte
// header form).
// 48 bytes
inline Bytes sslv2_client_hello() {
    return vca::test::require_size(vca::test::corpus_payload("corpus/public/zeek/ssl-v2.pcap", 4), 48,
                              "ssl-v2.pcap frame 4");
}

}  // namespace vca::probes::tls::fixtures
