#include "probes/creds/imap_watcher.hpp"

#include <algorithm>
#include <deque>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"
#include "probes/creds/line_splitter.hpp"
#include "probes/creds/sasl_exchange.hpp"
#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

namespace limits = core::limits;

enum class Kind { Login, Authenticate, StartTls };

struct Tagged {
    std::string tag;
    Kind kind = Kind::Login;
    std::optional<CredentialEvent> attempt;
};

// "{n}" or "{n+}" ending a line (RFC 9051 §4.3): n bytes follow the CRLF.
std::optional<std::uint64_t> literal_at_end(std::string_view line) {
    if (line.empty() || line.back() != '}') return std::nullopt;
    const std::size_t open = line.rfind('{');
    if (open == std::string_view::npos) return std::nullopt;
    std::string_view digits = line.substr(open + 1, line.size() - open - 2);
    if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
    return ascii::parse_decimal(digits);
}

bool atom_char(char c) {
    return static_cast<unsigned char>(c) > 0x20 && c != 0x7F && c != '(' && c != ')' && c != '{' && c != '"' &&
           c != '%' && c != '*';
}

// One astring (RFC 9051 §9: atom, quoted or literal) of a command whose
// literals are inline ("{n}\r\n" then the n bytes).
std::optional<std::string> astring(std::string_view s, std::size_t& p) {
    while (p < s.size() && s[p] == ' ') ++p;
    if (p >= s.size()) return std::nullopt;
    std::string out;
    if (s[p] == '"') {
        for (++p; p < s.size(); ++p) {
            const char c = s[p];
            if (c == '"') {
                ++p;
                return out;
            }
            if (c == '\r' || c == '\n') break;
            if (c == '\\' && p + 1 < s.size()) ++p;
            out.push_back(s[p]);
        }
        wipe(out);
        return std::nullopt;
    }
    if (s[p] == '{') {
        const std::size_t close = s.find('}', p);
        if (close == std::string_view::npos) return std::nullopt;
        const auto n = literal_at_end(s.substr(p, close - p + 1));
        if (!n || s.substr(close + 1, 2) != "\r\n" || *n > s.size() - (close + 3)) return std::nullopt;
        p = close + 3;
        out = std::string(s.substr(p, static_cast<std::size_t>(*n)));
        p += static_cast<std::size_t>(*n);
        return out;
    }
    const std::size_t start = p;
    while (p < s.size() && atom_char(s[p])) ++p;
    if (p == start) return std::nullopt;
    return std::string(s.substr(start, p - start));
}

class ImapWatcher final : public LoginWatcher {
public:
    void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) override {
        if (done() || finished_ || (side != 0 && side != 1)) return;
        set_clock(ts, frame);
        if (after_gap) gap(side);
        if (side == 0) {
            client_data(data);
        } else {
            server_data(data);
        }
    }

    void finish() override {
        if (finished_) return;
        finished_ = true;
        release_pending();
        wipe(command_);
        client_.reset();
        server_.reset();
    }

    ~ImapWatcher() override { wipe(command_); }

