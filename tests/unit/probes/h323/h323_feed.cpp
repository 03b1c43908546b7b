#include "tests/unit/probes/h323/h323_feed.hpp"

#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "auditor/core/net_address.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/decode/packet.hpp"
#include "probes/flow/tcp_stream.hpp"
#include "probes/h323/h225_stream.hpp"
#include "tests/support/corpus_frames.hpp"

namespace vca::probes::h323::test {
namespace {

using Endpoint = std::pair<std::string, std::uint16_t>;

struct Connection {
    std::int64_t flow_id = 0;
    std::unique_ptr<flow::TcpStream> directions[2];
    H225Stream h225;
};

bool is_ras_port(std::uint16_t p) { return p == 1718 || p == 1719; }

}  // namespace

void feed_h323(std::string_view relative_path, facts::MemorySink& sink) {
    namespace capture = vca::probes::capture;
    namespace decode = vca::probes::decode;
    auto reader = capture::PcapReader::open(vca::test::corpus_path(relative_path));
    if (!reader) throw vca::test::CorpusError(std::string(relative_path) + ": " + reader.error().message);
    std::map<std::pair<Endpoint, Endpoint>, std::int64_t> flow_ids;  // (first sender, peer) -> flow id
    std::map<std::int64_t, Connection> connections;
    capture::Frame frame;
    while (reader->next(frame).status == capture::ReadStatus::Frame) {
        const decode::DecodeResult d = decode::decode_frame(frame.linktype, frame.data);
        if (d.status != decode::DecodeStatus::Ok) continue;
        const decode::PacketView& p = d.packet;
        const bool tcp = p.protocol == decode::kTcp && (p.src_port == 1720 || p.dst_port == 1720);
        const bool ras = p.protocol == decode::kUdp && (is_ras_port(p.src_port) || is_ras_port(p.dst_port));
        if (!tcp && !ras) continue;
        const Endpoint src{core::format_ip(p.src_addr), p.src_port};
        const Endpoint dst{core::format_ip(p.dst_addr), p.dst_port};
        std::int64_t flow_id = 0;
        int direction = 0;
        if (auto it = flow_ids.find({src, dst}); it != flow_ids.end()) {
            flow_id = it->second;
        } else if (auto back = flow_ids.find({dst, src}); back != flow_ids.end()) {
            flow_id = back->second;
            direction = 1;
        } else {
            flow_id = static_cast<std::int64_t>(flow_ids.size()) + 1;
            flow_ids.emplace(std::make_pair(src, dst), flow_id);
        }
        H323Context ctx;
        ctx.flow_id = flow_id;
        ctx.input_id = 1;
        ctx.frame = frame.number;
        ctx.ts = frame.ts;
        ctx.src_ip = src.first;
        ctx.dst_ip = dst.first;
        if (ras) {
            if (!p.payload.empty()) (void)emit_ras_datagram(p.payload, ctx, sink);
            continue;
        }
        Connection& c = connections[flow_id];
        c.flow_id = flow_id;
        auto& stream = c.directions[direction];
        if (!stream) stream = std::make_unique<flow::TcpStream>(256 * 1024);
        stream->add(p.seq, p.tcp_flags, p.payload, [&](core::Bytes data, bool after_gap) {
            c.h225.on_data(direction, data, after_gap, ctx, sink);
        });
    }
}

}  // namespace vca::probes::h323::test
