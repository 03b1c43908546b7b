#include "auditor/investigate/evidence_extract.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <unordered_map>

#include "auditor/core/limits.hpp"
#include "auditor/core/net_address.hpp"
#include "probes/capture/pcap_extract_writer.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/decode/ip_layer.hpp"
#include "probes/decode/packet.hpp"
#include "probes/flow/ip_fragments.hpp"

namespace vca::investigate {
namespace {

namespace cap = probes::capture;
namespace dec = probes::decode;

// Timestamps go through a double on both sides (facts and reader); allow for rounding.
constexpr double kTimeSlackSeconds = 1e-6;

std::string side(const std::string& ip, std::int64_t port) { return ip + "#" + std::to_string(port); }

std::string tuple_key(std::uint8_t protocol, const std::string& a, const std::string& b) {
    return std::to_string(protocol) + "|" + std::min(a, b) + "|" + std::max(a, b);
}

struct Span {
    double first = 0, last = 0;
    std::int64_t flow_id = 0;
};

class FlowIndex {
public:
    FlowIndex(const std::vector<EvidenceFlow>& flows, const TimeWindow& window) : window_(window) {
        for (const auto& f : flows) {
            std::uint8_t proto = f.transport == "tcp" ? dec::kTcp : f.transport == "udp" ? dec::kUdp : 0;
            if (proto == 0) continue;
            spans_[tuple_key(proto, side(f.src_ip, f.src_port), side(f.dst_ip, f.dst_port))].push_back(
                {f.first_ts, f.last_ts, f.flow_id});
        }
    }

    [[nodiscard]] std::optional<std::int64_t> match(const dec::PacketView& p, double ts) const {
        if (!window_.contains(ts) || (p.protocol != dec::kTcp && p.protocol != dec::kUdp)) return std::nullopt;
        auto it = spans_.find(tuple_key(p.protocol, side(core::format_ip(p.src_addr), p.src_port),
                                        side(core::format_ip(p.dst_addr), p.dst_port)));
        if (it == spans_.end()) return std::nullopt;
        for (const auto& s : it->second)
            if (ts >= s.first - kTimeSlackSeconds && ts <= s.last + kTimeSlackSeconds) return s.flow_id;
        return std::nullopt;
    }

private:
    TimeWindow window_;
    std::unordered_map<std::string, std::vector<Span>> spans_;
};

std::string fragment_key(const dec::PacketView& p) {
    std::string k = std::to_string(p.ip_version) + "/" + std::to_string(p.protocol) + "/" + std::to_string(p.frag_id);
    k.append(reinterpret_cast<const char*>(p.src_addr.data()), p.src_addr.size());
    k += '/';
    k.append(reinterpret_cast<const char*>(p.dst_addr.data()), p.dst_addr.size());
    return k;
}

// Pass 1: which frames of one capture belong to the named flows.
core::Result<std::set<std::int64_t>> select_frames(const CaptureSource& c, const FlowIndex& index,
                                                    ExtractResult& result) {
    auto reader = cap::PcapReader::open(c.file.string());
    if (!reader) return reader.error();
    probes::flow::IpFragments fragments(core::limits::kMaxFragmentedDatagrams, core::limits::kMaxFragmentBytes,
                                        core::limits::kFragmentTimeoutSeconds);
    std::unordered_map<std::string, std::vector<std::int64_t>> pieces;  // datagram → its fragment frames
    std::size_t tracked = 0;
    std::set<std::int64_t> chosen;
    cap::Frame frame;
    while (reader->next(frame).status == cap::ReadStatus::Frame) {
        dec::DecodeResult d = dec::decode_frame(frame.linktype, frame.data);
        if (d.status == dec::DecodeStatus::Fragment) {
            std::string key = fragment_key(d.packet);
            if (tracked < kMaxTrackedFragmentFrames) {
                pieces[key].push_back(frame.number);
                ++tracked;
            } else {
                ++result.fragments_untracked;
            }
            probes::flow::FragmentResult fr = fragments.add(d.packet, frame.ts);
            if (fr.outcome != probes::flow::FragmentOutcome::Complete) continue;
            dec::decode_transport(d.packet.protocol, core::Bytes(fr.datagram.data(), fr.datagram.size()),
                                  static_cast<std::uint32_t>(fr.datagram.size()), d);
            auto it = pieces.find(key);
            std::vector<std::int64_t> frames = it == pieces.end() ? std::vector<std::int64_t>{frame.number} : it->second;
            if (it != pieces.end()) {
                tracked -= it->second.size();
                pieces.erase(it);
            }
            if (d.status != dec::DecodeStatus::Ok) continue;
            if (auto flow = index.match(d.packet, frame.ts)) {
                chosen.insert(frames.begin(), frames.end());
                result.packets_per_flow[*flow] += static_cast<std::int64_t>(frames.size());
            }
            continue;
        }
        if (d.status != dec::DecodeStatus::Ok) continue;
        if (auto flow = index.match(d.packet, frame.ts)) {
            chosen.insert(frame.number);
            ++result.packets_per_flow[*flow];
        }
    }
    return chosen;
}

std::string file_name_for(const std::string& linktype_name, bool several) {
    if (!several) return kExtractFile;
    std::string safe;
    for (char ch : linktype_name) safe += (std::isalnum(static_cast<unsigned char>(ch)) != 0) ? ch : '_';
    return "evidence-extract-" + safe + ".pcap";
}

}  // namespace

core::Result<ExtractResult> write_evidence_extract(const std::filesystem::path& dir,
                                                   const std::vector<CaptureSource>& captures,
                                                   const std::vector<EvidenceFlow>& flows, const TimeWindow& window) {
    ExtractResult result;
    FlowIndex index(flows, window);
    // Link types in the order the captures first show them.
    std::vector<int> linktypes;
    std::vector<int> capture_linktype;
    for (const auto& c : captures) {
        auto reader = cap::PcapReader::open(c.file.string());
        if (!reader) return reader.error();
        int lt = reader->linktype();
        capture_linktype.push_back(lt);
        if (std::find(linktypes.begin(), linktypes.end(), lt) == linktypes.end()) linktypes.push_back(lt);
    }
    std::vector<cap::PcapExtractWriter> writers;
    for (int lt : linktypes) {
        ExtractFile f;
        f.linktype = lt;
        f.linktype_name = cap::linktype_name(lt);
        f.name = file_name_for(f.linktype_name, linktypes.size() > 1);
        auto w = cap::PcapExtractWriter::create(dir / f.name, lt);
        if (!w) return w.error();
        writers.push_back(std::move(w.value()));
        result.files.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < captures.size(); ++i) {
        auto chosen = select_frames(captures[i], index, result);
        if (!chosen) return chosen.error();
        std::size_t slot = static_cast<std::size_t>(
            std::find(linktypes.begin(), linktypes.end(), capture_linktype[i]) - linktypes.begin());
        result.files[slot].input_ids.push_back(captures[i].input_id);
        if (chosen->empty()) continue;
        // Pass 2: copy the chosen frames in their original order.
        auto reader = cap::PcapReader::open(captures[i].file.string());
        if (!reader) return reader.error();
        cap::Frame frame;
        while (reader->next(frame).status == cap::ReadStatus::Frame) {
            if (chosen->count(frame.number) == 0) continue;
            if (auto st = writers[slot].write(frame); !st) return st.error();
            ++result.files[slot].packets;
        }
    }
    for (auto& w : writers)
        if (auto st = w.close(); !st) return st.error();
    return result;
}

}  // namespace vca::investigate
