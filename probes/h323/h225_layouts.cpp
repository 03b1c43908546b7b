// Field order of the H.225.0 messages decoded, from the H323-MESSAGES ASN.1
// module of ITU-T H.225.0 (v7, 12/2009): root components in order with their
// OPTIONAL flags, and the extension additions up to the last one read.
#include <array>

#include "probes/h323/h225_walker.hpp"

namespace vca::probes::h323::detail {
namespace {

using R = Role;
using T = Ty;
constexpr R N = R::None;

constexpr Field req(std::string_view name, Ty type, Role role = R::None) { return {name, type, false, role, 0}; }
constexpr Field opt(std::string_view name, Ty type, Role role = R::None) { return {name, type, true, role, 0}; }
constexpr Field nulls(std::string_view name, std::uint8_t alternatives, bool optional = false) {
    return {name, T::NullChoice, optional, R::None, alternatives};
}
constexpr Field pid = req("protocolIdentifier", T::Oid, R::ProtocolId);
constexpr Field seq = req("requestSeqNum", T::SeqNum, R::RequestSeqNum);
constexpr Field nsd = opt("nonStandardData", T::NonStandard);
constexpr Field gk_id = opt("gatekeeperIdentifier", T::BmpIdentifier);
constexpr Field tokens = opt("tokens", T::Opaque, R::Tokens);
constexpr Field crypto = opt("cryptoTokens", T::Opaque, R::CryptoTokens);
constexpr Field icv = opt("integrityCheckValue", T::Opaque);

// ---- H323-UserInformation and H323-UU-PDU

constexpr Field kUserInformation[] = {req("h323-uu-pdu", T::UuPdu), opt("user-data", T::Opaque)};
constexpr Field kUuPdu[] = {req("h323-message-body", T::MessageBody), nsd};
// h4501SupplementaryService, h245Tunnelling, h245Control, ...
constexpr Role kUuPduAdd[] = {N, R::H245Tunnelling, R::H245Control};

// ---- h323-message-body alternatives

constexpr Field kSetup[] = {
    pid,
    opt("h245Address", T::TransportAddress, R::H245Address),
    opt("sourceAddress", T::AliasList),
    req("sourceInfo", T::EndpointType),
    opt("destinationAddress", T::AliasList),
    opt("destCallSignalAddress", T::TransportAddress),
    opt("destExtraCallInfo", T::AliasList),
    opt("destExtraCRV", T::CallReferenceList),
    req("activeMC", T::Boolean),
    req("conferenceID", T::Guid, R::ConferenceId),
    nulls("conferenceGoal", 3),
    opt("callServices", T::Qseries),
    nulls("callType", 4),
};
// sourceCallSignalAddress, remoteExtensionAddress, callIdentifier,
// h245SecurityCapability, tokens, cryptoTokens, fastStart, ...
constexpr Role kSetupAdd[] = {N, N, R::CallIdentifier, N, R::Tokens, R::CryptoTokens, R::FastStart};

constexpr Field kCallProceeding[] = {
    pid,
    req("destinationInfo", T::EndpointType),
    opt("h245Address", T::TransportAddress, R::H245Address),
};
// callIdentifier, h245SecurityMode, tokens, cryptoTokens, fastStart, ...
// (Alerting-UUIE and Connect-UUIE have the same first additions.)
constexpr Role kProceedingAdd[] = {R::CallIdentifier, N, R::Tokens, R::CryptoTokens, R::FastStart};

constexpr Field kConnect[] = {
    pid,
    opt("h245Address", T::TransportAddress, R::H245Address),
    req("destinationInfo", T::EndpointType),
    req("conferenceID", T::Guid, R::ConferenceId),
};

constexpr Field kAlerting[] = {
    pid,
    req("destinationInfo", T::EndpointType),
    opt("h245Address", T::TransportAddress, R::H245Address),
};

constexpr Field kInformation[] = {pid};
// callIdentifier, tokens, cryptoTokens, fastStart, ...
constexpr Role kInformationAdd[] = {R::CallIdentifier, R::Tokens, R::CryptoTokens, R::FastStart};

constexpr Field kReleaseComplete[] = {pid, nulls("reason", 12, true)};
// callIdentifier, tokens, cryptoTokens, ...
constexpr Role kReleaseCompleteAdd[] = {R::CallIdentifier, R::Tokens, R::CryptoTokens};

constexpr Field kFacility[] = {
    pid,
    opt("alternativeAddress", T::TransportAddress),
    opt("alternativeAliasAddress", T::AliasList),
    opt("conferenceID", T::Guid, R::ConferenceId),
    nulls("reason", 4),
};
// callIdentifier, destExtraCallInfo, remoteExtensionAddress, tokens,
// cryptoTokens, conferences, h245Address, fastStart, ...
constexpr Role kFacilityAdd[] = {R::CallIdentifier, N, N, R::Tokens, R::CryptoTokens, N, R::H245Address, R::FastStart};

constexpr Field kProgress[] = {
    pid,
    req("destinationInfo", T::EndpointType),
    opt("h245Address", T::TransportAddress, R::H245Address),
    req("callIdentifier", T::CallIdentifier, R::CallIdentifier),
    opt("h245SecurityMode", T::H245Security),
    tokens,
    crypto,
    opt("fastStart", T::Opaque, R::FastStart),
};

// Status-UUIE, StatusInquiry-UUIE, SetupAcknowledge-UUIE, Notify-UUIE.
constexpr Field kCallIdAndTokens[] = {
    pid,
    req("callIdentifier", T::CallIdentifier, R::CallIdentifier),
    tokens,
    crypto,
};

constexpr std::array<Layout, 13> kUuBodies = {{
    {"Setup-UUIE", true, kSetup, kSetupAdd},
    {"CallProceeding-UUIE", true, kCallProceeding, kProceedingAdd},
    {"Connect-UUIE", true, kConnect, kProceedingAdd},
    {"Alerting-UUIE", true, kAlerting, kProceedingAdd},
    {"Information-UUIE", true, kInformation, kInformationAdd},
    {"ReleaseComplete-UUIE", true, kReleaseComplete, kReleaseCompleteAdd},
    {"Facility-UUIE", true, kFacility, kFacilityAdd},
    {"Progress-UUIE", true, kProgress, {}},
    {"empty", false, {}, {}},
    {"Status-UUIE", true, kCallIdAndTokens, {}},
    {"StatusInquiry-UUIE", true, kCallIdAndTokens, {}},
    {"SetupAcknowledge-UUIE", true, kCallIdAndTokens, {}},
    {"Notify-UUIE", true, kCallIdAndTokens, {}},
}};

// ---- RasMessage alternatives

constexpr Field kGrq[] = {
    seq, pid, nsd,
    req("rasAddress", T::TransportAddress),
    req("endpointType", T::EndpointType),
    gk_id,
    opt("callServices", T::Qseries),
    opt("endpointAlias", T::AliasList),
};
constexpr Role kTokensAt1[] = {N, R::Tokens, R::CryptoTokens};
constexpr Role kTokensAt2[] = {N, N, R::Tokens, R::CryptoTokens};
constexpr Role kTokensAt0[] = {R::Tokens, R::CryptoTokens};

constexpr Field kGcf[] = {seq, pid, nsd, gk_id, req("rasAddress", T::TransportAddress)};
constexpr Field kGrj[] = {seq, pid, nsd, gk_id, nulls("rejectReason", 4)};

constexpr Field kRrq[] = {
    seq, pid, nsd,
    req("discoveryComplete", T::Boolean),
    req("callSignalAddress", T::TransportAddressList),
    req("rasAddress", T::TransportAddressList),
    req("terminalType", T::EndpointType),
    opt("terminalAlias", T::AliasList),
    gk_id,
    req("endpointVendor", T::VendorIdentifier),
};
constexpr Field kRcf[] = {
    seq, pid, nsd,
    req("callSignalAddress", T::TransportAddressList),
    opt("terminalAlias", T::AliasList),
    gk_id,
    req("endpointIdentifier", T::BmpIdentifier),
};
constexpr Field kRrj[] = {seq, pid, nsd, req("rejectReason", T::RrjReason), gk_id};

constexpr Field kUrq[] = {
    seq,
    req("callSignalAddress", T::TransportAddressList),
    opt("endpointAlias", T::AliasList),
    nsd,
    opt("endpointIdentifier", T::BmpIdentifier),
};
constexpr Field kUcf[] = {seq, nsd};
constexpr Field kUrj[] = {seq, nulls("rejectReason", 3), nsd};

constexpr Field kArq[] = {
    seq,
    nulls("callType", 4),
    nulls("callModel", 2, true),
    req("endpointIdentifier", T::BmpIdentifier),
    opt("destinationInfo", T::AliasList),
    opt("destCallSignalAddress", T::TransportAddress),
    opt("destExtraCallInfo", T::AliasList),
    req("srcInfo", T::AliasList),
    opt("srcCallSignalAddress", T::TransportAddress),
    req("bandWidth", T::Uint32),
    req("callReferenceValue", T::Uint16),
    nsd,
    opt("callServices", T::Qseries),
    req("conferenceID", T::Guid, R::ConferenceId),
    req("activeMC", T::Boolean),
    req("answerCall", T::Boolean),
};
// canMapAlias, callIdentifier, srcAlternatives, destAlternatives,
// gatekeeperIdentifier, tokens, cryptoTokens, ...
constexpr Role kArqAdd[] = {N, R::CallIdentifier, N, N, N, R::Tokens, R::CryptoTokens};

constexpr Field kAcf[] = {
    seq,
    req("bandWidth", T::Uint32),
    nulls("callModel", 2),
    req("destCallSignalAddress", T::TransportAddress),
    opt("irrFrequency", T::SeqNum),
    nsd,
};
// destinationInfo, destExtraCallInfo, destinationType, remoteExtensionAddress,
// alternateEndpoints, tokens, cryptoTokens, ...
constexpr Role kTokensAt5[] = {N, N, N, N, N, R::Tokens, R::CryptoTokens};
constexpr Field kArj[] = {seq, nulls("rejectReason", 8), nsd};

constexpr Field kBrq[] = {
    seq,
    req("endpointIdentifier", T::BmpIdentifier),
    req("conferenceID", T::Guid, R::ConferenceId),
    req("callReferenceValue", T::Uint16),
    nulls("callType", 4, true),
    req("bandWidth", T::Uint32),
    nsd,
};
// callIdentifier, gatekeeperIdentifier, tokens, cryptoTokens, ... (BRQ and DRQ)
constexpr Role kCallIdTokensAt2[] = {R::CallIdentifier, N, R::Tokens, R::CryptoTokens};
constexpr Field kBcf[] = {seq, req("bandWidth", T::Uint32), nsd};
constexpr Field kBrj[] = {seq, nulls("rejectReason", 6), req("allowedBandWidth", T::Uint32), nsd};

constexpr Field kDrq[] = {
    seq,
    req("endpointIdentifier", T::BmpIdentifier),
    req("conferenceID", T::Guid, R::ConferenceId),
    req("callReferenceValue", T::Uint16),
    nulls("disengageReason", 3),
    nsd,
};
constexpr Field kDcf[] = {seq, nsd};
constexpr Field kDrj[] = {seq, nulls("rejectReason", 2), nsd};

constexpr Field kLrq[] = {
    seq,
    opt("endpointIdentifier", T::BmpIdentifier),
    req("destinationInfo", T::AliasList),
    nsd,
    req("replyAddress", T::TransportAddress),
};
// sourceInfo, canMapAlias, gatekeeperIdentifier, tokens, cryptoTokens, ...
constexpr Role kTokensAt3[] = {N, N, N, R::Tokens, R::CryptoTokens};
constexpr Field kLcf[] = {
    seq,
    req("callSignalAddress", T::TransportAddress),
    req("rasAddress", T::TransportAddress),
    nsd,
};
constexpr Field kLrj[] = {seq, nulls("rejectReason", 4), nsd};

constexpr Field kIrq[] = {
    seq,
    req("callReferenceValue", T::Uint16),
    nsd,
    opt("replyAddress", T::TransportAddress),
};
// callIdentifier, tokens, cryptoTokens, ...
constexpr Role kIrqAdd[] = {R::CallIdentifier, R::Tokens, R::CryptoTokens};

constexpr Field kIrr[] = {
    nsd, seq,
    req("endpointType", T::EndpointType),
    req("endpointIdentifier", T::BmpIdentifier),
    req("rasAddress", T::TransportAddress),
    req("callSignalAddress", T::TransportAddressList),
    opt("endpointAlias", T::AliasList),
    opt("perCallInfo", T::Opaque),
};
constexpr Field kNonStandardMessage[] = {seq, req("nonStandardData", T::NonStandard)};
constexpr Field kXrs[] = {seq};

// Extension alternatives of RasMessage: their tokens are root OPTIONALs.
constexpr Field kRip[] = {seq, nsd, tokens, crypto, icv, req("delay", T::SeqNum)};
constexpr Field kRai[] = {
    seq, pid, nsd,
    req("endpointIdentifier", T::BmpIdentifier),
    req("protocols", T::SupportedProtocolsList),
    req("almostOutOfResources", T::Boolean),
    tokens, crypto, icv,
};
constexpr Field kRac[] = {seq, pid, nsd, tokens, crypto, icv};
constexpr Field kIack[] = {seq, nsd, tokens, crypto, icv};
constexpr Field kInak[] = {seq, nsd, nulls("nakReason", 3), opt("altGKInfo", T::Opaque), tokens, crypto, icv};
constexpr Field kSci[] = {
    seq, nsd,
    req("serviceControl", T::Opaque),
    opt("endpointIdentifier", T::BmpIdentifier),
    opt("callSpecific", T::Opaque),
    tokens, crypto, icv,
    opt("featureSet", T::Opaque),
    opt("genericData", T::Opaque),
};
constexpr Field kScr[] = {
    seq,
    nulls("result", 5, true),
    nsd, tokens, crypto, icv,
    opt("featureSet", T::Opaque),
    opt("genericData", T::Opaque),
};
constexpr Field kAcfSequence[] = {req("admissionConfirmSequence", T::Opaque)};

constexpr std::array<Layout, 33> kRas = {{
    {"GatekeeperRequest", true, kGrq, kTokensAt1},
    {"GatekeeperConfirm", true, kGcf, kTokensAt2},
    {"GatekeeperReject", true, kGrj, kTokensAt1},
    {"RegistrationRequest", true, kRrq, kTokensAt2},
    {"RegistrationConfirm", true, kRcf, kTokensAt2},
    {"RegistrationReject", true, kRrj, kTokensAt1},
    {"UnregistrationRequest", true, kUrq, kTokensAt2},
    {"UnregistrationConfirm", true, kUcf, kTokensAt0},
    {"UnregistrationReject", true, kUrj, kTokensAt1},
    {"AdmissionRequest", true, kArq, kArqAdd},
    {"AdmissionConfirm", true, kAcf, kTokensAt5},
    {"AdmissionReject", true, kArj, kTokensAt1},
    {"BandwidthRequest", true, kBrq, kCallIdTokensAt2},
    {"BandwidthConfirm", true, kBcf, kTokensAt0},
    {"BandwidthReject", true, kBrj, kTokensAt1},
    {"DisengageRequest", true, kDrq, kCallIdTokensAt2},
    {"DisengageConfirm", true, kDcf, kTokensAt0},
    {"DisengageReject", true, kDrj, kTokensAt1},
    {"LocationRequest", true, kLrq, kTokensAt3},
    {"LocationConfirm", true, kLcf, kTokensAt5},
    {"LocationReject", true, kLrj, kTokensAt1},
    {"InfoRequest", true, kIrq, kIrqAdd},
    {"InfoRequestResponse", true, kIrr, kTokensAt0},
    {"NonStandardMessage", true, kNonStandardMessage, kTokensAt0},
    {"UnknownMessageResponse", true, kXrs, kTokensAt0},
    {"RequestInProgress", true, kRip, {}},
    {"ResourcesAvailableIndicate", true, kRai, {}},
    {"ResourcesAvailableConfirm", true, kRac, {}},
    {"InfoRequestAck", true, kIack, {}},
    {"InfoRequestNak", true, kInak, {}},
    {"ServiceControlIndication", true, kSci, {}},
    {"ServiceControlResponse", true, kScr, {}},
    // SEQUENCE OF AdmissionConfirm: not a SEQUENCE; its one "field" stops the walk.
    {"admissionConfirmSequence", false, kAcfSequence, {}},
}};

constexpr Layout kUserInformationLayout{"H323-UserInformation", true, kUserInformation, {}};
constexpr Layout kUuPduLayout{"H323-UU-PDU", true, kUuPdu, kUuPduAdd};

}  // namespace

std::span<const Layout> uu_body_layouts() { return kUuBodies; }
std::span<const Layout> ras_layouts() { return kRas; }
const Layout& user_information_layout() { return kUserInformationLayout; }
const Layout& uu_pdu_layout() { return kUuPduLayout; }

}  // namespace vca::probes::h323::detail
