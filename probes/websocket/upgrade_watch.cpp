#include "probes/websocket/upgrade_watch.hpp"

#include <algorithm>
#include <utility>

#include "auditor/core/limits.hpp"
#include "probes/websocket/handshake_head.hpp"

namespace vca::probes::websocket {
namespace {

constexpr std::size_t kHeadLimit = core::limits::kMaxWebSocketHandshakeBytes;

// How each side's first bytes must begin (RFC 6455 §4.1: the handshake is a
// GET; §4.2.2: the answer an HTTP/1.1 status line).
constexpr std::string_view kRequestStart = "GET ";
constexpr std::string_view kResponseStart = "HTTP/";

}  // namespace

std::size_t UpgradeWatch::feed(int side, core::Bytes data, bool after_gap) {
    side &= 1;
    if (state_ == UpgradeState::NotWebSocket) return kNoFrames;
    Phase& phase = phase_[static_cast<std::size_t>(side)];
    if (phase == Phase::Frames) return 0;  // gaps in frames are FrameStream's business
    if (phase == Phase::Requested) {
        if (after_gap) early_.cut = true;
        hold_early(data);
        return kNoFrames;
    }
    if (after_gap) {
        reject("gap_before_upgrade");
        return kNoFrames;
    }
    if (data.empty()) return kNoFrames;
    return feed_head(side, data);
}

std::size_t UpgradeWatch::feed_head(int side, core::Bytes data) {
    const auto s = static_cast<std::size_t>(side);
    std::string& head = head_[s];
    phase_[s] = Phase::Head;
    const std::size_t before = head.size();
    const std::size_t take = std::min(kHeadLimit - before, data.size());
    head.append(core::as_text(data.first(take)));

    const std::string_view start = side == 0 ? kRequestStart : kResponseStart;
    const std::size_t n = std::min(head.size(), start.size());
    if (std::string_view(head).substr(0, n) != start.substr(0, n)) {
        reject("not_http");
        return kNoFrames;
    }
    const std::size_t end = find_head_end(head, before >= 3 ? before - 3 : 0);
    if (end == std::string_view::npos) {
        if (head.size() >= kHeadLimit) reject("handshake_head_limit");
        return kNoFrames;
    }
    const std::size_t offset = end - before;  // first byte of `data` after the head
    const std::string complete = head.substr(0, end);
    std::string().swap(head);

    if (side == 0) {
        if (!request_head(complete)) return kNoFrames;
        if (phase_[1] == Phase::Frames) {
            phase_[0] = Phase::Frames;
            state_ = UpgradeState::Upgraded;
            return offset;
        }
        phase_[0] = Phase::Requested;
        hold_early(data.subspan(offset));
        return kNoFrames;
    }
    if (!response_head(complete)) return kNoFrames;
    phase_[1] = Phase::Frames;
    // A client whose head is still incomplete settles when it completes.
    if (phase_[0] == Phase::Requested || phase_[0] == Phase::Start) {
        phase_[0] = Phase::Frames;
        state_ = UpgradeState::Upgraded;
    }
    return offset;
}

bool UpgradeWatch::request_head(std::string_view text) {
    HandshakeHead h;
    if (!parse_handshake_head(text, h) || !h.request) {
        reject("bad_head");
        return false;
    }
    if (h.method != "GET" || !has_token(h.upgrade, "websocket")) {
        reject("not_upgrade_request");
        return false;
    }
    request_seen_ = true;
    offered_ = std::move(h.protocol);
    // The query often carries an access token: only the path is kept.
    target_ = h.target.substr(0, h.target.find('?'));
    return true;
}

bool UpgradeWatch::response_head(std::string_view text) {
    HandshakeHead h;
    if (!parse_handshake_head(text, h) || h.request) {
        reject("bad_head");
        return false;
    }
    status_ = h.status;
    if (h.status != 101) {
        reject("upgrade_refused");
        return false;
    }
    if (!has_token(h.upgrade, "websocket")) {
        reject("not_websocket_upgrade");  // 101 to another protocol (h2c, TLS/1.0)
        return false;
    }
    chosen_ = std::move(h.protocol);
    extensions_ = std::move(h.extensions);
    return true;
}

void UpgradeWatch::hold_early(core::Bytes bytes) {
    if (early_.cut || bytes.empty()) return;
    const std::size_t room = kHeadLimit - std::min(kHeadLimit, early_.bytes.size());
    const std::size_t take = std::min(room, bytes.size());
    early_.bytes.insert(early_.bytes.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
    if (take < bytes.size()) early_.cut = true;
}

EarlyClientBytes UpgradeWatch::take_early_client_bytes() { return std::exchange(early_, EarlyClientBytes{}); }

void UpgradeWatch::reject(std::string_view reason) {
    state_ = UpgradeState::NotWebSocket;
    reason_ = reason;
    for (auto& h : head_) std::string().swap(h);
    early_ = EarlyClientBytes{};
}

}  // namespace vca::probes::websocket
