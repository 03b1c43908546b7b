#include "probes/creds/lockstep_watcher.hpp"

#include <string>
#include <utility>

#include "auditor/core/limits.hpp"

namespace vca::probes::creds {

LockstepWatcher::LockstepWatcher(std::string_view protocol, std::string_view label)
    : protocol_(protocol),
      label_(label),
      client_(core::limits::kMaxLoginLineBytes),
      server_(core::limits::kMaxLoginLineBytes) {}

void LockstepWatcher::on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    if (done() || finished_ || (side != 0 && side != 1)) return;
    set_clock(ts, frame);
    if (after_gap) gap(side);
    std::size_t pos = 0;
    if (side == 0) {
        while (!done()) {
            if (pos < data.size()) {
                if (const std::size_t n = opaque_client_bytes(data.size() - pos); n > 0) {
                    pos += n;
                    continue;
                }
            }
            if (!client_.take(data, pos)) break;
            client_line(client_.line(), client_.cut());
        }
    } else {
        while (!done() && server_.take(data, pos)) server_line(server_.line(), server_.cut());
    }
}

void LockstepWatcher::finish() {
    if (finished_) return;
    finished_ = true;
    release_pending();
    client_.reset();
    server_.reset();
}

void LockstepWatcher::push(PendingCommand c) {
    bool overflowed = false;
    if (auto dropped = commands_.push(std::move(c), overflowed)) emit(std::move(*dropped));
    if (overflowed) note("creds_pending_limit", "too many " + std::string(label_) + " commands awaited a reply");
}

std::optional<PendingCommand> LockstepWatcher::answered(bool greeting_form, bool* greeting) {
    if (greeting != nullptr) *greeting = false;
    if (commands_.consume_skip()) return std::nullopt;
    const bool first = !greeted_;
    greeted_ = true;
    if (commands_.empty() || (first && greeting_form)) {
        if (greeting != nullptr) *greeting = first;
        return std::nullopt;
    }
    return commands_.pop();
}

bool LockstepWatcher::sasl_turn(SaslExchange& sasl, std::string_view line, int auth_kind) {
    if (!sasl.active()) return false;
    CredentialEvent e = event();
    if (!sasl.on_response(line, e)) return true;
    PendingCommand* auth = commands_.back();
    if (auth != nullptr && auth->kind == auth_kind && !auth->attempt) {
        auth->attempt = std::move(e);
    } else {
        emit(std::move(e));
    }
    return true;
}

void LockstepWatcher::stop_watching() {
    release_pending();
    stop();
}

// Lost bytes: a reply or a command may be missing, so order no longer pairs
// them; whatever waits is reported without an outcome.
void LockstepWatcher::gap(int side) {
    if (!commands_.empty()) note("creds_pairing_lost", "a gap broke " + std::string(label_) + " command/reply pairing");
    release_pending();
    if (side == 0) {
        client_.resync();
    } else {
        server_.resync();
    }
    on_gap(side);
}

void LockstepWatcher::release_pending() {
    for (CredentialEvent& e : commands_.drain()) emit(std::move(e));
}

}  // namespace vca::probes::creds
