// RtspStream: RTSP over one TCP connection (RFC 2326 §10.12, RFC 7826 §14):
// messages framed by Content-Length, interleaved '$' frames between them,
// several per segment or one across many. Holds the bytes of an incomplete
// element per direction (bounded); the parser never buffers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/rtsp/rtsp_facts.hpp"

namespace vca::probes::rtsp {

// Interleaved frames seen on one channel (both directions).
struct ChannelCount {
    std::int64_t frames = 0;
    std::int64_t bytes = 0;  // data bytes, the 4-byte frame header excluded
};

class RtspStream {
public:
    explicit RtspStream(std::size_t max_buffer);

    // Contiguous bytes of one direction (0 from the flow's initiator, 1
    // towards it). `ctx` describes the frame that delivered them.
    void on_data(int direction, core::Bytes data, bool after_gap, const RtspContext& ctx, facts::FactSink& sink);

    [[nodiscard]] const std::array<ChannelCount, 256>& channels() const { return channels_; }
    [[nodiscard]] std::int64_t messages() const { return messages_; }

private:
    struct Side {
        std::vector<std::uint8_t> buffer;
        bool lost = false;  // waiting for a new element start after damage
    };
    enum class Carried : std::uint8_t { Unknown, Rtp, Srtp };

    void parse(Side& side, const RtspContext& ctx, facts::FactSink& sink);
    void learn_channels(const RtspMessageView& m);
    [[nodiscard]] std::size_t resync(const Side& side, std::size_t from) const;

    std::size_t max_buffer_;
    std::array<Side, 2> sides_;
    std::array<ChannelCount, 256> channels_{};
    std::array<Carried, 256> carried_{};  // what a SETUP said a channel carries
    std::int64_t messages_ = 0;
};

}  // namespace vca::probes::rtsp
