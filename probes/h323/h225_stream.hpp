// H225Stream: H.225.0 call signalling over a TCP byte stream: TPKTs (RFC 1006)
// each holding one Q.931 message, several per segment or one across many; or,
// with TpktContent::H245, the separate H.245 connection (one H.245 PDU each).
// Holds the bytes of an incomplete TPKT per direction (bounded); the framing
// and message parsers never buffer.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/limits.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/h323/h245_facts.hpp"
#include "probes/h323/h323_facts.hpp"

namespace vca::probes::h323 {

// What the TPKTs of a stream carry: Q.931 with H.225.0 (call signalling) or
// H.245 (the separate H.245 connection).
enum class TpktContent { Q931, H245 };

class H225Stream {
public:
    explicit H225Stream(TpktContent content = TpktContent::Q931,
                        std::size_t max_buffer = core::limits::kMaxH225StreamBuffer);

    // In-order bytes of one direction (0 or 1) from the TCP reassembler;
    // `after_gap` when bytes before them are missing. `ctx` describes the
    // frame that delivered them (a message is dated by the frame completing it).
    void on_data(int direction, core::Bytes data, bool after_gap, const H323Context& ctx, facts::FactSink& sink);

    // Q.931 messages handed on (whether or not they decoded), both directions.
    [[nodiscard]] std::int64_t messages() const { return messages_; }

private:
    struct Side {
        std::vector<std::uint8_t> buffer;
        bool lost = false;  // waiting for a TPKT start after damage
    };
    void parse(Side& side, const H323Context& ctx, facts::FactSink& sink);

    [[nodiscard]] std::string anomaly_name(std::string_view what) const;

    TpktContent content_;
    H245Channels channels_;  // logical channels opened on this connection (H.245 here or tunnelled)
    std::size_t max_buffer_;
    std::array<Side, 2> sides_;
    std::int64_t messages_ = 0;
};

}  // namespace vca::probes::h323
