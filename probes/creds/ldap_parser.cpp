#include "probes/creds/ldap_parser.hpp"

#include <algorithm>
#include <utility>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"
#include "probes/creds/ber_reader.hpp"

namespace vca::probes::creds {
namespace {

using ber::BerReader;
using core::ParseStatus;

constexpr std::uint8_t kSimpleAuth = 0x80;  // [0] OCTET STRING
constexpr std::uint8_t kSaslAuth = 0xa3;    // [3] SaslCredentials
constexpr std::int64_t kMaxMessageId = 2147483647;  // MessageID ::= INTEGER (0 .. maxInt)
constexpr std::uint8_t kTlsHandshake = 0x16;         // first byte of a TLS record after StartTLS

std::string text(core::Bytes b) { return std::string(core::as_text(b)); }

bool parse_bind_request(BerReader& msg, LdapBindRequest& out) {
    BerReader op(core::Bytes{});
    core::Bytes name;
    if (!msg.enter(kLdapBindRequest, op) || !op.integer(out.version) || !op.octets(name)) return false;
    out.name = text(name);
    auto tag = op.peek_tag();
    if (tag == kSimpleAuth) {
        core::Bytes password;
        if (!op.octets(password, kSimpleAuth)) return false;
        out.auth = LdapBindRequest::Auth::Simple;
        out.password = text(password);
        return true;
    }
    if (tag == kSaslAuth) {
        BerReader sasl(core::Bytes{});
        core::Bytes mechanism, credentials;
        if (!op.enter(kSaslAuth, sasl) || !sasl.octets(mechanism)) return false;
        if (!sasl.empty() && !sasl.octets(credentials)) return false;
        out.auth = LdapBindRequest::Auth::Sasl;
        out.sasl_mechanism = text(mechanism);
        out.sasl_credentials = text(credentials);
        return true;
    }
    ber::Tlv other;  // e.g. Microsoft's sicily choices [9]..[11]
    if (!op.next(other)) return false;
    out.auth = LdapBindRequest::Auth::Other;
    return true;
}

bool parse_result_code(BerReader& msg, std::uint8_t tag, std::int64_t& code) {
    BerReader op(core::Bytes{});
    return msg.enter(tag, op) && op.integer(code, ber::kEnumerated);
}

}  // namespace

ParseStatus ldap_frame_length(core::Bytes b, std::size_t& total) {
    std::uint8_t tag = 0;
    std::size_t header = 0, len = 0;
    auto st = ber::read_header(b, tag, header, len);
    if (st != ParseStatus::Ok) return st;
    if (tag != ber::kSequence) return ParseStatus::Invalid;
    total = header + len;
    return ParseStatus::Ok;
}

LdapResult parse_ldap_message(core::Bytes b, LdapMessage& out) {
    std::size_t total = 0;
    auto st = ldap_frame_length(b, total);
    if (st == ParseStatus::Invalid) return {ParseStatus::Invalid, 0, "ldap_not_a_message"};
    if (st == ParseStatus::NeedMore || b.size() < total) return {ParseStatus::NeedMore, 0, {}};
    auto bad = [total](std::string_view error) { return LdapResult{ParseStatus::Invalid, total, error}; };
    BerReader top(b.first(total)), msg(core::Bytes{});
    LdapMessage m;
    if (!top.enter(ber::kSequence, msg) || !msg.integer(m.message_id) || m.message_id < 0 ||
        m.message_id > kMaxMessageId)
        return bad("ldap_bad_message_id");
    auto op = msg.peek_tag();
    if (!op) return bad("ldap_missing_operation");
    m.op = *op;
    if (m.op == kLdapBindRequest) {
        LdapBindRequest bind;
        if (!parse_bind_request(msg, bind)) return bad("ldap_bad_bind_request");
        m.bind_request = std::move(bind);
    } else if (m.op == kLdapBindResponse || m.op == kLdapExtendedResponse) {
        std::int64_t code = 0;
        if (!parse_result_code(msg, m.op, code)) return bad("ldap_bad_result");
        m.result_code = code;
    } else {
        ber::Tlv any;
        if (!msg.next(any)) return bad("ldap_bad_operation");
    }
    out = std::move(m);
    return {ParseStatus::Ok, total, {}};
}

bool split_sasl_plain(std::string_view credentials, std::string& authcid, std::string& password) {
    auto first = credentials.find('\0');
    if (first == std::string_view::npos) return false;
    auto second = credentials.find('\0', first + 1);
    if (second == std::string_view::npos || credentials.find('\0', second + 1) != std::string_view::npos)
        return false;
    authcid = std::string(credentials.substr(first + 1, second - first - 1));
    password = std::string(credentials.substr(second + 1));
    return !authcid.empty();
}

void LdapWatcher::on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    if (side != 0 && side != 1) return;
    Direction& d = dirs_[static_cast<std::size_t>(side)];
    if (after_gap) d = Direction{};  // resynchronise on the next bytes, or give up on them
    if (d.lost || data.empty()) return;
    if (d.skip > 0) {
        std::size_t n = std::min(d.skip, data.size());
        d.skip -= n;
        data = data.subspan(n);
        if (data.empty()) return;
    }
    if (d.buffer.empty()) {
        std::size_t used = consume(d, side, data, ts, frame);
        if (!d.lost && used < data.size())
            d.buffer.assign(data.begin() + static_cast<std::ptrdiff_t>(used), data.end());
        return;
    }
    d.buffer.insert(d.buffer.end(), data.begin(), data.end());
    std::vector<std::uint8_t> work = std::move(d.buffer);
    d.buffer.clear();
    std::size_t used = consume(d, side, core::Bytes(work), ts, frame);
    if (!d.lost && used < work.size()) d.buffer.assign(work.begin() + static_cast<std::ptrdiff_t>(used), work.end());
}

