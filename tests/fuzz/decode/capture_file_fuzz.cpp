// Fuzz harness: a whole capture file (pcap or pcapng bytes) through libpcap,
// decoding, the flow table, TCP delivery and the TLS and SIP probes.
#include <cstdint>
#include <cstdio>

#include "auditor/facts/fact_sink.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/traffic/traffic_analyzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::FILE* f = fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
    if (f == nullptr) return 0;
    auto reader = vca::probes::capture::PcapReader::open_stream(f);
    if (!reader) return 0;
    vca::facts::MemorySink sink;
    vca::probes::traffic::TrafficAnalyzer analyzer(sink);
    vca::probes::capture::Frame frame;
    for (int i = 0; i < 100000; ++i) {
        auto r = reader->next(frame);
        if (r.status != vca::probes::capture::ReadStatus::Frame) break;
        analyzer.on_frame({1, frame.number, frame.ts, frame.linktype, frame.data, frame.orig_len});
    }
    analyzer.finish();
    return 0;
}
