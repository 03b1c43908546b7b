#include "probes/h323/q931_parser.hpp"

#include "auditor/core/limits.hpp"

namespace vca::probes::h323 {
namespace {

// IA5 text of an IE as a fact: trailing NULs (some endpoints terminate the
// Display text) dropped, anything not printable shown as '?'.
std::string printable(core::Bytes b) {
    while (!b.empty() && b.back() == 0) b = b.first(b.size() - 1);
    std::string s;
    s.reserve(b.size());
    for (std::uint8_t c : b) s.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
    return s;
}

// Party numbers (Q.931 §4.5.8, §4.5.10): octet 3 (type/plan), octet 3a
// (presentation/screening) when octet 3's extension bit is 0, then digits.
std::optional<std::string> party_number(core::Bytes b) {
    if (b.empty()) return std::nullopt;
    std::size_t skip = (b[0] & 0x80) ? 1 : 2;
    if (b.size() < skip) return std::nullopt;
    return printable(b.subspan(skip));
}

// Cause (Q.931 §4.5.12): octet 3 (coding, location), octet 3a when octet 3's
// extension bit is 0, then octet 4 holding the cause value in 7 bits.
std::optional<int> cause_value(core::Bytes b) {
    if (b.empty()) return std::nullopt;
    std::size_t at = (b[0] & 0x80) ? 1 : 2;
    if (b.size() <= at) return std::nullopt;
    return b[at] & 0x7f;
}

void take_element(std::uint8_t id, core::Bytes v, Q931Message& out) {
    switch (id) {
        case q931_ie::kCause:
            if (!out.cause) out.cause = cause_value(v);
            break;
        case q931_ie::kDisplay:
            // Later Q.931 editions allow a display-type octet with bit 8 set first.
            if (!out.display) out.display = printable(!v.empty() && (v[0] & 0x80) ? v.subspan(1) : v);
            break;
        case q931_ie::kCallingPartyNumber:
            if (!out.calling_number) out.calling_number = party_number(v);
            break;
        case q931_ie::kCalledPartyNumber:
            if (!out.called_number) out.called_number = party_number(v);
            break;
        case q931_ie::kUserUser:
            if (!out.user_user && !v.empty()) {
                out.user_user_protocol = v[0];
                out.user_user = v.subspan(1);
            }
            break;
        default:
            break;
    }
}

void read_elements(core::ByteReader& in, Q931Message& out) {
    int codeset = 0;       // locking shift (Q.931 §4.5.3)
    int next_codeset = -1; // non-locking shift (§4.5.4): the next IE only
    while (!in.empty()) {
        if (out.information_elements == core::limits::kMaxQ931InformationElements) {
            out.ie_problem = "more information elements than vcaudit reads";
            return;
        }
        std::uint8_t id = 0;
        (void)in.u8(id);
        ++out.information_elements;
        const int active = next_codeset >= 0 ? next_codeset : codeset;
        next_codeset = -1;
        if (id & 0x80) {  // single-octet element (§4.5.1)
            if ((id & 0xf0) == 0x90) {
                if (id & 0x08) next_codeset = id & 0x07;
                else codeset = id & 0x07;
            }
            continue;
        }
        // H.225.0 gives the User-user element a two-octet length.
        std::uint16_t length = 0;
        if (active == 0 && id == q931_ie::kUserUser) {
            if (!in.be16(length)) {
                out.ie_problem = "User-user element ends inside its length";
                return;
            }
        } else {
            std::uint8_t l8 = 0;
            if (!in.u8(l8)) {
                out.ie_problem = "information element ends inside its length";
                return;
            }
            length = l8;
        }
        core::Bytes value;
        if (!in.bytes(length, value)) {
            out.ie_problem = "information element longer than the message";
            return;
        }
        if (active == 0) take_element(id, value, out);
    }
}

}  // namespace

Q931Result parse_q931(core::Bytes b, Q931Message& out) {
    out = Q931Message{};
    Q931Result r;
    core::ByteReader in(b);
    std::uint8_t pd = 0, crl = 0;
    if (!in.u8(pd) || pd != kQ931ProtocolDiscriminator) {
        r.error = "protocol discriminator is not Q.931 (0x08)";
        return r;
    }
    if (!in.u8(crl) || (crl & 0xf0) != 0 || crl > 4) {
        r.error = "call reference length octet is not valid";
        return r;
    }
    out.call_reference_length = crl;
    for (std::size_t i = 0; i < crl; ++i) {
        std::uint8_t o = 0;
        if (!in.u8(o)) {
            r.error = "message ends inside the call reference";
            return r;
        }
        if (i == 0) {
            out.call_reference_flag = (o & 0x80) != 0;
            o &= 0x7f;
        }
        out.call_reference = (out.call_reference << 8) | o;
    }
    std::uint8_t type = 0;
    if (!in.u8(type)) {
        r.error = "message ends before the message type";
        return r;
    }
    if (type == 0x00) {  // escape to a nationally specific type (§4.4)
        out.national_type = true;
        if (!in.u8(type)) {
            r.error = "message ends after the message type escape";
            return r;
        }
    }
    if (type & 0x80) {
        r.error = "message type has bit 8 set";
        return r;
    }
    out.message_type = type;
    read_elements(in, out);
    r.status = core::ParseStatus::Ok;
    return r;
}

std::string_view q931_message_name(std::uint8_t type) {
    switch (type) {
        case q931_type::kAlerting: return "alerting";
        case q931_type::kCallProceeding: return "call_proceeding";
        case q931_type::kProgress: return "progress";
        case q931_type::kSetup: return "setup";
        case q931_type::kConnect: return "connect";
        case q931_type::kSetupAcknowledge: return "setup_acknowledge";
        case q931_type::kConnectAcknowledge: return "connect_acknowledge";
        case q931_type::kUserInformation: return "user_information";
        case q931_type::kDisconnect: return "disconnect";
        case q931_type::kRelease: return "release";
        case q931_type::kReleaseComplete: return "release_complete";
        case q931_type::kFacility: return "facility";
        case q931_type::kNotify: return "notify";
        case q931_type::kStatusEnquiry: return "status_enquiry";
        case q931_type::kInformation: return "information";
        case q931_type::kStatus: return "status";
        default: return "unknown";
    }
}

}  // namespace vca::probes::h323
