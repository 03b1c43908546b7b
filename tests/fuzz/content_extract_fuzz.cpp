// libFuzzer harness for the content extractors of probes/content (HTTP
// bodies with chunking, gzip/deflate and multipart; FTP control following;
// TCP and UDP collectors) and their pure parsers, and through replay_main.cpp
// a plain test over the corpus and kept crash inputs.
//
// The input is a sequence of records: one control byte (bit 0 the flow side,
// bits 1-3 all set = bytes lost before the record, bits 4-7 the length
// class) then up to 106 bytes. Every extractor is fed the records whole and
// again one byte at a time with small bounds; both runs must give the same
// objects, no object may exceed a bound, and every byte held must be given
// back at the end. Broken invariants trap.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/facts/fact_sink.hpp"
#include "probes/content/body_decoding.hpp"
#include "probes/content/ftp_control.hpp"
#include "probes/content/http_extractor.hpp"
#include "probes/content/multipart.hpp"
#include "probes/content/stream_collector.hpp"

namespace {

using namespace vca::probes::content;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

struct Record {
    int side = 0;
    bool gap = false;
    vca::core::Bytes bytes;
};

std::vector<Record> records(const std::uint8_t* data, std::size_t size) {
    std::vector<Record> out;
    std::size_t pos = 0;
    while (pos < size) {
        const std::uint8_t ctrl = data[pos++];
        const std::size_t want = 1 + static_cast<std::size_t>(ctrl >> 4) * 7;
        const std::size_t n = std::min(want, size - pos);
        out.push_back(Record{ctrl & 1, (ctrl & 0x0E) == 0x0E, vca::core::Bytes(data + pos, n)});
        pos += n;
    }
    return out;
}

class Summaries final : public ContentObserver {
public:
    explicit Summaries(const limits::ContentLimits& l) : limits_(l) {}
    void on_object(const ContentObject& o) override {
        check(!o.bytes.empty());
        check(o.bytes.size() <= std::max(limits_.max_object_bytes, limits_.max_inflated_bytes));
        check(o.direction == kToServer || o.direction == kToClient);
        check(o.name.size() <= limits::kMaxNameBytes + 3 + limits::kMaxNameBytes);  // URL + part file name
        out.push_back(o.scope + "|" + o.name + "|" + o.direction + "|" + std::string(o.bytes.begin(), o.bytes.end()) +
                      "|" + (o.complete ? "1" : "0"));
    }
    std::vector<std::string> out;

private:
    limits::ContentLimits limits_;
};

// Each extractor has a hub of its own: the in-flight budget is shared by
// whoever asks first, so extractors sharing one would split it differently
// under different chunkings.
std::vector<std::string> run(const std::vector<Record>& recs, bool bytewise) {
    limits::ContentLimits l;
    l.max_object_bytes = 300;
    l.max_flow_bytes = 500;
    l.max_in_flight_bytes = 450;
    l.max_inflated_bytes = 400;
    Summaries seen(l);
    vca::facts::MemorySink sink;
    ContentHub http_hub(seen, sink, l), ftp_hub(seen, sink, l), tcp_hub(seen, sink, l), udp_hub(seen, sink, l);
    {
        HttpBodyExtractor http(http_hub, FlowRef{1, 1}, "10.0.0.9:80");
        FtpControlFollower ftp(ftp_hub, FlowRef{2, 1}, 0, "10.0.0.5", "10.0.0.9");
        StreamCollector tcp(tcp_hub, FlowRef{3, 1}, {"a", "b"});
        DatagramCollector udp(udp_hub, FlowRef{4, 1}, {"a", "b"});
        for (const Record& r : recs) {
            const std::size_t step = bytewise ? 1 : std::max<std::size_t>(r.bytes.size(), 1);
            for (std::size_t i = 0; i < r.bytes.size(); i += step) {
                const auto piece = r.bytes.subspan(i, std::min(step, r.bytes.size() - i));
                const bool gap = r.gap && i == 0;
                http.on_stream(r.side, piece, gap, 1.0, 1);
                ftp.on_stream(r.side, piece, gap);
                tcp.on_stream(r.side, piece, gap, 1.0, 1);
            }
            udp.on_datagram(r.side, r.bytes, 1.0, 1);  // datagrams are whole either way
            for (ContentHub* h : {&http_hub, &tcp_hub, &udp_hub}) check(h->budget().used() <= l.max_in_flight_bytes);
        }
        http.finish();
        tcp.finish();
        udp.finish();
        // Whatever an FTP control connection announced can be claimed once.
        if (auto t = ftp_hub.claim_ftp_data("10.0.0.5", 1, "10.0.0.9", 2)) check(t->control_flow_id == 2);
    }
    for (ContentHub* h : {&http_hub, &ftp_hub, &tcp_hub, &udp_hub}) check(h->budget().used() == 0);
    std::sort(seen.out.begin(), seen.out.end());  // objects of different extractors interleave differently
    return seen.out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<Record> recs = records(data, size);
    // Any chunking gives the same objects, except where a gap falls: the
    // bytewise run marks only the first byte of a record as after the gap, as
    // the whole run does, so both see the same losses.
    check(run(recs, false) == run(recs, true));

    const vca::core::Bytes all(data, size);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    MultipartBody m = split_multipart(all, "b");
    check(m.parts.size() <= limits::kMaxMultipartParts);
    for (const auto& p : m.parts) check(p.data.data() >= data && p.data.data() + p.data.size() <= data + size);
    (void)multipart_boundary(text);
    (void)parse_ftp_host_port(text);
    (void)parse_eprt(text);
    (void)parse_epsv_port(text);
    for (Coding c : {Coding::Gzip, Coding::Deflate}) check(inflate_body(all, c, 4096).bytes.size() <= 4096);
    return 0;
}
