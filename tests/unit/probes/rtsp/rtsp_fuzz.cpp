// libFuzzer harness for probes/rtsp, and through tests/fuzz/replay_main.cpp a
// plain test over its seeds (tests/fuzz/corpus/rtsp/). The input is parsed
// element by element, its lines as Transport values and URIs, and fed to an
// RtspStream in two cuts. Broken invariants trap.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "probes/rtsp/rtsp_limits.hpp"
#include "probes/rtsp/rtsp_parser.hpp"
#include "probes/rtsp/rtsp_stream.hpp"
#include "probes/rtsp/rtsp_transport.hpp"
#include "auditor/core/url_redaction.hpp"

namespace {

using namespace vca::probes::rtsp;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

struct Sink final : vca::facts::FactSink {
    void emit(std::string_view, const vca::facts::Cells&) override { ++rows; }
    std::size_t rows = 0;
};

struct Observer final : RtspObserver {
    void on_transport(const RtspTransport& t, bool, const RtspContext&) override { check(!t.profile.empty()); }
    void on_interleaved(std::uint8_t, vca::core::Bytes data, std::optional<bool>, const RtspContext&) override {
        check(data.size() <= 65535);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const vca::core::Bytes input(data, size);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)looks_like_rtsp(input);

    vca::core::Bytes rest = input;
    while (!rest.empty()) {
        const RtspParseResult r = parse_rtsp_element(rest);
        check(r.consumed <= rest.size());
        if (r.status == vca::core::ParseStatus::Invalid) check(r.consumed == 0 && !r.error.empty());
        if (r.status == vca::core::ParseStatus::Ok) {
            check(r.consumed > 0);
            check(r.msg.headers.size() <= limits::kMaxRtspHeaders);
            check(r.msg.body.size() <= limits::kMaxRtspBody);
        }
        if (r.consumed == 0) break;
        rest = rest.subspan(r.consumed);
    }

    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t nl = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, nl - pos);
        if (auto t = parse_transport(line)) check(!t->profile.empty());
        const std::string red = vca::core::redact_url(line);
        if (line.find('@') == std::string_view::npos && line.find('?') == std::string_view::npos) check(red == line);
        pos = nl + 1;
    }

    Sink sink;
    Observer observer;
    RtspContext ctx;
    ctx.observer = &observer;
    RtspStream stream(limits::kMaxRtspStreamBuffer);
    const std::size_t half = size / 2;
    stream.on_data(0, input.subspan(0, half), false, ctx, sink);
    stream.on_data(0, input.subspan(half), false, ctx, sink);
    stream.on_data(1, input, true, ctx, sink);
    return 0;
}
