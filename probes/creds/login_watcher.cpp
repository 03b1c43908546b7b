#include "probes/creds/login_watcher.hpp"

#include <algorithm>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"
#include "probes/creds/ftp_watcher.hpp"
#include "probes/creds/http_auth_watcher.hpp"
#include "probes/creds/http_framing.hpp"
#include "probes/creds/imap_watcher.hpp"
#include "probes/creds/pop3_watcher.hpp"
#include "probes/creds/smtp_watcher.hpp"
#include "probes/creds/telnet_watcher.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

namespace limits = core::limits;

std::string_view text_of(core::Bytes b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

// IAC followed by WILL, WONT, DO, DONT or SB (RFC 854, RFC 855).
bool is_telnet_negotiation(core::Bytes b) { return b.size() >= 2 && b[0] == 0xFF && b[1] >= 0xFA && b[1] != 0xFF; }

std::optional<LoginProtocol> by_request_line(std::string_view s) {
    const std::size_t eol = s.find('\n');
    std::string_view line = s.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t i = 0;
    while (i < line.size() && is_method_char(line[i])) ++i;
    if (i == 0 || i > 32 || i >= line.size() || line[i] != ' ') return std::nullopt;
    const std::size_t last_space = line.rfind(' ');
    if (last_space <= i + 1) return std::nullopt;  // no target between method and version
    const std::string_view version = line.substr(last_space + 1);
    if (ascii::istarts_with(version, "HTTP/1.")) return LoginProtocol::Http;
    if (ascii::istarts_with(version, "RTSP/")) return LoginProtocol::Rtsp;
    return std::nullopt;
}

}  // namespace

std::string_view login_protocol_name(LoginProtocol p) {
    switch (p) {
        case LoginProtocol::Http: return "http";
        case LoginProtocol::Rtsp: return "rtsp";
        case LoginProtocol::Ftp: return "ftp";
        case LoginProtocol::Telnet: return "telnet";
        case LoginProtocol::Pop3: return "pop3";
        case LoginProtocol::Imap: return "imap";
        case LoginProtocol::Smtp: return "smtp";
    }
    return "unknown";
}

std::vector<CredentialEvent> LoginWatcher::take_events() {
    std::vector<CredentialEvent> out;
    out.swap(ready_);
    return out;
}

std::vector<WatcherNote> LoginWatcher::take_notes() {
    std::vector<WatcherNote> out;
    out.swap(notes_);
    return out;
}

void LoginWatcher::emit(CredentialEvent e) {
    if (ready_.size() >= limits::kMaxHeldCredentialEvents) {
        ++dropped_events_;
        note("creds_event_limit", "credential events were not taken in time; one was dropped");
        return;
    }
    ready_.push_back(std::move(e));
}

void LoginWatcher::note(std::string name, std::string detail) {
    for (WatcherNote& n : notes_) {
        if (n.name == name) {
            ++n.count;
            return;
        }
    }
    // Distinct names are few (a dozen); the bound only guards against a bug.
    if (notes_.size() < limits::kMaxHeldWatcherNotes)
        notes_.push_back(WatcherNote{std::move(name), std::move(detail), ts_, frame_, 1});
}

CredentialEvent LoginWatcher::new_event(std::string_view protocol) const {
    CredentialEvent e;
    e.protocol = std::string(protocol);
    e.ts = ts_;
    e.frame = frame_;
    return e;
}

std::unique_ptr<LoginWatcher> make_login_watcher(LoginProtocol p) {
    switch (p) {
        case LoginProtocol::Http: return make_http_auth_watcher(false);
        case LoginProtocol::Rtsp: return make_http_auth_watcher(true);
        case LoginProtocol::Ftp: return make_ftp_watcher();
        case LoginProtocol::Telnet: return make_telnet_watcher();
        case LoginProtocol::Pop3: return make_pop3_watcher();
        case LoginProtocol::Imap: return make_imap_watcher();
        case LoginProtocol::Smtp: return make_smtp_watcher();
    }
    return nullptr;
}

std::optional<LoginProtocol> login_protocol_by_port(std::uint16_t server_port) {
    switch (server_port) {
        case 80: case 8080: case 8000: case 8008: case 8081: case 8088:
            return LoginProtocol::Http;
        case 554: case 8554:
            return LoginProtocol::Rtsp;
        case 21:
            return LoginProtocol::Ftp;
        case 23: case 2323:
            return LoginProtocol::Telnet;
        case 110:
            return LoginProtocol::Pop3;
        case 143:
            return LoginProtocol::Imap;
        case 25: case 587:
            return LoginProtocol::Smtp;
        default:
            return std::nullopt;
    }
}

std::optional<LoginProtocol> login_protocol_by_content(int side, core::Bytes first_payload) {
    if (is_telnet_negotiation(first_payload)) return LoginProtocol::Telnet;
    // A greeting or request line is short; looking further only costs time.
    const std::string_view s = text_of(first_payload.subspan(0, std::min<std::size_t>(first_payload.size(), 512)));
    if (side == 0) return by_request_line(s);
    if (side != 1) return std::nullopt;
    if (ascii::istarts_with(s, "HTTP/1.")) return LoginProtocol::Http;
    if (ascii::istarts_with(s, "RTSP/")) return LoginProtocol::Rtsp;
    if (ascii::istarts_with(s, "+OK")) return LoginProtocol::Pop3;
    if (ascii::istarts_with(s, "* OK") || ascii::istarts_with(s, "* PREAUTH")) return LoginProtocol::Imap;
    if (s.size() >= 4 && s.substr(0, 3) == "220" && (s[3] == ' ' || s[3] == '-')) {
        // Both greet with 220 (RFC 959 §4.2, RFC 5321 §4.2); only the text
        // tells them apart, and "ESMTP" is the stronger sign (FTP may just be
        // part of a host name such as ftp.example.org, so it comes second).
        const std::size_t eol = s.find('\n');
        const std::string_view greeting = s.substr(0, eol);
        if (ascii::icontains(greeting, "SMTP")) return LoginProtocol::Smtp;
        if (ascii::icontains(greeting, "FTP")) return LoginProtocol::Ftp;
    }
    return std::nullopt;
}

}  // namespace vca::probes::creds
