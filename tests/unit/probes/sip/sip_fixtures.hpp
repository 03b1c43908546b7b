// SIP/SDP text fixtures for the SIP parser tests: single frames of the shared
// public corpus (corpus/public/..., origins and licences in its MANIFEST.tsv),
// read at run time with tests/support/corpus_frames (the corpus is never
// copied into this repository). Each fixture is the transport payload of one
// frame, as `tshark -r FILE -Y 'frame.number==N' -T fields -e udp.payload` (or
// tcp.payload) prints it; for WebSocket, the unmasked payload tshark shows.
// Values the tests assert were cross-checked against tshark 4.0.17 (quoted
// beside each). A missing capture or frame fails the test.
#pragma once

#include <string>

#include "tests/support/corpus_frames.hpp"

namespace vca::probes::sip::fixtures {

// corpus/public/suricata-verify/sip_compact_form.pcap frame 1 (UDP): INVITE
// with compact headers v f t c l. tshark: Call-ID 105090259-446faf7a@192.168.1.2,
// Content-Length 272 while 372 bytes of SDP follow, so tshark's SDP (cut at
// Content-Length) has no m= line; the full text has audio 30000 RTP/AVP 0 8 97 2 3.
// 894 bytes
inline std::string compact_form_invite() {
    return vca::test::require_size(vca::test::corpus_text("corpus/public/suricata-verify/sip_compact_form.pcap", 1),
                                   894, "sip_compact_form.pcap frame 1");
}

// corpus/public/heplify/sip_ipv4_tcp.pcap frame 3 (TCP): INVITE with SDP.
// tshark: Call-ID 158936656982201062716@10.33.6.100, Content-Length 228,
// from.addr sip:101@10.33.6.100, to.addr sip:201@10.33.6.101;user=phone.
// 788 bytes
inline std::string tcp_invite() {
    return vca::test::require_size(vca::test::corpus_text("corpus/public/heplify/sip_ipv4_tcp.pcap", 3), 788,
                                   "sip_ipv4_tcp.pcap frame 3");
}

// corpus/public/heplify/sip_ipv4_tcp.pcap frame 5 (TCP): the 100 Trying
// answering it. tshark: Status-Code 100, Content-Length 0.
// 447 bytes
inline std::string tcp_trying() {
    return vca::test::require_size(vca::test::corpus_text("corpus/public/heplify/sip_ipv4_tcp.pcap", 5), 447,
                                   "sip_ipv4_tcp.pcap frame 5");
}

// corpus/public/voipshark/SIP-SRTP-Normal_Call_two_parties.pcap frame 55
// (UDP): MicroSIP INVITE offering SDES-SRTP (RTP/SAVP) with four a=crypto
// lines (suites AES_256_CM_HMAC_SHA1_80, AES_256_CM_HMAC_SHA1_32,
// AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32). The inline keys are those
// of a finished test call published with the capture; the tests prove that
// none of them survives parsing.
// 1423 bytes
inline std::string sdes_invite() {
    return vca::test::require_size(
        vca::test::corpus_text("corpus/public/voipshark/SIP-SRTP-Normal_Call_two_parties.pcap", 55), 1423,
        "SIP-SRTP-Normal_Call_two_parties.pcap frame 55");
}

// corpus/public/heplify/sip_tcp_websocket.pcap frame 11 (SIP over secure
// WebSocket): SIP.js INVITE with a WebRTC offer. The WebSocket frame (masked,
// key 35ba599f, payload length 2210) is split over TCP frames 10 (1448 bytes)
// and 11 (770 bytes), which tshark reassembles; the fixture is its unmasked
// payload. tshark: media audio 55695 UDP/TLS/RTP/SAVPF (13 formats), c= IN IP4
// 69.17.142.250, three a=candidate lines, fingerprint sha-256 21:B5:...:6F:45,
// setup actpass, sendrecv, Content-Length 1633.
// 2210 bytes
inline std::string webrtc_invite() {
    return vca::test::require_size(
        vca::test::websocket_frame_payload(
            vca::test::corpus_payloads("corpus/public/heplify/sip_tcp_websocket.pcap", {10, 11})),
        2210, "sip_tcp_websocket.pcap frames 10-11, WebSocket payload");
}

}  // namespace vca::probes::sip::fixtures
