#include "probes/creds/smtp_watcher.hpp"

#include <algorithm>

#include "auditor/core/ascii.hpp"
#include "probes/creds/lockstep_watcher.hpp"
#include "probes/creds/reply_code.hpp"
#include "probes/creds/sasl_exchange.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

enum Command : int { kAuth, kStartTls, kData, kOther };

class SmtpWatcher final : public LockstepWatcher {
public:
    SmtpWatcher() : LockstepWatcher("smtp", "SMTP") {}

private:
    // BDAT payload: binary, counted only.
    std::size_t opaque_client_bytes(std::size_t available) override {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, available));
        chunk_left_ -= n;
        return n;
    }

    void client_line(std::string_view line, bool cut) override {
        if (in_data_) {  // message content up to "." alone (RFC 5321 §4.1.1.4)
            if (line == "." && !cut) in_data_ = false;
            return;
        }
        if (cut) {
            note("creds_line_limit", "an SMTP command line exceeded the line limit and was not examined");
            if (!sasl_.active()) push(PendingCommand{kOther, std::nullopt});
            return;
        }
        if (sasl_turn(sasl_, line, kAuth)) return;  // a SASL turn, not a command
        std::string_view arg;
        const std::string verb = ascii::to_upper(ascii::first_word(line, &arg));
        PendingCommand c{kOther, std::nullopt};
        if (verb == "AUTH") {
            c.kind = kAuth;
            CredentialEvent e = event();
            if (sasl_.start_command(arg, e)) c.attempt = std::move(e);
        } else if (verb == "STARTTLS") {
            c.kind = kStartTls;
        } else if (verb == "DATA") {
            c.kind = kData;
        } else if (verb == "BDAT") {
            // RFC 3030 §2: the chunk follows the command line at once.
            chunk_left_ = ascii::parse_decimal(ascii::first_word(arg)).value_or(0);
        }
        push(std::move(c));
    }

    void server_line(std::string_view line, bool cut) override {
        if (cut) note("creds_line_limit", "an SMTP reply line exceeded the line limit");
        if (auto code = replies_.line(line)) reply(*code, replies_.text());
    }

    void reply(int code, std::string_view text) {
        if (sasl_.active() && code == 334) {  // a challenge: the AUTH command is still open
            sasl_.on_challenge(text);
            return;
        }
        if (code < 200) return;
        std::optional<PendingCommand> c = answered(code == 220);  // the greeting, or 421 closing
        if (!c) return;
        switch (c->kind) {
            case kAuth:
                sasl_.reset();
                if (c->attempt) {
                    // 235 accepted; 535 credentials refused (RFC 4954 §6).
                    // 454, 534, 538 and others say nothing of the password.
                    if (code == 235) c->attempt->outcome = Outcome::Success;
                    if (code == 535) c->attempt->outcome = Outcome::Failure;
                    emit(std::move(*c->attempt));
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

    void on_gap(int side) override {
        sasl_.reset();
        if (side == 0) {
            in_data_ = false;
            chunk_left_ = 0;
        } else {
            replies_.reset();
        }
    }

    ReplyCodeReader replies_;
    SaslExchange sasl_;
    std::uint64_t chunk_left_ = 0;
    bool in_data_ = false;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_smtp_watcher() { return std::make_unique<SmtpWatcher>(); }

}  // namespace vca::probes::creds
