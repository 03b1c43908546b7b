#include "probes/h323/h245_names.hpp"

namespace vca::probes::h323::detail {
namespace {

constexpr std::string_view kKinds[] = {"request", "response", "command", "indication"};

constexpr std::string_view kRequests[] = {
    "nonStandard", "masterSlaveDetermination", "terminalCapabilitySet", "openLogicalChannel",
    "closeLogicalChannel", "requestChannelClose", "multiplexEntrySend", "requestMultiplexEntry", "requestMode",
    "roundTripDelayRequest", "maintenanceLoopRequest",
    // extension additions
    "communicationModeRequest", "conferenceRequest", "multilinkRequest", "logicalChannelRateRequest",
    "genericRequest"};

constexpr std::string_view kResponses[] = {
    "nonStandard", "masterSlaveDeterminationAck", "masterSlaveDeterminationReject", "terminalCapabilitySetAck",
    "terminalCapabilitySetReject", "openLogicalChannelAck", "openLogicalChannelReject", "closeLogicalChannelAck",
    "requestChannelCloseAck", "requestChannelCloseReject", "multiplexEntrySendAck", "multiplexEntrySendReject",
    "requestMultiplexEntryAck", "requestMultiplexEntryReject", "requestModeAck", "requestModeReject",
    "roundTripDelayResponse", "maintenanceLoopAck", "maintenanceLoopReject",
    // extension additions
    "communicationModeResponse", "conferenceResponse", "multilinkResponse", "logicalChannelRateAcknowledge",
    "logicalChannelRateReject", "genericResponse"};

constexpr std::string_view kCommands[] = {
    "nonStandard", "maintenanceLoopOffCommand", "sendTerminalCapabilitySet", "encryptionCommand",
    "flowControlCommand", "endSessionCommand", "miscellaneousCommand",
    // extension additions
    "communicationModeCommand", "conferenceCommand", "h223MultiplexReconfiguration", "newATMVCCommand",
    "mobileMultilinkReconfigurationCommand", "genericCommand"};

constexpr std::string_view kIndications[] = {
    "nonStandard", "functionNotUnderstood", "masterSlaveDeterminationRelease", "terminalCapabilitySetRelease",
    "openLogicalChannelConfirm", "requestChannelCloseRelease", "multiplexEntrySendRelease",
    "requestMultiplexEntryRelease", "requestModeRelease", "miscellaneousIndication", "jitterIndication",
    "h223SkewIndication", "newATMVCIndication", "userInput",
    // extension additions
    "h2250MaximumSkewIndication", "mcLocationIndication", "conferenceIndication", "vendorIdentification",
    "functionNotSupported", "multilinkIndication", "logicalChannelRateRelease", "flowControlIndication",
    "mobileMultilinkReconfigurationIndication", "genericIndication"};

constexpr std::string_view kDataTypes[] = {
    "nonStandard", "nullData", "videoData", "audioData", "data", "encryptionData",
    // extension additions
    "h235Control", "h235Media", "multiplexedStream", "redundancyEncoding", "multiplePayloadStream", "depFec", "fec"};

constexpr std::string_view kAudio[] = {
    "nonStandard", "g711Alaw64k", "g711Alaw56k", "g711Ulaw64k", "g711Ulaw56k", "g722-64k", "g722-56k", "g722-48k",
    "g7231", "g728", "g729", "g729AnnexA", "is11172AudioCapability", "is13818AudioCapability",
    // extension additions
    "g729wAnnexB", "g729AnnexAwAnnexB", "g7231AnnexCCapability", "gsmFullRate", "gsmHalfRate",
    "gsmEnhancedFullRate", "genericAudioCapability", "g729Extensions", "vbd", "audioTelephonyEvent", "audioTone"};

constexpr std::string_view kVideo[] = {
    "nonStandard", "h261VideoCapability", "h262VideoCapability", "h263VideoCapability", "is11172VideoCapability",
    // extension additions
    "genericVideoCapability", "extendedVideoCapability"};

constexpr std::string_view kH235MediaTypes[] = {
    "nonStandard", "videoData", "audioData", "data",
    // extension additions
    "redundancyEncoding", "multiplePayloadStream", "depFec", "fec"};

}  // namespace

const H245Choice& h245_message_kinds() {
    static const H245Choice c{kKinds, 4};
    return c;
}
const H245Choice& h245_requests() {
    static const H245Choice c{kRequests, 11};
    return c;
}
const H245Choice& h245_responses() {
    static const H245Choice c{kResponses, 19};
    return c;
}
const H245Choice& h245_commands() {
    static const H245Choice c{kCommands, 7};
    return c;
}
const H245Choice& h245_indications() {
    static const H245Choice c{kIndications, 14};
    return c;
}
const H245Choice& h245_data_types() {
    static const H245Choice c{kDataTypes, 6};
    return c;
}
const H245Choice& h245_audio_capabilities() {
    static const H245Choice c{kAudio, 14};
    return c;
}
const H245Choice& h245_video_capabilities() {
    static const H245Choice c{kVideo, 5};
    return c;
}
const H245Choice& h235_media_types() {
    static const H245Choice c{kH235MediaTypes, 4};
    return c;
}

std::string_view h245_name(const H245Choice& choice, std::size_t index) {
    return index < choice.names.size() ? choice.names[index] : "unknown";
}

}  // namespace vca::probes::h323::detail
