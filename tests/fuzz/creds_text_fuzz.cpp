// libFuzzer harness for the text login watchers of probes/creds (HTTP, RTSP,
// FTP, telnet, POP3, IMAP, SMTP) and the parsers under them (base64, the
// authentication header grammar and Digest, form fields), and through
// replay_main.cpp a plain test over the corpus and kept crash inputs.
//
// The input is a sequence of records: one control byte (bit 0 the side,
// bits 1-3 all set = bytes lost before the record, bits 4-7 the length
// class) then up to 106 bytes. Every watcher is fed the records whole and
// again one byte at a time; both runs must find the same events (the
// watchers' contract), and every event must be well formed. Broken
// invariants trap.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/limits.hpp"
#include "probes/creds/base64.hpp"
#include "probes/creds/digest_header.hpp"
#include "probes/creds/form_login.hpp"
#include "probes/creds/login_watcher.hpp"

namespace {

using namespace vca::probes::creds;
namespace limits = vca::core::limits;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

struct Record {
    int side = 0;
    bool gap = false;
    vca::core::Bytes bytes;
};

std::vector<Record> records(const std::uint8_t* data, std::size_t size) {
    std::vector<Record> out;
    std::size_t pos = 0;
    while (pos < size) {
        const std::uint8_t ctrl = data[pos++];
        const std::size_t want = 1 + static_cast<std::size_t>(ctrl >> 4) * 7;
        const std::size_t n = std::min(want, size - pos);
        out.push_back(Record{ctrl & 1, (ctrl & 0x0E) == 0x0E, vca::core::Bytes(data + pos, n)});
        pos += n;
    }
    return out;
}

constexpr std::size_t kLargestSecret = limits::kMaxLoginHeaderBytes;  // a Basic value is the largest source

void check_event(const CredentialEvent& e, LoginProtocol p) {
    check(e.protocol == login_protocol_name(p));
    check(!e.mechanism.empty() && !e.secret_kind.empty());
    check(e.outcome == Outcome::Unknown || e.outcome == Outcome::Success || e.outcome == Outcome::Failure);
    if (e.secret_kind == "digest" || e.secret_kind == "hash" || e.secret_kind == "malformed") check(e.secret.empty());
    if (e.digest) check(e.secret_kind == "digest" || e.secret_kind == "hash");
    check(e.target.size() <= limits::kMaxCredentialTargetChars);
    check(e.target.find('?') == std::string::npos);  // query strings may hold secrets
    check(e.secret.size() <= kLargestSecret);
    check(e.username.size() <= kLargestSecret);
}

std::string summary(const CredentialEvent& e) {
    std::string s = e.protocol + "|" + e.username + "|" + e.mechanism + "|" + e.secret_kind + "|" +
                    std::string(outcome_name(e.outcome)) + "|" + e.target + "|" + std::to_string(e.frame) + "|" +
                    e.secret;
    if (e.digest) s += "|" + e.digest->nonce + "|" + e.digest->response + "|" + e.digest->method;
    return s;
}

std::vector<std::string> run(LoginProtocol p, const std::vector<Record>& recs, bool bytewise) {
    auto w = make_login_watcher(p);
    check(w != nullptr);
    std::vector<std::string> found;
    auto collect = [&](bool was_done) {
        const auto events = w->take_events();
        check(events.size() <= limits::kMaxHeldCredentialEvents);
        check(!was_done || events.empty());  // a watcher that is done stays silent
        for (const auto& e : events) {
            check_event(e, p);
            found.push_back(summary(e));
        }
        check(w->take_notes().size() <= limits::kMaxHeldWatcherNotes);
    };
    for (std::size_t i = 0; i < recs.size(); ++i) {
        const Record& r = recs[i];
        const auto frame = static_cast<std::int64_t>(i + 1);
        if (!bytewise) {
            const bool was_done = w->done();
            w->on_data(r.side, r.bytes, r.gap, static_cast<double>(frame), frame);
            collect(was_done);
            continue;
        }
        for (std::size_t k = 0; k < r.bytes.size(); ++k) {
            const bool was_done = w->done();
            w->on_data(r.side, r.bytes.subspan(k, 1), r.gap && k == 0, static_cast<double>(frame), frame);
            collect(was_done);
        }
        if (r.bytes.empty()) w->on_data(r.side, r.bytes, r.gap, static_cast<double>(frame), frame);
    }
    w->finish();
    const auto last = w->take_events();
    for (const auto& e : last) {
        check_event(e, p);
        found.push_back(summary(e));
    }
    w->on_data(0, recs.empty() ? vca::core::Bytes() : recs.front().bytes, false, 0, 0);  // after finish: ignored
    check(w->take_events().empty());
    return found;
}

void parsers(std::string_view text) {
    if (auto schemes = parse_auth_header(text)) {
        for (const auto& s : *schemes) {
            check(!s.scheme.empty());
            check(s.token68.empty() || s.params.empty());
            for (const auto& prm : s.params) check(!prm.name.empty() && prm.value.size() <= text.size());
        }
    }
    if (auto d = parse_digest_authorization(text)) {
        check(d->username.size() <= text.size() && d->params.response.size() <= text.size());
        check(d->params.method.empty());
        check(parse_digest_credentials(text).has_value());
    }
    const auto challenges = parse_digest_challenges(text);
    check(challenges.empty() == !parse_digest_challenge(text).has_value());
    if (auto b = base64_decode(text)) check(b->size() <= text.size() * 3 / 4 + 2);
    for (std::string_view ct : {"application/x-www-form-urlencoded", "multipart/form-data; boundary=b"}) {
        if (auto f = find_form_credentials(ct, text)) {
            check(f->password.size() <= text.size() && f->username.size() <= text.size());
            check(!f->password_field.empty());
        }
    }
    (void)html_has_password_input(text);
    check(form_decode(text).size() <= text.size());
    const vca::core::Bytes bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    (void)login_protocol_by_content(0, bytes);
    (void)login_protocol_by_content(1, bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<Record> recs = records(data, size);
    for (LoginProtocol p : {LoginProtocol::Http, LoginProtocol::Rtsp, LoginProtocol::Ftp, LoginProtocol::Telnet,
                            LoginProtocol::Pop3, LoginProtocol::Imap, LoginProtocol::Smtp}) {
        const auto whole = run(p, recs, false);
        const auto bytewise = run(p, recs, true);
        check(whole == bytewise);
    }
    parsers(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