private:
    // ---------------------------------------------------------------- client
    void client_data(core::Bytes data) {
        std::size_t pos = 0;
        while (!done() && pos < data.size()) {
            if (literal_left_ > 0) {
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(literal_left_, data.size() - pos));
                if (!command_cut_ && command_.size() + n <= limits::kMaxImapCommandBytes) {
                    command_.append(reinterpret_cast<const char*>(data.data() + pos), n);
                } else {
                    command_cut_ = true;  // an APPENDed message, not a login: counted only
                }
                pos += n;
                literal_left_ -= n;
                continue;
            }
            if (!client_.take(data, pos)) break;
            const std::string_view line = client_.line();
            if (command_.empty() && !command_cut_ && sasl_.active()) {  // a SASL turn
                CredentialEvent e = new_event("imap");
                if (sasl_.on_response(line, e)) attach(std::move(e));
                continue;
            }
            if (client_.cut() || command_.size() + line.size() + 2 > limits::kMaxImapCommandBytes) {
                command_cut_ = true;
            } else if (!command_cut_) {
                // reserved once so growing never leaves copies of a password behind
                if (command_.capacity() < limits::kMaxImapCommandBytes) command_.reserve(limits::kMaxImapCommandBytes);
                command_.append(line);
                command_.append("\r\n");
            }
            if (!client_.cut()) {
                if (auto n = literal_at_end(line)) {
                    literal_left_ = *n;
                    continue;
                }
            }
            if (command_cut_) {
                note("creds_line_limit", "an IMAP command exceeded the command limit and was not examined");
            } else {
                command(command_);
            }
            wipe(command_);
            command_cut_ = false;
        }
    }

    void command(std::string_view cmd) {
        std::string_view rest;
        const std::string_view tag = ascii::first_word(cmd, &rest);
        std::string_view args;
        const std::string verb = ascii::to_upper(ascii::trim(ascii::first_word(rest, &args)));
        const std::size_t args_at = static_cast<std::size_t>(args.data() - cmd.data());
        if (tag.empty()) return;
        if (verb == "LOGIN") {
            std::size_t p = args_at;
            auto user = astring(cmd, p);
            auto pass = user ? astring(cmd, p) : std::nullopt;
            if (user && pass) {
                CredentialEvent e = new_event("imap");
                e.mechanism = "user-pass";
                e.secret_kind = "password";
                e.username = std::move(*user);
                e.secret = std::move(*pass);
                push(Tagged{std::string(tag), Kind::Login, std::move(e)});
            }
            if (pass) wipe(*pass);
        } else if (verb == "AUTHENTICATE") {
            std::string_view initial;
            const std::string_view mech = ascii::first_word(ascii::trim(args), &initial);
            initial = ascii::trim(initial);
            CredentialEvent e = new_event("imap");
            Tagged t{std::string(tag), Kind::Authenticate, std::nullopt};
            if (sasl_.start(mech, initial.empty() ? std::nullopt : std::optional(initial), e)) t.attempt = std::move(e);
            sasl_tag_ = t.tag;
            push(std::move(t));
        } else if (verb == "STARTTLS") {
            push(Tagged{std::string(tag), Kind::StartTls, std::nullopt});
        }
    }

    void attach(CredentialEvent e) {
        for (Tagged& t : tagged_) {
            if (t.tag == sasl_tag_ && t.kind == Kind::Authenticate && !t.attempt) {
                t.attempt = std::move(e);
                return;
            }
        }
        emit(std::move(e));
    }

    void push(Tagged t) {
        if (tagged_.size() >= limits::kMaxPendingLoginRequests) {
            if (tagged_.front().attempt) emit(std::move(*tagged_.front().attempt));
            tagged_.pop_front();
            note("creds_pending_limit", "too many IMAP commands awaited their tagged answer");
        }
        tagged_.push_back(std::move(t));
    }

    // ---------------------------------------------------------------- server
    void server_data(core::Bytes data) {
        std::size_t pos = 0;
        while (!done() && pos < data.size()) {
            if (server_literal_left_ > 0) {  // FETCH bodies and the like: counted only
                const std::size_t n =
                    static_cast<std::size_t>(std::min<std::uint64_t>(server_literal_left_, data.size() - pos));
                pos += n;
                server_literal_left_ -= n;
                continue;
            }
            if (!server_.take(data, pos)) break;
            const std::string_view line = server_.line();
            const bool continues = server_continues_;  // the rest of a response after a literal
            server_continues_ = false;
            if (!server_.cut()) {
                if (auto n = literal_at_end(line)) {
                    server_literal_left_ = *n;
                    server_continues_ = true;
                }
            }
            if (!continues) response(line);
        }
    }

    void response(std::string_view line) {
        if (line == "+" || ascii::istarts_with(line, "+ ")) {
            if (sasl_.active()) sasl_.on_challenge(line.substr(line.size() > 1 ? 2 : 1));
            return;
        }
        std::string_view rest;
        const std::string_view tag = ascii::first_word(line, &rest);
        const std::string status = ascii::to_upper(ascii::first_word(rest));
        if (tag == "*") {
            if (!greeted_ && status == "PREAUTH") stop_watching();  // already logged in: no login will follow
            greeted_ = true;
            return;
        }
        const auto it = std::find_if(tagged_.begin(), tagged_.end(), [&](const Tagged& t) { return t.tag == tag; });
        if (it == tagged_.end()) return;
        Tagged t = std::move(*it);
        tagged_.erase(it);
        if (t.kind == Kind::Authenticate && t.tag == sasl_tag_) sasl_.reset();
        if (t.attempt) {
            // BAD is a protocol error: the server did not judge the password.
            if (status == "OK") t.attempt->outcome = Outcome::Success;
            if (status == "NO") t.attempt->outcome = Outcome::Failure;
            emit(std::move(*t.attempt));
        }
        if (status == "OK") stop_watching();  // logged in, or TLS starts
    }

    // Tags pair commands and answers across a gap; only the stream state
    // of the damaged direction is dropped.
    void gap(int side) {
        if (side == 0) {
            client_.resync();
            wipe(command_);
            command_cut_ = false;
            literal_left_ = 0;
            sasl_.reset();
        } else {
            server_.resync();
            server_literal_left_ = 0;
            server_continues_ = false;
        }
    }

    void release_pending() {
        for (Tagged& t : tagged_)
            if (t.attempt) emit(std::move(*t.attempt));
        tagged_.clear();
    }

    void stop_watching() {
        release_pending();
        stop();
    }

    LineSplitter client_{limits::kMaxLoginLineBytes}, server_{limits::kMaxLoginLineBytes};
    std::string command_;  // the command being assembled, literals inline
    bool command_cut_ = false;
    std::uint64_t literal_left_ = 0, server_literal_left_ = 0;
    bool server_continues_ = false;
    std::deque<Tagged> tagged_;
    SaslExchange sasl_;
    std::string sasl_tag_;
    bool greeted_ = false;
    bool finished_ = false;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_imap_watcher() { return std::make_unique<ImapWatcher>(); }

}  // namespace vca::probes::creds
