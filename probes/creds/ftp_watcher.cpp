#include "probes/creds/ftp_watcher.hpp"

#include "auditor/core/limits.hpp"
#include "probes/creds/ascii_text.hpp"
#include "probes/creds/command_queue.hpp"
#include "probes/creds/line_splitter.hpp"
#include "probes/creds/reply_code.hpp"

namespace vca::probes::creds {
namespace {

namespace limits = core::limits;

enum Command : int { kUser, kPass, kAuth, kOther };

// RFC 1635: "anonymous" (and by custom "ftp") take an e-mail address as password.
bool is_anonymous(std::string_view user) { return ascii::iequals(user, "anonymous") || ascii::iequals(user, "ftp"); }

class FtpWatcher final : public LoginWatcher {
public:
    void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) override {
        if (done() || finished_ || (side != 0 && side != 1)) return;
        set_clock(ts, frame);
        if (after_gap) gap(side);
        std::size_t pos = 0;
        if (side == 0) {
            while (!done() && client_.take(data, pos)) command(client_.line(), client_.cut());
        } else {
            while (!done() && server_.take(data, pos)) {
                if (server_.cut()) note("creds_line_limit", "an FTP reply line exceeded the line limit");
                if (auto code = replies_.line(server_.line())) reply(*code);
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
    void command(std::string_view line, bool cut) {
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
            CredentialEvent e = new_event("ftp");
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
        bool overflowed = false;
        if (auto dropped = commands_.push(std::move(c), overflowed)) emit(std::move(*dropped));
        if (overflowed) note("creds_pending_limit", "too many FTP commands awaited a reply");
    }

    void reply(int code) {
        if (code < 200) return;  // preliminary (RFC 959 §4.2)
        if (commands_.consume_skip()) return;
        if (commands_.empty() || (!greeted_ && code == 220)) {
            greeted_ = true;  // the greeting, or a reply nobody asked for (421 closing)
            return;
        }
        greeted_ = true;
        PendingCommand c = commands_.pop();
        switch (c.kind) {
            case kUser:
                // 230 straight after USER: no password was asked for at all.
                if (code == 230) {
                    CredentialEvent e = new_event("ftp");
                    e.username = user_;
                    e.mechanism = is_anonymous(user_) ? "anonymous" : "none";
                    e.secret_kind = is_anonymous(user_) ? "email" : "password";
                    e.outcome = Outcome::Success;
                    emit(std::move(e));
                }
                break;
            case kPass:
                if (c.attempt) {
                    if (code == 230) c.attempt->outcome = Outcome::Success;
                    if (code == 530 || code == 430) c.attempt->outcome = Outcome::Failure;
                    emit(std::move(*c.attempt));
                }
                break;
            case kAuth:
                if (code == 234) stop_watching();  // RFC 4217 §4: TLS starts now
                break;
            default:
                break;
        }
    }

    // Lost bytes: a reply or a command may be missing, so order no longer
    // pairs them; whatever waits is reported without an outcome.
    void gap(int side) {
        if (!commands_.empty()) note("creds_pairing_lost", "a gap broke FTP command/reply pairing");
        release_pending();
        if (side == 0) {
            client_.resync();
            ascii::wipe(user_);  // another USER may have been lost
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
    std::string user_;
    bool greeted_ = false;
    bool finished_ = false;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_ftp_watcher() { return std::make_unique<FtpWatcher>(); }

}  // namespace vca::probes::creds
