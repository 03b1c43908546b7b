#include "probes/creds/telnet_watcher.hpp"

#include <array>
#include <optional>
#include <string>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"
#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

namespace limits = core::limits;

constexpr std::uint8_t kIac = 0xFF, kSb = 0xFA, kSe = 0xF0, kWill = 0xFB, kDont = 0xFE;
constexpr std::uint8_t kNewEnviron = 39;  // RFC 1572

// Telnet commands out of one direction (RFC 854 §"The Telnet command
// structure"): IAC IAC is a data 0xFF; IAC WILL/WONT/DO/DONT x and the other
// two-byte commands vanish; IAC SB x ... IAC SE is collected (bounded) and
// handed over whole. Byte by byte, so any chunking gives the same result.
class TelnetFilter {
public:
    struct Step {
        std::optional<std::uint8_t> data;
        bool subnegotiation_done = false;
    };

    Step step(std::uint8_t b) {
        Step s;
        switch (state_) {
            case State::Data:
                if (b == kIac) {
                    state_ = State::Iac;
                } else {
                    s.data = b;
                }
                break;
            case State::Iac:
                if (b == kIac) {
                    s.data = b;
                    state_ = State::Data;
                } else if (b >= kWill && b <= kDont) {
                    state_ = State::Option;
                } else if (b == kSb) {
                    state_ = State::SbOption;
                } else {
                    state_ = State::Data;  // NOP, GA, AYT, ...
                }
                break;
            case State::Option:
                state_ = State::Data;
                break;
            case State::SbOption:
                option_ = b;
                payload_.clear();
                cut_ = false;
                state_ = State::Sb;
                break;
            case State::Sb:
                if (b == kIac) {
                    state_ = State::SbIac;
                } else {
                    add(b);
                }
                break;
            case State::SbIac:
                if (b == kIac) {
                    add(b);
                    state_ = State::Sb;
                } else {
                    s.subnegotiation_done = b == kSe && !cut_;
                    state_ = State::Data;
                }
                break;
        }
        return s;
    }

    [[nodiscard]] std::uint8_t option() const { return option_; }
    [[nodiscard]] const std::string& payload() const { return payload_; }
    void reset() {
        state_ = State::Data;
        payload_.clear();
        cut_ = false;
    }

private:
    enum class State { Data, Iac, Option, SbOption, Sb, SbIac };
    void add(std::uint8_t b) {
        if (payload_.size() < limits::kMaxTelnetSubnegotiation) {
            payload_.push_back(static_cast<char>(b));
        } else {
            cut_ = true;
        }
    }
    State state_ = State::Data;
    std::uint8_t option_ = 0;
    std::string payload_;
    bool cut_ = false;
};

// The USER variable of a NEW-ENVIRON IS/INFO (RFC 1572 §3): what
// "telnet -l name" sends, so a server may prompt only for the password.
std::optional<std::string> environ_user(std::string_view p) {
    constexpr char kVar = 0, kValue = 1, kEsc = 2, kUserVar = 3;
    if (p.empty() || (p[0] != 0 && p[0] != 2)) return std::nullopt;  // IS or INFO
    std::optional<std::string> user;
    std::string name, value;
    bool in_value = false, is_var = false;
    auto item_end = [&] {
        if (is_var && in_value && name == "USER") user = value;
        name.clear();
        value.clear();
        in_value = false;
    };
    for (std::size_t i = 1; i < p.size(); ++i) {
        const char b = p[i];
        if (b == kEsc && i + 1 < p.size()) {
            (in_value ? value : name).push_back(p[++i]);
        } else if (b == kVar || b == kUserVar) {
            item_end();
            is_var = b == kVar;
        } else if (b == kValue) {
            in_value = true;
        } else {
            (in_value ? value : name).push_back(b);
        }
    }
    item_end();
    return user;
}

