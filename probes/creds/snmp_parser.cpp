#include "probes/creds/snmp_parser.hpp"

#include <algorithm>
#include <utility>

#include "auditor/core/limits.hpp"
#include "probes/creds/ber_reader.hpp"

namespace vca::probes::creds {
namespace {

using ber::BerReader;

constexpr std::int64_t kVersion1 = 0, kVersion2c = 1, kVersion3 = 3;  // RFC 1157, RFC 1901, RFC 3412
constexpr std::int64_t kUsm = 3;                                       // RFC 3411 §5 SnmpSecurityModel
constexpr std::uint8_t kPduClassBits = 0xe0, kPduClass = 0xa0;         // context, constructed

std::string text(core::Bytes b) { return std::string(core::as_text(b)); }

// The PDU choice at the reader's position (RFC 3416 §3; RFC 1157 §4.1.6 for the v1 Trap).
bool parse_pdu(BerReader& r, SnmpMessage& m) {
    auto tag = r.peek_tag();
    if (!tag || (*tag & kPduClassBits) != kPduClass) return false;
    std::uint8_t number = *tag & 0x1f;
    if (number > static_cast<std::uint8_t>(SnmpPdu::Report)) return false;
    BerReader pdu(core::Bytes{});
    if (!r.enter(*tag, pdu)) return false;
    m.pdu = static_cast<SnmpPdu>(number);
    if (m.pdu == SnmpPdu::Trap) return true;  // enterprise, agent-addr, ...: no request-id
    std::int64_t id = 0, status = 0, index = 0;
    if (!pdu.integer(id) || !pdu.integer(status) || !pdu.integer(index)) return false;
    m.request_id = id;
    // GetBulk reuses the two fields for non-repeaters and max-repetitions.
    m.error_status = m.pdu == SnmpPdu::GetBulk ? 0 : status;
    return true;
}

bool parse_usm(core::Bytes params, int depth, SnmpMessage& m) {
    BerReader outer(params, depth), usm(core::Bytes{});
    core::Bytes engine, user;
    std::int64_t boots = 0, time = 0;
    if (!outer.enter(ber::kSequence, usm) || !usm.octets(engine) || !usm.integer(boots) || !usm.integer(time) ||
        !usm.octets(user))
        return false;
    m.user_name = text(user);
    return true;
}

bool parse_v3(BerReader& msg, SnmpMessage& m) {
    BerReader global(core::Bytes{});
    std::int64_t max_size = 0;
    core::Bytes flags, security;
    if (!msg.enter(ber::kSequence, global) || !global.integer(m.msg_id) || !global.integer(max_size) ||
        !global.octets(flags) || flags.size() != 1 || !global.integer(m.security_model))
        return false;
    m.msg_flags = flags[0];
    if (!msg.octets(security)) return false;
    if (m.security_model == kUsm && !parse_usm(security, msg.depth() + 1, m)) return false;
    auto data_tag = msg.peek_tag();
    if (data_tag == ber::kOctetString) {
        if (!m.priv()) return false;  // an encrypted PDU needs the priv flag
        core::Bytes encrypted;
        if (!msg.octets(encrypted)) return false;
        m.pdu = SnmpPdu::Encrypted;
        return true;
    }
    BerReader scoped(core::Bytes{});
    core::Bytes context_engine, context_name;
    return msg.enter(ber::kSequence, scoped) && scoped.octets(context_engine) && scoped.octets(context_name) &&
           parse_pdu(scoped, m);
}

bool is_answer(SnmpPdu p) { return p == SnmpPdu::Response || p == SnmpPdu::Report; }

// Requests an agent answers (a trap is never answered).
bool expects_answer(SnmpPdu p) {
    return p == SnmpPdu::Get || p == SnmpPdu::GetNext || p == SnmpPdu::Set || p == SnmpPdu::GetBulk ||
           p == SnmpPdu::Inform;
}

}  // namespace

std::optional<SnmpMessage> parse_snmp(core::Bytes datagram) {
    BerReader top(datagram), msg(core::Bytes{});
    SnmpMessage m;
    std::int64_t version = -1;
    if (!top.enter(ber::kSequence, msg) || !msg.integer(version)) return std::nullopt;
    if (version == kVersion1 || version == kVersion2c) {
        core::Bytes community;
        if (!msg.octets(community)) return std::nullopt;
        m.version = version == kVersion1 ? SnmpVersion::V1 : SnmpVersion::V2c;
        m.community = text(community);
        if (!parse_pdu(msg, m)) return std::nullopt;
        return m;
    }
    if (version == kVersion3) {
        m.version = SnmpVersion::V3;
        if (!parse_v3(msg, m)) return std::nullopt;
        return m;
    }
    return std::nullopt;
}

std::string_view snmp_version_name(SnmpVersion v) {
    switch (v) {
        case SnmpVersion::V1: return "v1";
        case SnmpVersion::V2c: return "v2c";
        case SnmpVersion::V3: return "v3";
    }
    return "v1";
}

std::string_view snmp_pdu_name(SnmpPdu p) {
    switch (p) {
        case SnmpPdu::Get: return "get";
        case SnmpPdu::GetNext: return "getnext";
        case SnmpPdu::Response: return "response";
        case SnmpPdu::Set: return "set";
        case SnmpPdu::Trap: return "trap";
        case SnmpPdu::GetBulk: return "getbulk";
        case SnmpPdu::Inform: return "inform";
        case SnmpPdu::TrapV2: return "trap-v2";
        case SnmpPdu::Report: return "report";
        case SnmpPdu::Encrypted: return "encrypted";
    }
    return "encrypted";
}

SnmpWatcher::Aggregate* SnmpWatcher::find_or_add(const SnmpMessage& m, int requester, double ts,
                                                 std::int64_t frame, std::size_t& index) {
    const bool v3 = m.version == SnmpVersion::V3;
    const std::string_view mechanism = v3 ? "v3-noauth" : snmp_version_name(m.version);
    for (std::size_t i = 0; i < aggregates_.size(); ++i) {
        const auto& e = aggregates_[i].use.event;
        if (aggregates_[i].requester == requester && e.mechanism == mechanism &&
            (v3 ? e.username == m.user_name : e.secret == m.community)) {
            index = i;
            return &aggregates_[i];
        }
    }
    if (aggregates_.size() >= core::limits::kMaxSnmpCredentialsPerFlow) {
        limit_hit_ = true;
        return nullptr;
    }
    Aggregate a;
    a.requester = requester;
    auto& e = a.use.event;
    e.protocol = "snmp";
    e.mechanism = std::string(mechanism);
    if (v3) {
        e.username = m.user_name;
        e.secret_kind = "none";  // noAuthNoPriv: nothing proves who sent it
    } else {
        e.secret_kind = "community";
        e.secret = m.community;
    }
    e.ts = ts;
    e.frame = frame;
    aggregates_.push_back(std::move(a));
    index = aggregates_.size() - 1;
    return &aggregates_.back();
}

void SnmpWatcher::on_datagram(int side, core::Bytes payload, double ts, std::int64_t frame) {
    ++messages_;
    auto m = parse_snmp(payload);
    if (!m) {
        ++malformed_;
        return;
    }
    // v3 with authentication proves the user by a keyed MAC: no secret to judge
    // here. An empty user name is engine discovery (RFC 3414 §4), not a login.
    if (m->version == SnmpVersion::V3 && (m->auth() || m->user_name.empty())) return;
    if (is_answer(m->pdu)) {
        on_answer(*m, side, ts, frame);
        return;
    }
    std::size_t index = 0;
    Aggregate* a = find_or_add(*m, side, ts, frame, index);
    if (!a) return;
    ++a->use.requests;
    if (m->pdu != SnmpPdu::Encrypted) a->pdus_sent |= static_cast<std::uint16_t>(1u << static_cast<unsigned>(m->pdu));
    const std::optional<std::int64_t> id = m->version == SnmpVersion::V3 ? std::optional(m->msg_id) : m->request_id;
    if (id && expects_answer(m->pdu)) {
        if (pending_.size() >= core::limits::kMaxSnmpPendingRequests) pending_.pop_front();
        pending_.push_back(Pending{*id, index, side});
    }
}

void SnmpWatcher::on_answer(const SnmpMessage& m, int side, double ts, std::int64_t frame) {
    const int requester = 1 - side;
    std::size_t index = 0;
    // The answer carries the community back: it is a use even if the request was not captured.
    Aggregate* a = find_or_add(m, requester, ts, frame, index);
    if (!a) return;
    ++a->use.responses;
    const std::optional<std::int64_t> id = m.version == SnmpVersion::V3 ? std::optional(m.msg_id) : m.request_id;
    if (!id) return;
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) {
        return p.id == *id && p.requester == requester && p.aggregate == index;
    });
    if (it == pending_.end()) return;
    pending_.erase(it);
    if (m.pdu == SnmpPdu::Report || m.error_status == kSnmpAuthorizationError)
        a->refused = true;
    else
        a->succeeded = true;
}

void SnmpWatcher::finish() {
    for (auto& a : aggregates_) {
        // One answered request proves the community works, whatever else was refused.
        a.use.event.outcome = a.succeeded ? Outcome::Success : a.refused ? Outcome::Failure : Outcome::Unknown;
        for (unsigned n = 0; n <= static_cast<unsigned>(SnmpPdu::Report); ++n)
            if (a.pdus_sent & (1u << n))
                a.use.pdus += (a.use.pdus.empty() ? "" : ",") + std::string(snmp_pdu_name(static_cast<SnmpPdu>(n)));
        ready_.push_back(std::move(a.use));
    }
    aggregates_.clear();
    pending_.clear();
}

std::vector<SnmpCredentialUse> SnmpWatcher::take_uses() { return std::exchange(ready_, {}); }

std::vector<CredentialEvent> SnmpWatcher::take_events() {
    std::vector<CredentialEvent> out;
    for (auto& u : take_uses()) out.push_back(std::move(u.event));
    return out;
}

}  // namespace vca::probes::creds
