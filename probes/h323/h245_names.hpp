// ASN.1 identifiers of the H.245 CHOICE alternatives vcaudit names (ITU-T
// H.245 v13), root alternatives first, then the extension additions in
// order. Internal to the H.245 decoder.
#pragma once

#include <span>
#include <string_view>

namespace vca::probes::h323::detail {

struct H245Choice {
    std::span<const std::string_view> names;  // roots, then extension additions
    std::size_t roots;                        // alternatives before the extension marker
};

const H245Choice& h245_message_kinds();   // MultimediaSystemControlMessage
const H245Choice& h245_requests();        // RequestMessage
const H245Choice& h245_responses();       // ResponseMessage
const H245Choice& h245_commands();        // CommandMessage
const H245Choice& h245_indications();     // IndicationMessage
const H245Choice& h245_data_types();      // DataType
const H245Choice& h245_audio_capabilities();  // AudioCapability
const H245Choice& h245_video_capabilities();  // VideoCapability
const H245Choice& h235_media_types();     // H235Media.mediaType

// The name of alternative `index`, or "unknown" past the known ones.
std::string_view h245_name(const H245Choice& choice, std::size_t index);

}  // namespace vca::probes::h323::detail