// What the server printed last, without trailing blanks.
std::string_view prompt_of(std::string_view tail) {
    while (!tail.empty() && (ascii::is_blank(tail.back()) || tail.back() == '\r' || tail.back() == '\n'))
        tail.remove_suffix(1);
    return tail;
}

enum class LineKind { Other, User, Password };

LineKind classify(std::string_view tail) {
    const std::string_view p = prompt_of(tail);
    for (std::string_view s : {"password:", "passwd:", "passcode:"})
        if (ascii::iends_with(p, s)) return LineKind::Password;
    for (std::string_view s : {"login:", "username:", "user name:", "user:", "login as:", "userid:", "user id:"})
        if (ascii::iends_with(p, s)) return LineKind::User;
    return LineKind::Other;
}

// A shell or CLI waiting for a command: "$ ", "# ", "> " (Cisco "Router>"),
// "% " (csh).
bool shell_prompt(std::string_view tail) {
    const std::string_view p = prompt_of(tail);
    return !p.empty() && (p.back() == '$' || p.back() == '#' || p.back() == '>' || p.back() == '%');
}

// What the server prints after a password. Success markers are tested
// first at each byte so that "Last failed login:" (printed by pam_lastlog
// after a good login) is not read as "failed". A new login or password
// prompt means the attempt was refused.
constexpr std::string_view kSuccessMarkers[] = {"last login", "last failed"};
constexpr std::string_view kFailureMarkers[] = {"incorrect", "failed",  "failure",   "denied",   "invalid",
                                                "bad password", "login:", "username:", "password:"};
constexpr std::size_t kMarkerWindow = 16;  // longer than every marker

class TelnetWatcher final : public LoginWatcher {
public:
    ~TelnetWatcher() override { wipe(line_); }

    void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) override {
        if (finished_ || (side != 0 && side != 1)) return;
        set_clock(ts, frame);
        if (after_gap) gap(side);
        TelnetFilter& filter = side == 0 ? client_filter_ : server_filter_;
        for (std::uint8_t b : data) {
            const TelnetFilter::Step s = filter.step(b);
            if (s.subnegotiation_done && side == 0 && filter.option() == kNewEnviron) {
                if (auto user = environ_user(filter.payload())) environ_user_ = std::move(*user);
            }
            if (!s.data) continue;
            if (side == 0) {
                client_byte(static_cast<char>(*s.data));
            } else {
                server_byte(static_cast<char>(*s.data));
            }
        }
    }

    void finish() override {
        if (finished_) return;
        finished_ = true;
        if (pending_) judge_by_prompt(true);
        wipe(line_);
    }

