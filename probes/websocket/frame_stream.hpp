// FrameStream: one direction of a WebSocket connection (RFC 6455 §5) after
// the upgrade: frames decoded as bytes arrive (any split, one byte at a
// time included), masked payloads unmasked (§5.3), fragmented messages
// reassembled (§5.4), and each complete text or binary message handed to the
// caller. Control frames (close, ping, pong) are counted and skipped.
//
// Memory: at most one frame header and one message (limit
// kMaxWebSocketMessage) per direction; a longer message is skipped by
// counting. Framing that breaks the RFC (RSV bits no extension explains, a
// reserved opcode, a bad length, a fragmented or long control frame, a
// continuation out of place) stops the direction: what follows cannot be
// framed with any confidence.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/limits.hpp"
#include "probes/websocket/frame_header.hpp"

namespace vca::probes::websocket {

struct FrameOptions {
    // The server accepted a Sec-WebSocket-Extensions offer
    // (UpgradeWatch::extension_negotiated()). RSV bits are then legal, and a
    // message whose first frame sets one (RSV1: permessage-deflate, RFC 7692)
    // is reported as not decodable and skipped, never inflated.
    bool extension_negotiated = false;
    std::size_t max_message = core::limits::kMaxWebSocketMessage;
};

struct FrameStats {
    std::uint64_t frames = 0;            // complete frames, control ones included
    std::uint64_t control_frames = 0;
    std::uint64_t messages = 0;          // data messages delivered
    std::uint64_t oversized_messages = 0;  // skipped: over max_message
    std::uint64_t extension_messages = 0;  // skipped: extension-encoded
    std::uint64_t gaps = 0;
    bool close_seen = false;
};

class FrameStream {
public:
    // A complete text or binary message (unmasked, fragments joined); the view
    // is valid only during the call. `after_gap`: bytes were lost since the
    // previous message delivered, so messages may be missing before it.
    using MessageHandler = std::function<void(core::Bytes message, bool after_gap)>;
    // Something the caller may record as an anomaly: a stable snake_case name
    // (websocket_gap, websocket_message_limit, websocket_extension_message,
    // websocket_mask_unexpected, or the stop reason) and a short detail.
    using NoteHandler = std::function<void(std::string_view anomaly, std::string_view detail)>;

    // `side` 0 is the client, whose frames must be masked (§5.1); 1 the server.
    FrameStream(int side, MessageHandler on_message, NoteHandler on_note = {}, FrameOptions options = {});

    // In-order bytes; `after_gap` when bytes before these are missing: the
    // partial frame and message are dropped and decoding resumes at the
    // first place that looks like the start of a message.
    void feed(core::Bytes data, bool after_gap);

    [[nodiscard]] bool stopped() const { return phase_ == Phase::Stopped; }
    // The anomaly name that stopped the direction (websocket_rsv_bits,
    // websocket_bad_opcode, websocket_bad_length, websocket_bad_control_frame,
    // websocket_bad_continuation); empty while running.
    [[nodiscard]] std::string_view stop_reason() const { return stop_reason_; }
    [[nodiscard]] const FrameStats& stats() const { return stats_; }

private:
    enum class Phase { Header, Payload, Lost, Stopped };

    void run(core::Bytes data);
    std::size_t take_header(core::Bytes data);
    std::size_t take_payload(core::Bytes data);
    std::size_t resync(core::Bytes data);
    void begin_frame();
    void end_frame();
    void broken(std::string_view reason, std::string_view detail);
    void note(std::string_view name, std::string_view detail) const;
    // 1: the bytes start a plausible message or control frame header;
    // 0: they cannot; -1: too few bytes to tell.
    int plausible_start(core::Bytes b) const;

    int side_;
    MessageHandler on_message_;
    NoteHandler on_note_;
    FrameOptions options_;
    Phase phase_ = Phase::Header;
    std::string_view stop_reason_;
    FrameStats stats_;

    std::array<std::uint8_t, kMaxFrameHeader> header_{};
    std::size_t header_have_ = 0;
    FrameHeader frame_;
    std::uint64_t payload_done_ = 0;  // bytes of the current frame's payload walked

    std::vector<std::uint8_t> message_;
    bool message_open_ = false;  // a data message began and awaits its FIN frame
    bool message_skip_ = false;  // ... and is skipped (oversized, extension-encoded)
    bool orphans_ = false;       // after a gap: continuations of a lost message are skipped
    bool after_gap_ = false;     // the next message delivered follows a gap
    bool resyncing_ = false;     // the last resync is unconfirmed: bad framing means lost again
    bool mask_noted_ = false;
    bool expected_mask_;  // MASK bit of this side's frames: the RFC's, then the last seen
    std::vector<std::uint8_t> carry_;  // a possible header cut by the chunk end while lost
};

}  // namespace vca::probes::websocket
