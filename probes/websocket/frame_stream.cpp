#include "probes/websocket/frame_stream.hpp"

#include <algorithm>
#include <utility>

namespace vca::probes::websocket {

FrameStream::FrameStream(int side, MessageHandler on_message, NoteHandler on_note, FrameOptions options)
    : side_(side & 1),
      on_message_(std::move(on_message)),
      on_note_(std::move(on_note)),
      options_(options),
      expected_mask_(side_ == 0) {}

void FrameStream::feed(core::Bytes data, bool after_gap) {
    if (phase_ == Phase::Stopped) return;
    if (after_gap) {
        ++stats_.gaps;
        if (phase_ != Phase::Lost)
            note("websocket_gap", "bytes missing; the partial frame or message is dropped and decoding "
                                  "resumes at the next message start");
        phase_ = Phase::Lost;
        header_have_ = 0;
        message_.clear();
        message_open_ = false;
        message_skip_ = false;
        orphans_ = true;
        after_gap_ = true;
        resyncing_ = true;
        carry_.clear();
    }
    run(data);
}

void FrameStream::run(core::Bytes data) {
    std::size_t pos = 0;
    while (pos < data.size() && phase_ != Phase::Stopped) {
        const core::Bytes rest = data.subspan(pos);
        switch (phase_) {
            case Phase::Header: pos += take_header(rest); break;
            case Phase::Payload: pos += take_payload(rest); break;
            case Phase::Lost: pos += resync(rest); break;
            case Phase::Stopped: break;
        }
    }
}

std::size_t FrameStream::take_header(core::Bytes data) {
    std::size_t used = 0;
    auto needed = [this] { return header_have_ < 2 ? std::size_t{2} : frame_header_length(header_[1]); };
    while (used < data.size() && header_have_ < needed()) {
        const std::size_t n = std::min(needed() - header_have_, data.size() - used);
        std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(used), n, header_.begin() + static_cast<std::ptrdiff_t>(header_have_));
        header_have_ += n;
        used += n;
    }
    if (header_have_ < needed()) return used;
    const FrameHeaderResult r = parse_frame_header(core::Bytes(header_.data(), header_have_), frame_);
    header_have_ = 0;
    if (r.status != ParseStatus::Ok) {
        broken(r.error, "the frame header breaks RFC 6455 §5.2");
        return used;
    }
    begin_frame();
    return used;
}

void FrameStream::begin_frame() {
    if (frame_.rsv != 0 && !options_.extension_negotiated) {
        broken("websocket_rsv_bits", "RSV bits set but no extension was negotiated");
        return;
    }
    expected_mask_ = frame_.masked;
    if (frame_.masked != (side_ == 0) && !mask_noted_) {
        mask_noted_ = true;
        note("websocket_mask_unexpected", side_ == 0 ? "a client frame is not masked (RFC 6455 §5.1)"
                                                     : "a server frame is masked (RFC 6455 §5.1)");
    }
    payload_done_ = 0;
    if (is_control(frame_.opcode)) {
        ++stats_.control_frames;
        if (frame_.opcode == kClose) stats_.close_seen = true;
    } else if (frame_.opcode == kContinuation) {
        if (!message_open_ && !orphans_) {
            broken("websocket_bad_continuation", "a continuation frame with no message open");
            return;
        }
    } else {
        if (message_open_) {
            broken("websocket_bad_continuation", "a new message began before the fragmented one ended");
            return;
        }
        orphans_ = false;
        message_open_ = true;
        message_skip_ = false;
        message_.clear();
        if (frame_.rsv != 0) {
            message_skip_ = true;
            ++stats_.extension_messages;
            note("websocket_extension_message",
                 "a message encoded by a negotiated extension (e.g. permessage-deflate) is not decoded");
        }
    }
    if (!is_control(frame_.opcode) && message_open_ && !message_skip_ &&
        frame_.payload_length > options_.max_message - message_.size()) {
        message_skip_ = true;
        std::vector<std::uint8_t>().swap(message_);
        ++stats_.oversized_messages;
        note("websocket_message_limit", "a message longer than the limit is skipped");
    }
    phase_ = Phase::Payload;
    if (frame_.payload_length == 0) end_frame();
}

