#include "probes/creds/ftp_watcher.hpp"

#include "auditor/core/ascii.hpp"
#include "probes/creds/lockstep_watcher.hpp"
#include "probes/creds/reply_code.hpp"
#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

enum Command : int { kUser, kPass, kAuth, kOther };

// RFC 1635: "anonymous" (and by custom "ftp") take an e-mail address as password.
bool is_anonymous(std::string_view user) { return ascii::iequals(user, "anonymous") || ascii::iequals(user, "ftp"); }

class FtpWatcher final : public LockstepWatcher {
public:
    FtpWatcher() : LockstepWatcher("ftp", "FTP") {}

private:
    void client_line(std::string_view line, bool cut) override {
        if (!line.empty() && line.front() == '\x16') {  // a TLS record where a command should be
            stop_watching();
            return;
        }
        std::string_view arg;
        const std::string verb = ascii::to_upper(ascii::first_word(line, &arg));
        // PASS takes the rest of the line as is: a password may hold spaces.
        const std::size_t sp = line.find(' ');
        const std::string_view raw_arg = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
        PendingCommand c{kOther, std::nullopt};
        if (cut) {
            note("creds_line_limit", "an FTP command line exceeded the line limit and was not examined");
        } else if (verb == "USER") {
            c.kind = kUser;
            user_ = std::string(ascii::trim(arg));
        } else if (verb == "PASS") {
            c.kind = kPass;
            CredentialEvent e = event();
            e.username = user_;
            if (is_anonymous(user_)) {
                e.mechanism = "anonymous";
                e.secret_kind = "email";
            } else {
                e.mechanism = "user-pass";
                e.secret_kind = "password";
            }
            e.secret = std::string(raw_arg);
            c.attempt = std::move(e);
        } else if (verb == "AUTH") {
            c.kind = kAuth;
        }
        push(std::move(c));
    }

    void server_line(std::string_view line, bool cut) override {
        if (cut) note("creds_line_limit", "an FTP reply line exceeded the line limit");
        if (auto code = replies_.line(line)) reply(*code);
    }

    void reply(int code) {
        if (code < 200) return;  // preliminary (RFC 959 §4.2)
        std::optional<PendingCommand> c = answered(code == 220);
        if (!c) return;
        switch (c->kind) {
            case kUser:
                // 230 straight after USER: no password was asked for at all.
                if (code == 230) {
                    CredentialEvent e = event();
                    e.username = user_;
                    e.mechanism = is_anonymous(user_) ? "anonymous" : "none";
                    e.secret_kind = is_anonymous(user_) ? "email" : "password";
                    e.outcome = Outcome::Success;
                    emit(std::move(e));
                }
                break;
            case kPass:
                if (c->attempt) {
                    if (code == 230) c->attempt->outcome = Outcome::Success;
                    if (code == 530 || code == 430) c->attempt->outcome = Outcome::Failure;
                    emit(std::move(*c->attempt));
                }
                break;
            case kAuth:
                if (code == 234) stop_watching();  // RFC 4217 §4: TLS starts now
                break;
            default:
                break;
        }
    }

    void on_gap(int side) override {
        if (side == 0) {
            wipe(user_);  // another USER may have been lost
        } else {
            replies_.reset();
        }
    }

    ReplyCodeReader replies_;
    std::string user_;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_ftp_watcher() { return std::make_unique<FtpWatcher>(); }

}  // namespace vca::probes::creds
