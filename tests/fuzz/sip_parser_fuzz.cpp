// libFuzzer harness for probes/sip (SIP message grammar, SDP, multipart), and
// through replay_main.cpp a plain test over the corpus and kept crash inputs.
// The input is parsed as a UDP datagram and as a TCP stream holding several
// messages; every body that claims to be SDP (directly or inside a multipart)
// goes through parse_sdp, and the whole input does too. Broken invariants
// trap, including a crypto key surviving into the parsed SDP.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "auditor/core/limits.hpp"
#include "probes/sip/sdp_parser.hpp"
#include "probes/sip/sip_parser.hpp"

namespace {

using namespace vca::probes::sip;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

bool inside(std::string_view part, std::string_view whole) {
    return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

void sdp(std::string_view text) {
    SdpSession s;
    (void)parse_sdp(text, s);
    check(s.media.size() <= vca::core::limits::kMaxSdpMedia);
    for (const auto& m : s.media) {
        check(m.formats.size() <= vca::core::limits::kMaxSdpMediaEntries);
        check(m.candidates.size() <= vca::core::limits::kMaxSdpMediaEntries);
        for (const auto& suite : m.crypto_suites) {
            check(suite.find(':') == std::string::npos);  // never key material
        }
    }
}

void message(const SipMessageView& m, std::string_view whole) {
    check(m.headers.size() <= vca::core::limits::kMaxSipHeaders);
    check(inside(m.body, whole));
    for (const auto& h : m.headers) {
        check(inside(h.name, whole) && inside(h.value, whole));
        (void)unfold(h.value);
    }
    for (const char* name : {"From", "To", "Contact"}) {
        if (auto v = m.header(name)) check(inside(uri_of(*v), *v));
    }
    (void)m.header_values("Via");
    const std::string_view ct = m.header("Content-Type").value_or("");
    if (is_sdp_content_type(ct)) sdp(m.body);
    for (std::string_view part : multipart_parts(m.body, ct)) {
        check(inside(part, m.body));
        sdp(part);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const vca::core::Bytes input(data, size);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)looks_like_sip(input);

    const SipParseResult d = parse_sip_message(input, true);
    check(d.consumed <= size);
    if (d.status == ParseStatus::Ok) message(d.msg, text);

    vca::core::Bytes rest = input;
    while (!rest.empty()) {
        const SipParseResult r = parse_sip_message(rest, false);
        check(r.consumed <= rest.size());
        if (r.status == ParseStatus::Ok) {
            check(r.consumed > 0);
            message(r.msg, text);
        } else if (r.status == ParseStatus::Invalid) {
            check(r.consumed == 0 && !r.error.empty());
        }
        if (r.consumed == 0) break;
        rest = rest.subspan(r.consumed);
    }

    sdp(text);
    (void)multipart_parts(text, "multipart/mixed; boundary=b");
    (void)uri_of(text);
    return 0;
}
