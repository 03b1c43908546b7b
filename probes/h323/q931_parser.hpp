// Q.931 (ITU-T Q.931 §4) as H.225.0 uses it for call signalling: protocol
// discriminator, call reference, message type and the information elements
// an audit reads (Cause, Display, Calling/Called party number, User-user with
// the H.225.0 PDU). Pure: bytes in, struct out; views point into the input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::h323 {

inline constexpr std::uint8_t kQ931ProtocolDiscriminator = 0x08;  // Q.931 §4.2

// Message types (Q.931 §4.4, Table 4-2) that H.225.0 uses.
namespace q931_type {
inline constexpr std::uint8_t kAlerting = 0x01, kCallProceeding = 0x02, kProgress = 0x03, kSetup = 0x05,
                              kConnect = 0x07, kSetupAcknowledge = 0x0d, kConnectAcknowledge = 0x0f,
                              kUserInformation = 0x20, kDisconnect = 0x45, kRelease = 0x4d,
                              kReleaseComplete = 0x5a, kFacility = 0x62, kNotify = 0x6e, kStatusEnquiry = 0x75,
                              kInformation = 0x7b, kStatus = 0x7d;
}

// Information element identifiers (Q.931 §4.5, Table 4-3), codeset 0.
namespace q931_ie {
inline constexpr std::uint8_t kBearerCapability = 0x04, kCause = 0x08, kDisplay = 0x28,
                              kCallingPartyNumber = 0x6c, kCalledPartyNumber = 0x70, kUserUser = 0x7e;
}

// User-user protocol discriminator "X.208/X.209 coded user information",
// the one H.225.0 uses for its PER-encoded PDU.
inline constexpr std::uint8_t kUserUserX208 = 0x05;

struct Q931Message {
    std::uint8_t message_type = 0;
    bool national_type = false;             // message type escaped (0x00) to a national one
    std::size_t call_reference_length = 0;  // octets; 0 is the dummy call reference
    std::uint32_t call_reference = 0;       // value without the flag bit
    bool call_reference_flag = false;       // Q.931 §4.3: true when sent to the side that allocated it
    std::optional<int> cause;               // Q.850 cause value of the Cause IE
    std::optional<std::string> display, calling_number, called_number;
    std::optional<std::uint8_t> user_user_protocol;
    std::optional<core::Bytes> user_user;  // the User-user contents after its protocol discriminator
    std::size_t information_elements = 0;
    std::string_view ie_problem;           // why the IEs were not all read (empty: all were)
};

struct Q931Result {
    core::ParseStatus status = core::ParseStatus::Invalid;
    std::string_view error;  // why Invalid
};

// Parses one whole Q.931 message (a TPKT payload). Invalid when the header is
// not Q.931; a damaged information element ends the IE list (ie_problem) but
// the message stays Ok with what was read before it.
Q931Result parse_q931(core::Bytes b, Q931Message& out);

// "setup", "call_proceeding", ... or "unknown" (stable snake_case names).
std::string_view q931_message_name(std::uint8_t type);

}  // namespace vca::probes::h323
