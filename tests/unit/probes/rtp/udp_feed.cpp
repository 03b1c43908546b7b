#include "tests/unit/probes/rtp/udp_feed.hpp"

#include <map>
#include <string>
#include <tuple>

#include "auditor/core/net_address.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/decode/packet.hpp"
#include "tests/support/corpus_frames.hpp"

namespace vca::probes::rtp::test {

FeedCounts feed_udp(std::string_view relative_path, RtpTracker& tracker, Hint hint) {
    namespace capture = vca::probes::capture;
    namespace decode = vca::probes::decode;
    auto reader = capture::PcapReader::open(vca::test::corpus_path(relative_path));
    if (!reader) throw vca::test::CorpusError(std::string(relative_path) + ": " + reader.error().message);
    using Endpoint = std::pair<std::string, std::uint16_t>;
    // (first sender, its peer) -> flow id
    std::map<std::pair<Endpoint, Endpoint>, std::int64_t> flows;
    FeedCounts counts;
    capture::Frame frame;
    while (reader->next(frame).status == capture::ReadStatus::Frame) {
        ++counts.frames;
        const decode::DecodeResult d = decode::decode_frame(frame.linktype, frame.data);
        if (d.status != decode::DecodeStatus::Ok || d.packet.protocol != decode::kUdp) continue;
        ++counts.udp_datagrams;
        const Endpoint src{core::format_ip(d.packet.src_addr), d.packet.src_port};
        const Endpoint dst{core::format_ip(d.packet.dst_addr), d.packet.dst_port};
        std::int64_t flow_id = 0;
        int direction = 0;
        if (auto it = flows.find({src, dst}); it != flows.end()) {
            flow_id = it->second;
        } else if (auto back = flows.find({dst, src}); back != flows.end()) {
            flow_id = back->second;
            direction = 1;
        } else {
            flow_id = static_cast<std::int64_t>(flows.size()) + 1;
            flows.emplace(std::make_pair(src, dst), flow_id);
        }
        tracker.on_datagram(flow_id, direction, src.first, src.second, dst.first, dst.second, d.packet.payload,
                            frame.ts, frame.number, hint);
    }
    return counts;
}

}  // namespace vca::probes::rtp::test
