// LoginWatcher: finds login attempts in one flow of a cleartext protocol
// (HTTP, RTSP, FTP, telnet, POP3, IMAP, SMTP) and pairs each with the
// server's answer. It is fed the in-order bytes of each direction as the TCP
// reassembly delivers them (probes/flow/tcp_stream.hpp): side 0 is client to
// server, side 1 server to client, after_gap says bytes were lost before the
// chunk. Any chunking gives the same events (one byte at a time included).
//
// An attempt is held until its answer arrives (then take_events() returns
// it with its outcome), the flow ends (finish(): Outcome::Unknown), or a gap
// makes the pairing unsafe (released as Unknown rather than paired wrongly).
// Every buffer is bounded by core/limits.hpp; a secret lives in the watcher
// only until its event is taken. Self-contained: no facts, no I/O.
//
// Events use protocol = login_protocol_name(); mechanism is one of basic,
// digest, url (userinfo in a request URL), form (HTTP/RTSP); user-pass
// (FTP/POP3 USER+PASS, IMAP LOGIN), anonymous, none (FTP login that asked
// no password); prompt (telnet); plain, login, cram-md5 (SASL); apop.
// secret_kind is password, email (anonymous FTP), digest (HTTP/RTSP Digest:
// `digest` set, secret empty), hash (APOP, CRAM-MD5: secret empty, `digest`
// holds nonce = the challenge, response = the hex digest and algorithm
// "APOP" / "CRAM-MD5"), or malformed (the credential did not decode:
// secret empty, username only when known; not an empty password).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "probes/creds/credential_event.hpp"

namespace vca::probes::creds {

enum class LoginProtocol { Http, Rtsp, Ftp, Telnet, Pop3, Imap, Smtp };

// "http", "rtsp", "ftp", "telnet", "pop3", "imap", "smtp" (CredentialEvent.protocol).
std::string_view login_protocol_name(LoginProtocol p);

// Something the caller may record as an anomaly row: a limit was hit, a gap
// broke the pairing, a Digest response came without a challenge in the flow.
// Never holds a secret. Until taken, repeats of a name are counted on the
// first note of that name (ts and frame are the first occurrence's).
struct WatcherNote {
    std::string name;    // stable snake_case: creds_line_limit, creds_header_limit, ...
    std::string detail;  // one sentence
    double ts = 0;
    std::int64_t frame = 0;
    std::int64_t count = 1;
};

class LoginWatcher {
public:
    virtual ~LoginWatcher() = default;
    LoginWatcher() = default;
    LoginWatcher(const LoginWatcher&) = delete;
    LoginWatcher& operator=(const LoginWatcher&) = delete;

    // `side`: 0 client→server, 1 server→client (other values are ignored).
    virtual void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) = 0;
    // End of the flow: attempts still waiting for an answer keep Outcome::Unknown.
    virtual void finish() {}

    // Moves out the attempts whose outcome is decided (or can no longer be).
    std::vector<CredentialEvent> take_events();
    std::vector<WatcherNote> take_notes();

    // True once the rest of the flow cannot hold a cleartext login: TLS was
    // negotiated (STARTTLS, STLS, AUTH TLS), the connection became a tunnel or
    // another protocol (CONNECT, Upgrade), or a login succeeded in a protocol
    // that allows one per session (POP3, IMAP, SMTP). The caller may stop
    // feeding; further data is ignored anyway.
    [[nodiscard]] bool done() const { return done_; }

    // Events dropped because limits::kMaxHeldCredentialEvents were waiting to
    // be taken (each drop is also a note).
    [[nodiscard]] std::uint64_t dropped_events() const { return dropped_events_; }

protected:
    void emit(CredentialEvent e);
    void note(std::string name, std::string detail);
    void stop() { done_ = true; }
    // Time and frame of the chunk being processed: the attempt's date.
    void set_clock(double ts, std::int64_t frame) {
        ts_ = ts;
        frame_ = frame;
    }
    [[nodiscard]] double now() const { return ts_; }
    [[nodiscard]] std::int64_t frame() const { return frame_; }
    // An event of this watcher's protocol dated now.
    [[nodiscard]] CredentialEvent new_event(std::string_view protocol) const;

private:
    std::vector<CredentialEvent> ready_;
    std::vector<WatcherNote> notes_;
    std::uint64_t dropped_events_ = 0;
    bool done_ = false;
    double ts_ = 0;
    std::int64_t frame_ = 0;
};

std::unique_ptr<LoginWatcher> make_login_watcher(LoginProtocol p);

// The protocol a server port usually carries: 80, 8080, 8000, 8008, 8081,
// 8088 http; 554, 8554 rtsp; 21 ftp; 23, 2323 telnet; 110 pop3; 143 imap;
// 25, 587 smtp.
std::optional<LoginProtocol> login_protocol_by_port(std::uint16_t server_port);

// The protocol the first payload of a direction shows: an HTTP or RTSP
// request line (side 0) or status line (side 1, capture started mid-flow),
// an FTP/SMTP (220), POP3 (+OK) or IMAP (* OK / * PREAUTH) greeting (side
// 1), telnet option negotiation (IAC WILL/WONT/DO/DONT, either side).
// nullopt when it is none of these or cannot be told apart (a "220" greeting
// naming neither FTP nor SMTP).
std::optional<LoginProtocol> login_protocol_by_content(int side, core::Bytes first_payload);

}  // namespace vca::probes::creds