private:
    // ---------------------------------------------------------------- client keystrokes
    void client_byte(char c) {
        if (skip_line_) {  // the start of this line was lost: none of it is usable
            if (c == '\r' || c == '\n') skip_line_ = false;
            after_cr_ = c == '\r';
            return;
        }
        if (after_cr_) {
            after_cr_ = false;
            if (c == '\n' || c == '\0') return;  // CR LF and CR NUL end one line (RFC 854)
        }
        if (c == '\r' || c == '\n') {
            if (!line_started_) begin_line();  // Enter alone: an empty password is a password
            end_line();
            after_cr_ = c == '\r';
            return;
        }
        if (!line_started_) begin_line();
        if (c == 0x08 || c == 0x7F) {  // backspace, DEL
            if (!line_.empty()) line_.pop_back();
            return;
        }
        if (c == 0x15) {  // ^U erases the line
            wipe(line_);
            return;
        }
        if (static_cast<unsigned char>(c) < 0x20) return;
        if (line_.size() < limits::kMaxLoginLineBytes) {
            if (line_.capacity() < limits::kMaxLoginLineBytes) line_.reserve(limits::kMaxLoginLineBytes);
            line_.push_back(c);
        } else {
            line_cut_ = true;
        }
    }

    // The first key of a line: what the server shows now says what the line is.
    void begin_line() {
        line_started_ = true;
        line_cut_ = false;
        if (pending_) judge_by_prompt(false);
        kind_ = classify(tail_);
    }

    void end_line() {
        line_started_ = false;
        if (kind_ == LineKind::User && !line_cut_) {
            const std::string_view name = ascii::trim(line_);
            if (!name.empty()) username_ = std::string(name);
        } else if (kind_ == LineKind::Password) {
            if (line_cut_) {
                note("creds_line_limit", "a telnet password line exceeded the line limit and was not examined");
            } else {
                if (pending_) release();
                CredentialEvent e = new_event("telnet");
                e.username = username_.empty() ? environ_user_ : username_;
                e.mechanism = "prompt";
                e.secret_kind = "password";
                e.secret = line_;
                pending_ = std::move(e);
                outcome_bytes_ = 0;
                recent_.clear();
            }
        }
        wipe(line_);
        kind_ = LineKind::Other;
    }

    // ---------------------------------------------------------------- server text
    void server_byte(char c) {
        switch (escape_) {  // ANSI/VT100 sequences (colours around prompts)
            case Escape::Esc:
                escape_ = c == '[' ? Escape::Csi : Escape::None;
                return;
            case Escape::Csi:
                if (c >= 0x40 && c <= 0x7E) escape_ = Escape::None;
                return;
            case Escape::None:
                break;
        }
        if (c == 0x1B) {
            escape_ = Escape::Esc;
            return;
        }
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7F) return;
        push_rolling(tail_, ascii::lower(c), limits::kMaxTelnetPromptWindow);
        if (pending_ && outcome_bytes_ < limits::kMaxTelnetOutcomeWindow) {
            ++outcome_bytes_;
            push_rolling(recent_, ascii::lower(c), kMarkerWindow);
            for (std::string_view m : kSuccessMarkers)
                if (ascii::iends_with(recent_, m)) return resolve(Outcome::Success);
            for (std::string_view m : kFailureMarkers)
                if (ascii::iends_with(recent_, m)) return resolve(Outcome::Failure);
        }
    }

    // Keeps the last `window` bytes (trimmed in halves so it is amortised).
    static void push_rolling(std::string& s, char c, std::size_t window) {
        s.push_back(c);
        if (s.size() > 2 * window) s.erase(0, s.size() - window);
    }

    void judge_by_prompt(bool last_chance) {
        if (shell_prompt(tail_)) {
            resolve(Outcome::Success);
        } else if (last_chance) {
            release();
        }
    }

    void resolve(Outcome o) {
        pending_->outcome = o;
        release();
    }

    void release() {
        emit(std::move(*pending_));
        pending_.reset();
    }

    void gap(int side) {
        if (side == 0) {
            client_filter_.reset();
            wipe(line_);
            line_started_ = false;
            after_cr_ = false;
            skip_line_ = true;
            kind_ = LineKind::Other;
            username_.clear();  // the lost bytes may have held another user name
        } else {
            server_filter_.reset();
            tail_.clear();
            recent_.clear();
            escape_ = Escape::None;
            if (pending_) {
                note("creds_pairing_lost", "a gap hid the telnet server's answer to a password");
                release();
            }
        }
    }

    enum class Escape { None, Esc, Csi };

    TelnetFilter client_filter_, server_filter_;
    std::string line_;  // the line being typed
    bool line_started_ = false, line_cut_ = false, after_cr_ = false, skip_line_ = false;
    LineKind kind_ = LineKind::Other;
    std::string username_, environ_user_;
    std::string tail_;    // the server's last text, lower-case
    std::string recent_;  // the server's text since the password, last bytes only
    std::size_t outcome_bytes_ = 0;
    Escape escape_ = Escape::None;
    std::optional<CredentialEvent> pending_;  // a password waiting for the server's verdict
    bool finished_ = false;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_telnet_watcher() { return std::make_unique<TelnetWatcher>(); }

}  // namespace vca::probes::creds
