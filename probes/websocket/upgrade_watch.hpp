// UpgradeWatch: the opening handshake of a WebSocket connection (RFC 6455
// §4) seen on the two directions of one TCP flow, to tell where the HTTP
// heads end and frames begin. The client's first request must be
// `GET ... Upgrade: websocket` and the server's first answer
// `101 Switching Protocols` with `Upgrade: websocket`; anything else makes
// the flow not_websocket for good (a refused upgrade followed by plain HTTP
// on the same connection is left to the HTTP watchers).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::websocket {

enum class UpgradeState { Waiting, Upgraded, NotWebSocket };

// Client bytes that followed the request head before the server's 101 was
// seen. RFC 6455 §4.1 forbids sending frames that early, and real clients do
// not, so this is nearly always empty; `cut` when more than the handshake
// limit came and the rest was dropped (feed the next client bytes as after a gap).
struct EarlyClientBytes {
    std::vector<std::uint8_t> bytes;
    bool cut = false;
};

class UpgradeWatch {
public:
    static constexpr std::size_t kNoFrames = static_cast<std::size_t>(-1);

    // In-order bytes of `side` (0 client, 1 server). Returns the offset in
    // `data` where WebSocket frames start (0 for every chunk once that side
    // carries frames), or kNoFrames when none of `data` is frames. A gap
    // before the upgrade leaves the heads unreadable: not_websocket.
    std::size_t feed(int side, core::Bytes data, bool after_gap);

    // When the server's 101 is fed: the client's early bytes, to be fed to the
    // client's FrameStream before its later bytes. Empties the store.
    EarlyClientBytes take_early_client_bytes();

    [[nodiscard]] UpgradeState state() const { return state_; }
    // Stable snake_case reason once not_websocket (not_http,
    // not_upgrade_request, upgrade_refused, handshake_head_limit,
    // not_websocket_upgrade, gap_before_upgrade, bad_head); empty otherwise.
    [[nodiscard]] std::string_view not_websocket_reason() const { return reason_; }
    // Sec-WebSocket-Protocol the client offered ("sip") and the one the
    // server chose (RFC 7118 §4: "sip" for SIP over WebSocket); empty if none.
    [[nodiscard]] const std::string& offered_subprotocols() const { return offered_; }
    [[nodiscard]] const std::string& subprotocol() const { return chosen_; }
    // Sec-WebSocket-Extensions the server accepted (e.g. permessage-deflate).
    // Non-empty: frames may be transformed by an extension FrameStream does
    // not decode (pass FrameOptions::extension_negotiated).
    [[nodiscard]] const std::string& extensions() const { return extensions_; }
    [[nodiscard]] bool extension_negotiated() const { return !extensions_.empty(); }
    [[nodiscard]] const std::string& request_target() const { return target_; }
    [[nodiscard]] int response_status() const { return status_; }
    // False when the capture began after the request (only the 101 was seen).
    [[nodiscard]] bool request_seen() const { return request_seen_; }

private:
    enum class Phase { Start, Head, Requested, Frames };

    std::size_t feed_head(int side, core::Bytes data);
    bool request_head(std::string_view head);
    bool response_head(std::string_view head);
    void hold_early(core::Bytes bytes);
    void reject(std::string_view reason);

    UpgradeState state_ = UpgradeState::Waiting;
    std::string_view reason_;
    std::array<Phase, 2> phase_{Phase::Start, Phase::Start};
    std::array<std::string, 2> head_;  // bytes of the head being collected
    EarlyClientBytes early_;
    std::string offered_, chosen_, extensions_, target_;
    int status_ = 0;
    bool request_seen_ = false;
};

}  // namespace vca::probes::websocket
