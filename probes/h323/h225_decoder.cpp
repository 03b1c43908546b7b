#include "probes/h323/h225_decoder.hpp"

#include <array>

#include "probes/h323/h225_walker.hpp"

namespace vca::probes::h323 {
namespace {

constexpr std::array<std::string_view, 13> kBodyNames = {
    "setup",       "callProceeding", "connect", "alerting",      "information",      "releaseComplete", "facility",
    "progress",    "empty",          "status",  "statusInquiry", "setupAcknowledge", "notify",
};

constexpr std::array<std::string_view, 33> kRasNames = {
    "gatekeeperRequest",      "gatekeeperConfirm",       "gatekeeperReject",
    "registrationRequest",    "registrationConfirm",     "registrationReject",
    "unregistrationRequest",  "unregistrationConfirm",   "unregistrationReject",
    "admissionRequest",       "admissionConfirm",        "admissionReject",
    "bandwidthRequest",       "bandwidthConfirm",        "bandwidthReject",
    "disengageRequest",       "disengageConfirm",        "disengageReject",
    "locationRequest",        "locationConfirm",         "locationReject",
    "infoRequest",            "infoRequestResponse",     "nonStandardMessage",
    "unknownMessageResponse", "requestInProgress",       "resourcesAvailableIndicate",
    "resourcesAvailableConfirm", "infoRequestAck",       "infoRequestNak",
    "serviceControlIndication", "serviceControlResponse", "admissionConfirmSequence",
};

}  // namespace

H225Fields decode_h323_user_information(core::Bytes per) {
    H225Fields out;
    PerReader reader(per);
    detail::Walker walker(reader, out);
    (void)walker.sequence(detail::user_information_layout(), false);  // failures are noted in out.undecoded
    return out;
}

H225Fields decode_ras_message(core::Bytes per) {
    H225Fields out;
    PerReader reader(per);
    detail::Walker walker(reader, out);
    std::size_t index = 0;
    core::Bytes contents;
    if (!walker.choice(detail::kRasRootAlternatives, index, &contents)) {
        out.undecoded = "RasMessage: the data ends before the message alternative";
        return out;
    }
    out.message = static_cast<int>(index);
    const auto layouts = detail::ras_layouts();
    if (index >= layouts.size()) {
        out.undecoded = "RasMessage alternative " + std::to_string(index) + ": newer than H.225.0 v7";
        return out;
    }
    if (index == layouts.size() - 1) {
        out.undecoded = "admissionConfirmSequence: a list of AdmissionConfirm vcaudit does not decode";
        return out;
    }
    if (index < detail::kRasRootAlternatives) {
        (void)walker.sequence(layouts[index], false);
        return out;
    }
    PerReader sub(contents);  // an extension alternative is an open type
    detail::Walker inner(sub, out);
    (void)inner.sequence(layouts[index], false);
    return out;
}

std::string_view h323_body_name(int index) {
    return index >= 0 && static_cast<std::size_t>(index) < kBodyNames.size() ? kBodyNames[index] : "unknown";
}

std::string_view ras_message_name(int index) {
    return index >= 0 && static_cast<std::size_t>(index) < kRasNames.size() ? kRasNames[index] : "unknown";
}

}  // namespace vca::probes::h323
