#include "probes/creds/pop3_watcher.hpp"

#include "auditor/core/ascii.hpp"
#include "probes/creds/lockstep_watcher.hpp"
#include "probes/creds/sasl_exchange.hpp"
#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

enum Command : int { kUser, kLogin, kAuth, kStls, kMultiLine, kOther };

// Commands whose +OK answer is followed by lines up to "." (RFC 1939 §3;
// LIST/UIDL only without an argument; AUTH without a mechanism lists them).
bool multi_line(std::string_view verb, std::string_view arg) {
    if (verb == "CAPA" || verb == "RETR" || verb == "TOP") return true;
    return (verb == "LIST" || verb == "UIDL" || verb == "AUTH") && ascii::trim(arg).empty();
}

// The APOP timestamp: "<...>" in the greeting (RFC 1939 §7).
std::string greeting_timestamp(std::string_view line) {
    const std::size_t open = line.find('<');
    const std::size_t close = open == std::string_view::npos ? open : line.find('>', open);
    if (close == std::string_view::npos) return {};
    return std::string(line.substr(open, close - open + 1));
}

class Pop3Watcher final : public LockstepWatcher {
public:
    Pop3Watcher() : LockstepWatcher("pop3", "POP3") {}

private:
    void client_line(std::string_view line, bool cut) override {
        if (cut) {
            note("creds_line_limit", "a POP3 command line exceeded the line limit and was not examined");
            if (!sasl_.active()) push(PendingCommand{kOther, std::nullopt});
            return;
        }
        if (sasl_turn(sasl_, line, kAuth)) return;  // a SASL turn, not a command
        std::string_view arg;
        const std::string verb = ascii::to_upper(ascii::first_word(line, &arg));
        PendingCommand c{kOther, std::nullopt};
        if (verb == "USER") {
            c.kind = kUser;
            user_ = std::string(ascii::trim(arg));
        } else if (verb == "PASS") {
            c.kind = kLogin;
            CredentialEvent e = event();
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
            CredentialEvent e = event();
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
            CredentialEvent e = event();
            if (sasl_.start_command(arg, e)) c.attempt = std::move(e);
        } else if (verb == "STLS") {
            c.kind = kStls;
        } else if (multi_line(verb, arg)) {
            c.kind = kMultiLine;
        }
        push(std::move(c));
    }

    void server_line(std::string_view line, bool /*cut*/) override {
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
        bool greeting = false;  // RFC 1939 §4
        std::optional<PendingCommand> c = answered(false, &greeting);
        if (!c) {
            if (greeting && ok) timestamp_ = greeting_timestamp(line);
            return;
        }
        if (c->kind == kAuth) sasl_.reset();
        if (c->kind == kMultiLine && ok) in_multi_line_ = true;
        if (c->attempt) {
            c->attempt->outcome = ok ? Outcome::Success : Outcome::Failure;
            emit(std::move(*c->attempt));
        }
        if (ok && (c->kind == kLogin || c->kind == kAuth || c->kind == kStls)) stop_watching();
    }

    void on_gap(int side) override {
        sasl_.reset();
        if (side == 0) {
            wipe(user_);
        } else {
            in_multi_line_ = false;
        }
    }

    SaslExchange sasl_;
    std::string user_, timestamp_;
    bool in_multi_line_ = false;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_pop3_watcher() { return std::make_unique<Pop3Watcher>(); }

}  // namespace vca::probes::creds