std::size_t FrameStream::take_payload(core::Bytes data) {
    const std::uint64_t left = frame_.payload_length - payload_done_;
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, data.size()));
    const core::Bytes part = data.first(n);
    if (!is_control(frame_.opcode) && message_open_ && !message_skip_) {
        const std::size_t old = message_.size();
        message_.resize(old + n);
        if (frame_.masked) {
            unmask(part, frame_.mask_key, payload_done_, message_.data() + old);
        } else {
            std::copy(part.begin(), part.end(), message_.begin() + static_cast<std::ptrdiff_t>(old));
        }
    }
    payload_done_ += n;
    if (payload_done_ == frame_.payload_length) end_frame();
    return n;
}

void FrameStream::end_frame() {
    ++stats_.frames;
    phase_ = Phase::Header;
    if (is_control(frame_.opcode) || !frame_.fin) return;
    if (!message_open_) {  // the last piece of a message lost in a gap
        orphans_ = false;
        return;
    }
    message_open_ = false;
    resyncing_ = false;
    if (!message_skip_) {
        ++stats_.messages;
        const bool gap = std::exchange(after_gap_, false);
        if (on_message_) on_message_(core::Bytes(message_.data(), message_.size()), gap);
    }
    message_skip_ = false;
    message_.clear();
}

int FrameStream::plausible_start(core::Bytes b) const {
    if (b.empty()) return -1;
    const std::uint8_t b0 = b[0];
    const std::uint8_t opcode = b0 & 0x0F;
    const auto rsv = static_cast<std::uint8_t>((b0 >> 4) & 0x7);
    if (opcode == kContinuation || !is_known_opcode(opcode)) return 0;
    if (is_control(opcode)) {
        if ((b0 & 0x80) == 0 || rsv != 0) return 0;
    } else if (rsv != 0 && !(options_.extension_negotiated && rsv == kRsv1)) {
        return 0;
    }
    if (b.size() < 2) return -1;
    if (((b[1] & 0x80) != 0) != expected_mask_) return 0;
    const std::size_t need = frame_header_length(b[1]);
    if (b.size() < need) return -1;
    FrameHeader h;
    if (parse_frame_header(b.first(need), h).status != ParseStatus::Ok || !h.minimal_length) return 0;
    if (!is_control(opcode) && h.payload_length > options_.max_message) return 0;
    return 1;
}

std::size_t FrameStream::resync(core::Bytes data) {
    if (!carry_.empty()) {
        // A header cut by the previous chunk's end: decide it with enough of
        // this chunk (a header is at most kMaxFrameHeader bytes).
        std::vector<std::uint8_t> window(carry_);
        const std::size_t extra = std::min(kMaxFrameHeader, data.size());
        window.insert(window.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(extra));
        for (std::size_t p = 0; p < carry_.size(); ++p) {
            const int r = plausible_start(core::Bytes(window).subspan(p));
            if (r == 0) continue;
            if (r < 0) {  // still undecided: this chunk was shorter than a header
                carry_.erase(carry_.begin(), carry_.begin() + static_cast<std::ptrdiff_t>(p));
                carry_.insert(carry_.end(), data.begin(), data.end());
                return data.size();
            }
            const std::vector<std::uint8_t> tail(carry_.begin() + static_cast<std::ptrdiff_t>(p), carry_.end());
            carry_.clear();
            phase_ = Phase::Header;
            header_have_ = 0;
            run(core::Bytes(tail));
            return 0;  // the caller goes on with `data` in the phase reached
        }
        carry_.clear();
    }
    for (std::size_t p = 0; p < data.size(); ++p) {
        const int r = plausible_start(data.subspan(p));
        if (r == 0) continue;
        if (r < 0) {
            carry_.assign(data.begin() + static_cast<std::ptrdiff_t>(p), data.end());
            return data.size();
        }
        phase_ = Phase::Header;
        header_have_ = 0;
        return p;
    }
    return data.size();
}

void FrameStream::broken(std::string_view reason, std::string_view detail) {
    std::vector<std::uint8_t>().swap(message_);
    message_open_ = false;
    message_skip_ = false;
    header_have_ = 0;
    if (resyncing_) {
        // The place picked after a gap was not a frame start: look again.
        phase_ = Phase::Lost;
        orphans_ = true;
        return;
    }
    phase_ = Phase::Stopped;
    stop_reason_ = reason;
    note(reason, detail);
}

void FrameStream::note(std::string_view name, std::string_view detail) const {
    if (on_note_) on_note_(name, detail);
}

}  // namespace vca::probes::websocket
