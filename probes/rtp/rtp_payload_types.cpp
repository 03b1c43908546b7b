#include "probes/rtp/rtp_payload_types.hpp"

#include <array>

namespace vca::probes::rtp {
namespace {

struct Entry {
    std::uint8_t pt;
    StaticPayloadType type;
};

// RFC 3551 Tables 4 and 5 (types 1, 2 and 19 are reserved; the gaps unassigned).
constexpr std::array kStatic{
    Entry{0, {"PCMU", 8000, true}},    Entry{3, {"GSM", 8000, false}},    Entry{4, {"G723", 8000, false}},
    Entry{5, {"DVI4", 8000, false}},   Entry{6, {"DVI4", 16000, false}},  Entry{7, {"LPC", 8000, false}},
    Entry{8, {"PCMA", 8000, true}},    Entry{9, {"G722", 8000, true}},    Entry{10, {"L16", 44100, false}},
    Entry{11, {"L16", 44100, false}},  Entry{12, {"QCELP", 8000, false}}, Entry{13, {"CN", 8000, false}},
    Entry{14, {"MPA", 90000, false}},  Entry{15, {"G728", 8000, false}},  Entry{16, {"DVI4", 11025, false}},
    Entry{17, {"DVI4", 22050, false}}, Entry{18, {"G729", 8000, false}},  Entry{25, {"CelB", 90000, false}},
    Entry{26, {"JPEG", 90000, false}}, Entry{28, {"nv", 90000, false}},   Entry{31, {"H261", 90000, false}},
    Entry{32, {"MPV", 90000, false}},  Entry{33, {"MP2T", 90000, false}}, Entry{34, {"H263", 90000, false}},
};

// Indexed by payload type: looked up for every packet.
constexpr auto kByType = [] {
    std::array<std::optional<StaticPayloadType>, 128> table{};
    for (const Entry& e : kStatic) table[e.pt] = e.type;
    return table;
}();

}  // namespace

std::optional<StaticPayloadType> static_payload_type(std::uint8_t payload_type) {
    if (payload_type >= kByType.size()) return std::nullopt;
    return kByType[payload_type];
}

}  // namespace vca::probes::rtp