// Parses every complete message of `work`; returns the bytes used. What is
// left is the start of one message no larger than limits::kMaxLdapMessage.
std::size_t LdapWatcher::consume(Direction& d, int side, core::Bytes work, double ts, std::int64_t frame) {
    std::size_t off = 0;
    while (off < work.size()) {
        core::Bytes rest = work.subspan(off);
        std::size_t total = 0;
        auto st = ldap_frame_length(rest, total);
        if (st == ParseStatus::NeedMore) break;
        if (st == ParseStatus::Invalid) {
            if (rest[0] == kTlsHandshake)
                tls_seen_ = true;
            else
                ++malformed_;
            d.lost = true;
            return work.size();
        }
        if (total > core::limits::kMaxLdapMessage) {
            ++oversized_;
            if (rest.size() >= total) {
                off += total;
                continue;
            }
            d.skip = total - rest.size();
            return work.size();
        }
        if (rest.size() < total) break;
        LdapMessage m;
        auto r = parse_ldap_message(rest.first(total), m);
        ++messages_;
        if (r.status == ParseStatus::Ok)
            on_message(m, side, ts, frame);
        else
            ++malformed_;
        off += total;
    }
    return off;
}

void LdapWatcher::on_message(const LdapMessage& m, int side, double ts, std::int64_t frame) {
    if (m.bind_request) on_bind_request(m, side, ts, frame);
    if (m.op == kLdapBindResponse && m.result_code) on_bind_response(m, side);
}

void LdapWatcher::on_bind_request(const LdapMessage& m, int side, double ts, std::int64_t frame) {
    const LdapBindRequest& b = *m.bind_request;
    std::string mechanism = b.auth == LdapBindRequest::Auth::Sasl ? core::ascii::to_lower(b.sasl_mechanism) : "";
    // A later step of a SASL exchange (RFC 4511 §4.2.1) continues the same attempt.
    if (b.auth == LdapBindRequest::Auth::Sasl) {
        for (auto& open : open_) {
            if (open.client == side && open.sasl_in_progress && open.event.mechanism == mechanism) {
                open.message_id = m.message_id;
                open.sasl_in_progress = false;
                return;
            }
        }
    }
    if (binds_ >= core::limits::kMaxLdapBindsPerFlow) {
        limit_hit_ = true;
        return;
    }
    ++binds_;
    Bind bind;
    bind.message_id = m.message_id;
    bind.client = side;
    CredentialEvent& e = bind.event;
    e.protocol = "ldap";
    e.ts = ts;
    e.frame = frame;
    switch (b.auth) {
        case LdapBindRequest::Auth::Simple:
            e.username = b.name;
            if (b.password.empty()) {  // anonymous or unauthenticated (RFC 4513 §5.1.1, §5.1.2)
                e.mechanism = "anonymous";
                e.secret_kind = "none";
            } else {
                e.mechanism = "simple";
                e.secret_kind = "password";
                e.secret = b.password;
            }
            break;
        case LdapBindRequest::Auth::Sasl:
            e.mechanism = mechanism;
            e.username = b.name;
            if (mechanism == "plain" && split_sasl_plain(b.sasl_credentials, e.username, e.secret)) {
                e.secret_kind = "password";  // PLAIN sends the password as it is
            } else {
                e.secret_kind = "sasl";      // a challenge-response or token: nothing to judge
            }
            break;
        case LdapBindRequest::Auth::Other:
            e.username = b.name;
            e.mechanism = "other";
            e.secret_kind = "none";
            break;
    }
    open_.push_back(std::move(bind));
}

void LdapWatcher::on_bind_response(const LdapMessage& m, int side) {
    auto it = std::find_if(open_.begin(), open_.end(), [&](const Bind& b) {
        return b.client == 1 - side && b.message_id == m.message_id && !b.sasl_in_progress;
    });
    if (it == open_.end()) return;
    if (*m.result_code == kLdapSaslBindInProgress && it->event.secret_kind == "sasl") {
        it->sasl_in_progress = true;
        return;
    }
    // Any result other than success refused the bind (49 invalidCredentials
    // most often; 48, 50, 53 for policies that forbid it).
    it->event.outcome = *m.result_code == kLdapSuccess ? Outcome::Success : Outcome::Failure;
    ready_.push_back(std::move(it->event));
    open_.erase(it);
}

void LdapWatcher::finish() {
    for (auto& b : open_) ready_.push_back(std::move(b.event));
    open_.clear();
    for (auto& d : dirs_) d = Direction{};
}

std::vector<CredentialEvent> LdapWatcher::take_events() { return std::exchange(ready_, {}); }

}  // namespace vca::probes::creds
