// libFuzzer harness for probes/tls/tls_parser (and, through replay_main.cpp,
// a plain test replaying the corpus and every kept crash input).
// One input is fed through every entry point: as a TLS byte stream (records ->
// handshake messages -> hello/certificate decoders), as a DTLS datagram
// (records -> handshake fragments -> decoders), and directly as a handshake
// body. Invariants the parsers promise are checked and trap when broken.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "probes/tls/cipher_suites.hpp"
#include "probes/tls/tls_parser.hpp"

namespace {

using namespace vca::probes::tls;
using vca::core::Bytes;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

void decode_body(std::uint8_t msg_type, Bytes body, bool dtls) {
    ClientHello ch;
    if (parse_client_hello(body, ch, dtls) == ParseStatus::Ok) {
        for (std::uint16_t s : ch.cipher_suites) (void)cipher_suite_name(s);
        for (std::uint16_t p : ch.srtp_profiles) (void)srtp_profile_name(p);
        for (std::uint16_t v : ch.supported_versions) (void)version_name(v);
        check(ch.cipher_suites.size() * 2 <= body.size());
    }
    ServerHello sh;
    if (parse_server_hello(body, sh, dtls) == ParseStatus::Ok) {
        (void)version_name(negotiated_version(sh));
        (void)cipher_suite_name(sh.cipher_suite);
    }
    std::vector<Bytes> certs;
    for (bool tls13 : {false, true}) {
        if (parse_certificate_list(body, certs, tls13) == ParseStatus::Ok) {
            for (Bytes c : certs) {
                check(!c.empty());
                check(c.data() >= body.data() && c.data() + c.size() <= body.data() + body.size());
            }
        }
    }
    (void)msg_type;
}

void as_tls_stream(Bytes data) {
    (void)looks_like_tls(data);
    std::vector<std::uint8_t> handshake;  // concatenated handshake fragments
    Bytes rest = data;
    while (!rest.empty()) {
        const RecordResult r = parse_record(rest);
        if (r.status != ParseStatus::Ok) {
            check(r.consumed == 0);
            check(r.status == ParseStatus::NeedMore || !r.error.empty());
            break;
        }
        check(r.consumed > 0 && r.consumed <= rest.size());
        check(r.record.fragment.size() <= kMaxRecordFragment);
        if (r.record.content_type == kHandshake) {
            handshake.insert(handshake.end(), r.record.fragment.begin(), r.record.fragment.end());
        }
        rest = rest.subspan(r.consumed);
    }
    Bytes hs(handshake.data(), handshake.size());
    while (!hs.empty()) {
        const HandshakeResult h = parse_handshake(hs);
        if (h.status != ParseStatus::Ok) break;
        check(h.consumed == h.msg.body.size() + kHandshakeHeader && h.consumed <= hs.size());
        decode_body(h.msg.msg_type, h.msg.body, false);
        hs = hs.subspan(h.consumed);
    }
}

void as_dtls_datagram(Bytes data) {
    (void)looks_like_dtls(data);
    Bytes rest = data;
    while (!rest.empty()) {
        const RecordResult r = parse_dtls_record(rest);
        if (r.status != ParseStatus::Ok) {
            check(r.consumed == 0);
            break;
        }
        check(r.consumed > 0 && r.consumed <= rest.size());
        (void)version_name(r.record.version);
        Bytes frag = r.record.fragment;
        while (r.record.content_type == kHandshake && !frag.empty()) {
            const DtlsHandshakeResult h = parse_dtls_handshake(frag);
            if (h.status != ParseStatus::Ok) break;
            check(h.consumed <= frag.size());
            check(std::uint64_t{h.msg.fragment_offset} + h.msg.fragment.size() <= h.msg.length);
            if (h.msg.is_complete()) decode_body(h.msg.msg_type, h.msg.fragment, true);
            frag = frag.subspan(h.consumed);
        }
        rest = rest.subspan(r.consumed);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Bytes input(data, size);
    as_tls_stream(input);
    as_dtls_datagram(input);
    decode_body(0, input, false);
    decode_body(0, input, true);
    const HandshakeResult h = parse_handshake(input);
    if (h.status == ParseStatus::Ok) decode_body(h.msg.msg_type, h.msg.body, false);
    if (size >= 2) (void)version_name(static_cast<std::uint16_t>((data[0] << 8) | data[1]));
    return 0;
}
