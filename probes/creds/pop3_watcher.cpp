#include "probes/creds/pop3_watcher.hpp"

#include "auditor/core/limits.hpp"
#include "probes/creds/ascii_text.hpp"
#include "probes/creds/command_queue.hpp"
#include "probes/creds/line_splitter.hpp"
#include "probes/creds/sasl_exchange.hpp"

namespace vca::probes::creds {
namespace {

namespace limits = core::limits;

enum Command : int { kUser, kLogin, kAuth, kStls, kMultiLine, kOther };

// Commands whose +OK answer is followed by lines up to "." (RFC 1939 §3;
// LIST/UIDL only without an argument; AUTH without a mechanism lists them).
bool multi_line(std::string_view verb, std::string_view arg) {
    if (verb == "CAPA" || verb == "RETR" || verb == "TOP") return true;
    return (verb == "LIST" || verb == "UIDL" || verb == "AUTH") && ascii::trim(arg).empty();
}

class Pop3Watcher final : public LoginWatcher {
public:
    void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) override {
        if (done() || finished_ || (side != 0 && side != 1)) return;
        set_clock(ts, frame);
        if (after_gap) gap(side);
        std::size_t pos = 0;
        if (side == 0) {
            while (!done() && client_.take(data, pos)) command(client_.line(), client_.cut());
        } else {
            while (!done() && server_.take(data, pos)) response(server_.line());
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
    void command(std::string_view line, bool cut) {
        if (cut) {
            note("creds_line_limit", "a POP3 command line exceeded the line limit and was not examined");
            if (!sasl_.active()) push(PendingCommand{kOther, std::nullopt});
            return;
        }
        if (sasl_.active()) {  // a SASL turn, not a command
            CredentialEvent e = new_event("pop3");
            if (sasl_.on_response(line, e)) attach(std::move(e));
            return;
        }
        std::string_view arg;
        const std::string verb = ascii::to_upper(ascii::first_word(line, &arg));
        PendingCommand c{kOther, std::nullopt};
        if (verb == "USER") {
            c.kind = kUser;
            user_ = std::string(ascii::trim(arg));
        } else if (verb == "PASS") {
            c.kind = kLogin;
            CredentialEvent e = new_event("pop3");
            e.username = user_;
            e.mechanism = "user-pass";
            e.secret_kind = "password";
            const std::size_t sp = line.find(' ');  // RFC 1939 §7: the password may hold spaces
            if (sp != std::string_view::npos) e.secret = std::string(line.substr(sp + 1));
            c.attempt = std::move(e);
        } else if (verb == "APOP") {
            // APOP name digest: MD5(greeting timestamp + password), kept as
            // digest parameters so a weak password can be tested offline.
            c.kind = kLogin;
            CredentialEvent e = new_event("pop3");
            std::string_view digest;
            e.username = std::string(ascii::first_word(arg, &digest));
            e.mechanism = "apop";
            e.secret_kind = "hash";
            DigestParams d;
            d.algorithm = "APOP";
            d.nonce = timestamp_;
            d.response = std::string(ascii::trim(digest));
            e.digest = std::move(d);
            c.attempt = std::move(e);
        } else if (verb == "AUTH" && !ascii::trim(arg).empty()) {
            c.kind = kAuth;
            std::string_view initial;
            const std::string_view mech = ascii::first_word(arg, &initial);
            CredentialEvent e = new_event("pop3");
            const bool got = sasl_.start(mech, initial.empty() ? std::nullopt : std::optional(initial), e);
            if (got) c.attempt = std::move(e);
        } else if (verb == "STLS") {
            c.kind = kStls;
        } else if (multi_line(verb, arg)) {
            c.kind = kMultiLine;
        }
        push(std::move(c));
    }

    void response(std::string_view line) {
        if (in_multi_line_) {
            if (line == ".") in_multi_line_ = false;
            return;
        }
        if (sasl_.active() && (line == "+" || ascii::istarts_with(line, "+ "))) {
            sasl_.on_challenge(line.substr(line.size() > 1 ? 2 : 1));
            return;
        }
        const bool ok = ascii::istarts_with(line, "+OK");
        if (!ok && !ascii::istarts_with(line, "-ERR")) return;
        if (commands_.consume_skip()) return;
        if (commands_.empty()) {  // the greeting (RFC 1939 §4), or a reply nobody asked for
            if (ok && !greeted_) timestamp_ = greeting_timestamp(line);
            greeted_ = true;
            return;
        }
        greeted_ = true;
        PendingCommand c = commands_.pop();
        if (c.kind == kAuth) sasl_.reset();
        if (c.kind == kMultiLine && ok) in_multi_line_ = true;
        if (c.attempt) {
            c.attempt->outcome = ok ? Outcome::Success : Outcome::Failure;
            emit(std::move(*c.attempt));
        }
        if (ok && (c.kind == kLogin || c.kind == kAuth || c.kind == kStls)) stop_watching();
    }

    // The APOP timestamp: "<...>" in the greeting (RFC 1939 §7).
    static std::string greeting_timestamp(std::string_view line) {
        const std::size_t open = line.find('<');
        const std::size_t close = open == std::string_view::npos ? open : line.find('>', open);
        if (close == std::string_view::npos) return {};
        return std::string(line.substr(open, close - open + 1));
    }

    void push(PendingCommand c) {
        bool overflowed = false;
        if (auto dropped = commands_.push(std::move(c), overflowed)) emit(std::move(*dropped));
        if (overflowed) note("creds_pending_limit", "too many POP3 commands awaited a reply");
    }

    // A SASL turn completed the credential: it belongs to the AUTH command.
    void attach(CredentialEvent e) {
        PendingCommand* auth = commands_.back();
        if (auth != nullptr && auth->kind == kAuth && !auth->attempt) {
            auth->attempt = std::move(e);
        } else {
            emit(std::move(e));  // no command to pair with (after a gap)
        }
    }

    void gap(int side) {
        if (!commands_.empty()) note("creds_pairing_lost", "a gap broke POP3 command/reply pairing");
        release_pending();
        sasl_.reset();
        if (side == 0) {
            client_.resync();
            ascii::wipe(user_);
        } else {
            server_.resync();
            in_multi_line_ = false;
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
    CommandQueue commands_;
    SaslExchange sasl_;
    std::string user_, timestamp_;
    bool greeted_ = false;
    bool in_multi_line_ = false;
    bool finished_ = false;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_pop3_watcher() { return std::make_unique<Pop3Watcher>(); }

}  // namespace vca::probes::creds
