// CommandQueue: client commands of a lock-step text protocol (FTP, POP3,
// SMTP) waiting for their reply, oldest first, each perhaps holding a login
// attempt whose outcome the reply decides. Bounded: when full the oldest is
// dropped, its attempt handed back for release, and its reply, which will
// still come, skipped instead of being given to a later command.
#pragma once

#include <deque>
#include <optional>
#include <vector>

#include "auditor/core/limits.hpp"
#include "probes/creds/credential_event.hpp"

namespace vca::probes::creds {

struct PendingCommand {
    int kind = 0;  // the watcher's own enumeration
    std::optional<CredentialEvent> attempt;
};

class CommandQueue {
public:
    // Returns the attempt of a command dropped to make room, if any.
    std::optional<CredentialEvent> push(PendingCommand c, bool& overflowed) {
        std::optional<CredentialEvent> dropped;
        overflowed = false;
        if (q_.size() >= core::limits::kMaxPendingLoginRequests) {
            dropped = std::move(q_.front().attempt);
            q_.pop_front();
            ++skip_;
            overflowed = true;
        }
        q_.push_back(std::move(c));
        return dropped;
    }
    // A reply arrived for a dropped command: true means "ignore it".
    bool consume_skip() {
        if (skip_ == 0) return false;
        --skip_;
        return true;
    }
    [[nodiscard]] bool empty() const { return q_.empty(); }
    PendingCommand pop() {
        PendingCommand c = std::move(q_.front());
        q_.pop_front();
        return c;
    }
    PendingCommand* back() { return q_.empty() ? nullptr : &q_.back(); }
    // Everything pending (after a gap or at the end): attempts to release.
    std::vector<CredentialEvent> drain() {
        std::vector<CredentialEvent> out;
        for (auto& c : q_)
            if (c.attempt) out.push_back(std::move(*c.attempt));
        q_.clear();
        skip_ = 0;
        return out;
    }

private:
    std::deque<PendingCommand> q_;
    std::size_t skip_ = 0;
};

}  // namespace vca::probes::creds
