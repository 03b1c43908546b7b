// H.225.0 PDUs in aligned PER (X.691): the call-signalling H323-UserInformation
// carried in the Q.931 User-user element, and RAS messages on UDP 1719.
// Only what an audit needs is read: which message, the protocol version,
// whether H.235 tokens/cryptoTokens are present, fastStart (and its elements),
// H.245 address, tunnelling and tunnelled H.245 messages, call and conference identifiers. Everything else is skipped by
// its structure. Fields that could not be reached stay nullopt ("unknown",
// never guessed) and `undecoded` says where and why decoding stopped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::h323 {

struct H225Fields {
    std::optional<int> message;             // h323-message-body or RasMessage CHOICE index
    std::optional<std::string> protocol_id; // protocolIdentifier, dotted ("0.0.8.2250.0.4")
    std::optional<int> version;             // its last arc when it is 0.0.8.2250.0.<v>
    std::optional<int> request_seq_num;     // RAS only
    std::optional<bool> tokens, crypto_tokens;  // H.235 ClearToken / CryptoH323Token lists present
    std::optional<bool> fast_start;
    std::optional<bool> has_h245_address;
    std::optional<std::string> h245_address;  // "ip:port" or "[ip6]:port" when an IP transport address
    std::optional<bool> h245_tunnelling;      // H323-UU-PDU.h245Tunnelling (false when the sender predates it)
    // fastStart elements (each an H.245 OpenLogicalChannel) and tunnelled
    // H.245 messages (H323-UU-PDU.h245Control), as views into the decoded PDU.
    std::vector<core::Bytes> fast_start_elements;
    std::vector<core::Bytes> h245_control;
    std::optional<std::string> call_id;       // callIdentifier GUID, 32 lowercase hex digits
    std::optional<std::string> conference_id; // conferenceID GUID, 32 lowercase hex digits
    std::string undecoded;                    // empty when everything asked for was read
};

// Decodes H323-UserInformation (the User-user contents after its protocol discriminator).
H225Fields decode_h323_user_information(core::Bytes per);

// Decodes a RasMessage (one UDP datagram).
H225Fields decode_ras_message(core::Bytes per);

// h323-message-body alternative of a Setup-UUIE.
inline constexpr int kSetupBody = 0;

// ASN.1 identifiers of the CHOICE alternatives ("setup", "gatekeeperRequest"),
// or "unknown" beyond the ones H.225.0 v7 defines.
std::string_view h323_body_name(int index);
std::string_view ras_message_name(int index);

}  // namespace vca::probes::h323
