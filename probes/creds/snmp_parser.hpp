// SNMP (UDP 161/162): the message header of v1 (RFC 1157), v2c (RFC 1901,
// RFC 3416) and v3 (RFC 3412 §6, USM RFC 3414 §2.4) — enough to see which
// community or user was sent and whether the agent answered. Variable
// bindings are not read. SnmpWatcher turns the messages of one UDP flow into
// one CredentialEvent per (community or user, requesting side), never one per
// packet.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "probes/creds/credential_event.hpp"

namespace vca::probes::creds {

enum class SnmpVersion { V1, V2c, V3 };

// PDU choices, numbered as their context tags [0]..[8] (RFC 3416 §3, RFC 1157 §4.1).
enum class SnmpPdu : std::uint8_t {
    Get = 0, GetNext = 1, Response = 2, Set = 3, Trap = 4, GetBulk = 5, Inform = 6, TrapV2 = 7, Report = 8,
    Encrypted = 0xff,  // v3 authPriv: the scoped PDU is not readable
};

// error-status authorizationError (RFC 3416 §3): the community or user may not do this.
inline constexpr std::int64_t kSnmpAuthorizationError = 16;

struct SnmpMessage {
    SnmpVersion version = SnmpVersion::V1;
    std::string community;  // v1/v2c: a secret in clear, handed only to the SecretGuard
    SnmpPdu pdu = SnmpPdu::Get;
    std::optional<std::int64_t> request_id;  // none for a v1 Trap or an encrypted PDU
    std::int64_t error_status = 0;
    // v3 only.
    std::int64_t msg_id = 0;
    std::uint8_t msg_flags = 0;        // bit 0 auth, bit 1 priv, bit 2 reportable
    std::int64_t security_model = 0;   // 3 = USM
    std::string user_name;             // msgUserName (USM), "" in discovery

    [[nodiscard]] bool auth() const { return (msg_flags & 0x01) != 0; }
    [[nodiscard]] bool priv() const { return (msg_flags & 0x02) != 0; }
};

// nullopt when the datagram is not an SNMP message of these versions.
std::optional<SnmpMessage> parse_snmp(core::Bytes datagram);

std::string_view snmp_version_name(SnmpVersion v);  // "v1", "v2c", "v3"
// get, getnext, response, set, trap, getbulk, inform, trap-v2, report, encrypted
std::string_view snmp_pdu_name(SnmpPdu p);

// A CredentialEvent with how often it was seen (CredentialEvent has no count).
struct SnmpCredentialUse {
    CredentialEvent event;       // ts/frame: the first message carrying it
    std::string pdus;            // PDU types the requesting side sent, e.g. "get,set" (write access matters)
    std::int64_t requests = 0;   // messages the requesting side sent with it
    std::int64_t responses = 0;  // answers carrying it back
};

// SNMP on one UDP flow. Side 0/1 are the two ends; the requesting side is the
// one that sends a request, trap or inform with the community.
class SnmpWatcher {
public:
    void on_datagram(int side, core::Bytes payload, double ts, std::int64_t frame);
    // No more datagrams: aggregates become events (outcome unknown when no answer matched).
    void finish();
    std::vector<CredentialEvent> take_events();
    std::vector<SnmpCredentialUse> take_uses();  // the same events, with their counts

    [[nodiscard]] std::int64_t messages() const { return messages_; }
    [[nodiscard]] std::int64_t malformed() const { return malformed_; }
    // More than limits::kMaxSnmpCredentialsPerFlow distinct credentials: the rest are not recorded.
    [[nodiscard]] bool limit_hit() const { return limit_hit_; }

private:
    struct Aggregate {
        SnmpCredentialUse use;
        int requester = 0;
        std::uint16_t pdus_sent = 0;  // bit n: SnmpPdu n
        bool succeeded = false, refused = false;
    };
    struct Pending {
        std::int64_t id = 0;  // request-id (v1/v2c) or msgID (v3)
        std::size_t aggregate = 0;
        int requester = 0;
    };
    Aggregate* find_or_add(const SnmpMessage& m, int requester, double ts, std::int64_t frame, std::size_t& index);
    void on_answer(const SnmpMessage& m, int side, double ts, std::int64_t frame);

    std::vector<Aggregate> aggregates_;
    std::deque<Pending> pending_;
    std::vector<SnmpCredentialUse> ready_;
    std::int64_t messages_ = 0, malformed_ = 0;
    bool limit_hit_ = false;
};

}  // namespace vca::probes::creds
