// LockstepWatcher: what the FTP, POP3 and SMTP watchers share. In these
// protocols the client sends command lines and the server answers each in
// turn, so the n-th final reply answers the n-th command. This base cuts
// both directions into lines, queues the commands that await a reply (with
// the login attempt a reply will decide), pairs replies with them, and drops
// the pairing after lost bytes. Each protocol's grammar (verbs, reply forms,
// what success looks like) stays in its own watcher.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "auditor/core/byte_reader.hpp"
#include "probes/creds/command_queue.hpp"
#include "probes/creds/credential_event.hpp"
#include "probes/creds/line_splitter.hpp"
#include "probes/creds/login_watcher.hpp"
#include "probes/creds/sasl_exchange.hpp"

namespace vca::probes::creds {

class LockstepWatcher : public LoginWatcher {
public:
    void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) final;
    void finish() final;

protected:
    // `protocol`: the events' protocol ("ftp"); `label`: the protocol as
    // notes name it ("FTP"). Both must outlive the watcher (literals).
    LockstepWatcher(std::string_view protocol, std::string_view label);

    // A client line (without CR LF); `cut`: it was longer than the limit.
    virtual void client_line(std::string_view line, bool cut) = 0;
    virtual void server_line(std::string_view line, bool cut) = 0;
    // How many of the next `available` client bytes are not lines (an SMTP
    // BDAT chunk) and are to be skipped.
    virtual std::size_t opaque_client_bytes(std::size_t /*available*/) { return 0; }
    // Lost bytes on `side`: protocol state to drop besides the pending
    // commands (released already) and the line in progress.
    virtual void on_gap(int /*side*/) {}

    // An event of this protocol dated now.
    [[nodiscard]] CredentialEvent event() const { return new_event(protocol_); }

    // Queues a command for its reply. At the limit the oldest is dropped and
    // its attempt released without an outcome.
    void push(PendingCommand c);
    // The command a final reply answers. nullopt when the reply answers a
    // command dropped at the limit, is the server's greeting (its first
    // reply, when no command waits or `greeting_form` says it looks like
    // one; `*greeting` is then set), or was asked for by nobody (421 closing).
    std::optional<PendingCommand> answered(bool greeting_form, bool* greeting = nullptr);

    // A client line while `sasl` waits for the client's turn: feeds the
    // exchange and returns true. A credential it completes goes to the
    // waiting command of kind `auth_kind`, or out at once when none waits
    // for one (after a gap).
    bool sasl_turn(SaslExchange& sasl, std::string_view line, int auth_kind);

    // Attempts still waiting go out without an outcome, and nothing more of
    // the flow is read (TLS starts, or the one login of the session succeeded).
    void stop_watching();

private:
    void gap(int side);
    void release_pending();

    std::string_view protocol_, label_;
    LineSplitter client_, server_;
    CommandQueue commands_;
    bool greeted_ = false;
    bool finished_ = false;
};

}  // namespace vca::probes::creds
