// SipStream: SIP over a byte stream (TCP, RFC 3261 §18.3): messages framed by
// Content-Length, several per segment or one across many. Holds the bytes of
// an incomplete message per direction (bounded); the parser never buffers.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/sip/sip_facts.hpp"

namespace vca::probes::sip {

class SipStream {
public:
    explicit SipStream(std::size_t max_buffer);

    // Contiguous bytes of one direction (0 or 1). `ctx` describes the frame
    // that delivered them (a message is dated by the frame that completes it).
    void on_data(int direction, core::Bytes data, bool after_gap, const SipContext& ctx, facts::FactSink& sink);

private:
    struct Side {
        std::vector<std::uint8_t> buffer;
        bool lost = false;  // waiting for a new message start after damage
    };
    void parse(Side& side, const SipContext& ctx, facts::FactSink& sink);
    std::size_t max_buffer_;
    std::array<Side, 2> sides_;
};

}  // namespace vca::probes::sip
