#include "probes/creds/smtp_watcher.hpp"

#include <algorithm>

#include "auditor/core/limits.hpp"
#include "probes/creds/ascii_text.hpp"
#include "probes/creds/command_queue.hpp"
#include "probes/creds/line_splitter.hpp"
#include "probes/creds/reply_code.hpp"
#include "probes/creds/sasl_exchange.hpp"

namespace vca::probes::creds {
namespace {

namespace limits = core::limits;

enum Command : int { kAuth, kStartTls, kData, kOther };

std::optional<std::uint64_t> decimal(std::string_view s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (!ascii::is_digit(c)) return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

class SmtpWatcher final : public LoginWatcher {
public:
    void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) override {
        if (done() || finished_ || (side != 0 && side != 1)) return;
        set_clock(ts, frame);
        if (after_gap) gap(side);
        std::size_t pos = 0;
        if (side == 0) {
            while (!done() && pos < data.size()) {
                if (chunk_left_ > 0) {  // BDAT payload: binary, counted only
                    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, data.size() - pos));
                    pos += n;
                    chunk_left_ -= n;
                    continue;
                }
                if (client_.take(data, pos)) client_line(client_.line(), client_.cut());
            }
        } else {
            while (!done() && server_.take(data, pos)) {
                if (server_.cut()) note("creds_line_limit", "an SMTP reply line exceeded the line limit");
                if (auto code = replies_.line(server_.line())) reply(*code, replies_.text());
            }
        }
    }

    void finish() override {
        if (finished_) return;
        finished_ = true;
        release_pending();
        client_.reset();
        server_.reset();
    }

private:
    void client_line(std::string_view line, bool cut) {
        if (in_data_) {  // message content up to "." alone (RFC 5321 §4.1.1.4)
            if (line == "." && !cut) in_data_ = false;
            return;
        }
        if (cut) {
            note("creds_line_limit", "an SMTP command line exceeded the line limit and was not examined");
            if (!sasl_.active()) push(PendingCommand{kOther, std::nullopt});
            return;
        }
        if (sasl_.active()) {  // a SASL turn, not a command
            CredentialEvent e = new_event("smtp");
            if (sasl_.on_response(line, e)) attach(std::move(e));
            return;
        }
        std::string_view arg;
        const std::string verb = ascii::to_upper(ascii::first_word(line, &arg));
        PendingCommand c{kOther, std::nullopt};
        if (verb == "AUTH") {
            c.kind = kAuth;
            std::string_view initial;
            const std::string_view mech = ascii::first_word(arg, &initial);
            CredentialEvent e = new_event("smtp");
            if (sasl_.start(mech, initial.empty() ? std::nullopt : std::optional(initial), e)) c.attempt = std::move(e);
        } else if (verb == "STARTTLS") {
            c.kind = kStartTls;
        } else if (verb == "DATA") {
            c.kind = kData;
        } else if (verb == "BDAT") {
            // RFC 3030 §2: the chunk follows the command line at once.
            chunk_left_ = decimal(ascii::first_word(arg)).value_or(0);
        }
        push(std::move(c));
    }

    void reply(int code, std::string_view text) {
        if (sasl_.active() && code == 334) {  // a challenge: the AUTH command is still open
            sasl_.on_challenge(text);
            return;
        }
        if (code < 200) return;
        if (commands_.consume_skip()) return;
        if (commands_.empty() || (!greeted_ && code == 220)) {
            greeted_ = true;  // the greeting, or a reply nobody asked for (421 closing)
            return;
        }
        greeted_ = true;
        PendingCommand c = commands_.pop();
        switch (c.kind) {
            case kAuth:
                sasl_.reset();
                if (c.attempt) {
                    // 235 accepted; 535 credentials refused (RFC 4954 §6).
                    // 454, 534, 538 and others say nothing of the password.
                    if (code == 235) c.attempt->outcome = Outcome::Success;
                    if (code == 535) c.attempt->outcome = Outcome::Failure;
                    emit(std::move(*c.attempt));
                }
                if (code == 235) stop_watching();
                break;
            case kStartTls:
                if (code == 220) stop_watching();
                break;
            case kData:
                if (code == 354) in_data_ = true;
                break;
            default:
                break;
        }
    }

    void push(PendingCommand c) {
        bool overflowed = false;
        if (auto dropped = commands_.push(std::move(c), overflowed)) emit(std::move(*dropped));
        if (overflowed) note("creds_pending_limit", "too many SMTP commands awaited a reply");
    }

    void attach(CredentialEvent e) {
        PendingCommand* auth = commands_.back();
        if (auth != nullptr && auth->kind == kAuth && !auth->attempt) {
            auth->attempt = std::move(e);
        } else {
            emit(std::move(e));
        }
    }

    void gap(int side) {
        if (!commands_.empty()) note("creds_pairing_lost", "a gap broke SMTP command/reply pairing");
        release_pending();
        sasl_.reset();
        if (side == 0) {
            client_.resync();
            in_data_ = false;
            chunk_left_ = 0;
        } else {
            server_.resync();
            replies_.reset();
        }
    }

    void release_pending() {
        for (CredentialEvent& e : commands_.drain()) emit(std::move(e));
    }

    void stop_watching() {
        release_pending();
        stop();
    }

    LineSplitter client_{limits::kMaxLoginLineBytes}, server_{limits::kMaxLoginLineBytes};
    ReplyCodeReader replies_;
    CommandQueue commands_;
    SaslExchange sasl_;
    std::uint64_t chunk_left_ = 0;
    bool in_data_ = false;
    bool greeted_ = false;
    bool finished_ = false;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_smtp_watcher() { return std::make_unique<SmtpWatcher>(); }

}  // namespace vca::probes::creds
