// StunSession: STUN/TURN on one flow, over UDP datagrams (alone or beside
// DTLS and RTP, RFC 7983) or over a TCP byte stream (RFC 8489 §6.2.2, framed
// by the message length; TURN ChannelData padded to 4). Keeps per-flow
// counts and the relays granted, never per-message rows.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auditor/facts/fact_sink.hpp"
#include "probes/stun/stun_parser.hpp"

namespace vca::probes::stun {

class StunSession {
public:
    void on_datagram(core::Bytes datagram, double ts, std::int64_t frame);
    // Contiguous bytes of one TCP direction; `after_gap`: bytes before are missing.
    void on_stream(int direction, core::Bytes data, bool after_gap, double ts, std::int64_t frame);

    void emit(std::int64_t flow_id, std::int64_t input_id, facts::FactSink& sink) const;

    [[nodiscard]] std::int64_t messages() const { return messages_; }

private:
    void count(const StunMessage& m, double ts, std::int64_t frame);

    std::int64_t messages_ = 0, requests_ = 0, success_ = 0, errors_ = 0, indications_ = 0;
    std::int64_t binding_ = 0, turn_ = 0, channel_data_ = 0, with_integrity_ = 0, malformed_ = 0;
    std::optional<std::string> software_;
    double first_ts_ = 0, last_ts_ = 0;
    std::vector<facts::Cells> relays_;
    std::array<std::vector<std::uint8_t>, 2> buffers_;
    std::array<bool, 2> lost_{false, false};
    // ICE-TCP (RFC 6544) frames each packet with a 2-byte length (RFC 4571);
    // TURN over TCP (RFC 8656) does not. Decided from the first bytes.
    std::array<int, 2> framing_{-1, -1};  // -1 unknown, 0 plain, 1 RFC 4571
};

}  // namespace vca::probes::stun
