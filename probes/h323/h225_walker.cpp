#include "probes/h323/h225_walker.hpp"

#include <array>
#include <bitset>

#include "auditor/core/limits.hpp"
#include "auditor/core/net_address.hpp"

namespace vca::probes::h323::detail {
namespace {

constexpr std::string_view kH225OidPrefix = "0.0.8.2250.0.";
constexpr std::size_t kMaxRootFields = 32;

std::string hex(core::Bytes b) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(b.size() * 2);
    for (std::uint8_t c : b) {
        s.push_back(kDigits[c >> 4]);
        s.push_back(kDigits[c & 0x0f]);
    }
    return s;
}

bool is_value_role(Role r) {
    switch (r) {
        case Role::ProtocolId:
        case Role::RequestSeqNum:
        case Role::H245Address:
        case Role::CallIdentifier:
        case Role::ConferenceId:
        case Role::H245Tunnelling:
        case Role::FastStart:
        case Role::H245Control:
            return true;
        default:
            return false;
    }
}

// Whether anything asked for lies at or after root component `from`: a value
// still to read, or the extension additions that hold wanted bits.
bool needs_walk(const Layout& l, std::size_t from, bool ext, const std::array<bool, kMaxRootFields>& present) {
    for (std::size_t i = from; i < l.root.size(); ++i) {
        const Field& f = l.root[i];
        if (!present[i]) continue;
        if (is_value_role(f.role) || f.type == Ty::MessageBody || f.type == Ty::UuPdu) return true;
    }
    if (!ext) return false;
    for (Role r : l.additions)
        if (r != Role::None) return true;
    return false;
}

// Presence of a wanted component, known before its value is read.
void set_presence(H225Fields& out, Role role, bool present) {
    switch (role) {
        case Role::Tokens: out.tokens = present; break;
        case Role::CryptoTokens: out.crypto_tokens = present; break;
        case Role::FastStart: out.fast_start = present; break;
        case Role::H245Address: out.has_h245_address = present; break;
        case Role::H245Tunnelling:
            // A BOOLEAN addition: absent only from senders that predate it.
            if (!present) out.h245_tunnelling = false;
            break;
        default: break;
    }
}

}  // namespace

bool Walker::fail(std::string_view why) {
    if (why_.empty()) why_ = why;
    return false;
}

void Walker::note(const std::string& where) {
    if (!out_.undecoded.empty()) return;
    std::string_view why = why_;
    if (why.empty())
        why = r_.fragmented() ? "a fragmented length (16K items or more) is not decoded"
                              : "the data ends inside it or a value is out of range";
    out_.undecoded = where + ": " + std::string(why);
}

template <typename ItemFn>
bool Walker::list(ItemFn item) {
    std::size_t n = 0;
    if (!r_.length(n)) return false;
    if (n > core::limits::kMaxPerSequenceOfItems) return fail("a list longer than vcaudit walks");
    for (std::size_t i = 0; i < n; ++i)
        if (!item()) return false;
    return true;
}

bool Walker::choice(std::size_t roots, std::size_t& index, core::Bytes* extension_contents) {
    bool ext = false;
    if (!r_.bit(ext)) return false;
    if (!ext) {
        std::uint64_t v = 0;
        if (!r_.constrained(0, roots - 1, v)) return false;
        index = static_cast<std::size_t>(v);
        return true;
    }
    std::size_t i = 0;
    core::Bytes contents;
    if (!r_.small_number(i) || !r_.open_type(contents)) return false;
    index = roots + i;
    if (extension_contents != nullptr) *extension_contents = contents;
    return true;
}

bool Walker::skip_extensions() {
    std::size_t n = 0;
    if (!r_.small_length(n)) return false;
    if (n > core::limits::kMaxPerExtensionAdditions) return fail("more extension additions than vcaudit walks");
    std::bitset<core::limits::kMaxPerExtensionAdditions> present;
    for (std::size_t i = 0; i < n; ++i) {
        bool b = false;
        if (!r_.bit(b)) return false;
        present[i] = b;
    }
    for (std::size_t i = 0; i < n; ++i) {
        core::Bytes skipped;
        if (present[i] && !r_.open_type(skipped)) return false;
    }
    return true;
}

// SEQUENCE OF OCTET STRING (fastStart, h245Control): each element is kept
// as a view, to be decoded as H.245 by the caller.
bool Walker::octet_string_list(std::vector<core::Bytes>& out) {
    std::size_t n = 0;
    if (!r_.length(n)) return false;
    if (n > core::limits::kMaxPerSequenceOfItems) return fail("longer list than vcaudit walks");
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t len = 0;
        core::Bytes element;
        if (!r_.length(len) || !r_.octets(len, element)) return false;
        out.push_back(element);
    }
    return true;
}

bool Walker::additions(const Layout& l) {
    std::size_t n = 0;
    if (!r_.small_length(n)) return false;
    if (n > core::limits::kMaxPerExtensionAdditions) return fail("more extension additions than vcaudit walks");
    std::bitset<core::limits::kMaxPerExtensionAdditions> present;
    for (std::size_t i = 0; i < n; ++i) {
        bool b = false;
        if (!r_.bit(b)) return false;
        present[i] = b;
    }
    for (std::size_t i = 0; i < l.additions.size(); ++i) set_presence(out_, l.additions[i], i < n && present[i]);
    for (std::size_t i = 0; i < n; ++i) {
        if (!present[i]) continue;
        core::Bytes contents;
        if (!r_.open_type(contents)) return false;
        const Role role = i < l.additions.size() ? l.additions[i] : Role::None;
        if (!is_value_role(role)) continue;
        // The open type bounds the value: a failure inside it loses only it.
        PerReader sub(contents);
        Walker w(sub, out_);
        bool ok = false;
        switch (role) {
            case Role::CallIdentifier: ok = w.call_identifier(&out_.call_id); break;
            case Role::ConferenceId: ok = w.guid(&out_.conference_id); break;
            case Role::H245Address: ok = w.transport_address(&out_.h245_address); break;
            case Role::FastStart: ok = w.octet_string_list(out_.fast_start_elements); break;
            case Role::H245Control: ok = w.octet_string_list(out_.h245_control); break;
            case Role::H245Tunnelling: {
                bool b = false;
                ok = sub.bit(b);
                if (ok) out_.h245_tunnelling = b;
                break;
            }
            default: ok = true; break;
        }
        if (!ok) w.note(std::string(l.name) + " extension addition " + std::to_string(i));
    }
    return true;
}

bool Walker::sequence(const Layout& l, bool must_finish) {
    if (l.root.size() > kMaxRootFields) return fail("layout too large");  // tables only; never input-driven
    bool ext = false;
    if (l.extensible && !r_.bit(ext)) {
        note(std::string(l.name));
        return false;
    }
    std::array<bool, kMaxRootFields> present{};
    for (std::size_t i = 0; i < l.root.size(); ++i) {
        const Field& f = l.root[i];
        if (!f.optional) {
            present[i] = true;
            continue;
        }
        bool b = false;
        if (!r_.bit(b)) {
            note(std::string(l.name) + " optional-field bits");
            return false;
        }
        present[i] = b;
        set_presence(out_, f.role, b);
    }
    if (!ext)
        for (Role r : l.additions) set_presence(out_, r, false);
    for (std::size_t i = 0; i < l.root.size(); ++i) {
        if (!must_finish && !needs_walk(l, i, ext, present)) return true;
        if (!present[i]) continue;
        if (!field(l.root[i])) {
            note(std::string(l.name) + "." + std::string(l.root[i].name));
            return false;
        }
    }
    if (ext && !additions(l)) {
        note(std::string(l.name) + " extension additions");
        return false;
    }
    return true;
}

bool Walker::field(const Field& f) {
    std::uint64_t v = 0;
    std::size_t index = 0;
    switch (f.type) {
        case Ty::Boolean: {
            bool b = false;
            return r_.bit(b);
        }
        case Ty::Oid: {
            core::Bytes contents;
            if (!r_.object_identifier(contents)) return false;
            if (f.role == Role::ProtocolId) {
                out_.protocol_id = oid_text(contents);
                if (out_.protocol_id && out_.protocol_id->starts_with(kH225OidPrefix)) {
                    const std::string_view last = std::string_view(*out_.protocol_id).substr(kH225OidPrefix.size());
                    if (!last.empty() && last.size() <= 4 && last.find_first_not_of("0123456789") == std::string_view::npos)
                        out_.version = std::stoi(std::string(last));
                }
            }
            return true;
        }
        case Ty::SeqNum:
            if (!r_.constrained(1, 65535, v)) return false;
            if (f.role == Role::RequestSeqNum) out_.request_seq_num = static_cast<int>(v);
            return true;
        case Ty::Uint16: return r_.constrained(0, 65535, v);
        case Ty::Uint32: return r_.constrained(0, 0xffffffffULL, v);
        case Ty::Guid: return guid(f.role == Role::ConferenceId ? &out_.conference_id : nullptr);
        case Ty::CallIdentifier: return call_identifier(f.role == Role::CallIdentifier ? &out_.call_id : nullptr);
        case Ty::TransportAddress: return transport_address(f.role == Role::H245Address ? &out_.h245_address : nullptr);
        case Ty::TransportAddressList: return list([this] { return transport_address(nullptr); });
        case Ty::AliasList: return list([this] { return alias_address(); });
        case Ty::CallReferenceList: return list([this] {
            std::uint64_t crv = 0;
            return r_.constrained(0, 65535, crv);
        });
        case Ty::EndpointType: return endpoint_type();
        case Ty::VendorIdentifier: return vendor_identifier();
        case Ty::NonStandard: return non_standard_parameter();
        case Ty::BmpIdentifier: return bmp_string(1, 128);
        case Ty::Qseries: return qseries_options();
        case Ty::NullChoice: return choice(f.alternatives, index, nullptr);
        case Ty::RrjReason:
            // duplicateAlias (alternative 4) is the only root one that is not NULL.
            if (!choice(8, index, nullptr)) return false;
            return index != 4 || list([this] { return alias_address(); });
        case Ty::SupportedProtocolsList: return list([this] { return supported_protocols(); });
        case Ty::H245Security: return h245_security();
        case Ty::MessageBody: return message_body();
        case Ty::UuPdu: return sequence(uu_pdu_layout(), true);
        case Ty::Opaque: return fail("a component vcaudit does not decode");
    }
    return false;
}

bool Walker::message_body() {
    std::size_t index = 0;
    core::Bytes contents;
    if (!choice(kUuBodyRootAlternatives, index, &contents)) return false;
    out_.message = static_cast<int>(index);
    const auto layouts = uu_body_layouts();
    if (index < kUuBodyRootAlternatives) return sequence(layouts[index], true);
    if (index == kUuBodyEmpty) return true;
    if (index >= layouts.size()) {
        if (out_.undecoded.empty())
            out_.undecoded = "h323-message-body alternative " + std::to_string(index) + ": newer than H.225.0 v7";
        return true;  // an open type: the PDU goes on after it
    }
    PerReader sub(contents);
    Walker w(sub, out_);
    (void)w.sequence(layouts[index], false);  // a failure is noted by w; the open type bounds it
    return true;
}

bool Walker::nsd_only_sequence() {
    bool ext = false, nsd = false;
    if (!r_.bit(ext) || !r_.bit(nsd)) return false;
    if (nsd && !non_standard_parameter()) return false;
    return !ext || skip_extensions();
}

bool Walker::h221_non_standard() {
    bool ext = false;
    std::uint64_t v = 0;
    if (!r_.bit(ext) || !r_.constrained(0, 255, v) || !r_.constrained(0, 255, v) || !r_.constrained(0, 65535, v))
        return false;
    return !ext || skip_extensions();
}

bool Walker::non_standard_parameter() {
    std::size_t index = 0, n = 0;
    core::Bytes b;
    if (!choice(2, index, nullptr)) return false;
    if (index == 0 && !r_.object_identifier(b)) return false;
    if (index == 1 && !h221_non_standard()) return false;
    return r_.length(n) && r_.octets(n, b);
}

bool Walker::vendor_identifier() {
    bool ext = false, product = false, version = false;
    std::size_t n = 0;
    core::Bytes b;
    if (!r_.bit(ext) || !r_.bit(product) || !r_.bit(version) || !h221_non_standard()) return false;
    if (product && !(r_.constrained_length(1, 256, n) && r_.octets(n, b))) return false;
    if (version && !(r_.constrained_length(1, 256, n) && r_.octets(n, b))) return false;
    return !ext || skip_extensions();
}

bool Walker::transport_address(std::optional<std::string>* text) {
    std::size_t index = 0, n = 0;
    std::uint64_t port = 0, v = 0;
    bool ext = false;
    core::Bytes ip, b;
    if (!choice(7, index, nullptr)) return false;
    switch (index) {
        case 0:  // ipAddress
            if (!r_.octets(4, ip) || !r_.constrained(0, 65535, port)) return false;
            if (text != nullptr) *text = core::format_ip(ip) + ":" + std::to_string(port);
            return true;
        case 1:  // ipSourceRoute
            if (!r_.bit(ext) || !r_.octets(4, ip) || !r_.constrained(0, 65535, port)) return false;
            if (!list([this] {
                    core::Bytes hop;
                    return r_.octets(4, hop);
                }))
                return false;
            if (!choice(2, index, nullptr)) return false;
            return !ext || skip_extensions();
        case 2:  // ipxAddress: node, netnum, then a 2-octet port that is not aligned
            return r_.octets(6, b) && r_.octets(4, b) && r_.bits(16, v);
        case 3:  // ip6Address
            if (!r_.bit(ext) || !r_.octets(16, ip) || !r_.constrained(0, 65535, port)) return false;
            if (text != nullptr) *text = "[" + core::format_ip(ip) + "]:" + std::to_string(port);
            return !ext || skip_extensions();
        case 4: return r_.octets(16, b);  // netBios
        case 5: return r_.constrained_length(1, 20, n) && r_.octets(n, b);  // nsap
        case 6: return non_standard_parameter();
        default: return true;  // an extension alternative, already stepped over
    }
}

bool Walker::bmp_string(std::size_t lb, std::size_t ub) {
    std::size_t n = 0;
    return r_.constrained_length(lb, ub, n) && r_.align() && r_.skip_bits(16 * n);
}

bool Walker::alias_address() {
    std::size_t index = 0, n = 0;
    if (!choice(2, index, nullptr)) return false;
    switch (index) {
        case 0:  // dialledDigits: 13 permitted characters, 4 bits each, octet-aligned
            return r_.constrained_length(1, 128, n) && r_.align() && r_.skip_bits(4 * n);
        case 1: return bmp_string(1, 256);  // h323-ID
        default: return true;
    }
}

bool Walker::supported_protocols() {
    std::size_t index = 0;
    if (!choice(9, index, nullptr)) return false;
    if (index == 0) return non_standard_parameter();
    if (index < 9) return nsd_only_sequence();  // H310Caps ... T120OnlyCaps: root is nonStandardData only
    return true;
}

bool Walker::endpoint_type() {
    bool ext = false, nsd = false, vendor = false, gatekeeper = false, gateway = false, mcu = false,
         terminal = false, flag = false;
    if (!r_.bit(ext) || !r_.bit(nsd) || !r_.bit(vendor) || !r_.bit(gatekeeper) || !r_.bit(gateway) ||
        !r_.bit(mcu) || !r_.bit(terminal))
        return false;
    if (nsd && !non_standard_parameter()) return false;
    if (vendor && !vendor_identifier()) return false;
    if (gatekeeper && !nsd_only_sequence()) return false;
    if (gateway) {  // GatewayInfo: protocol list and nonStandardData, both optional
        bool gext = false, protocols = false, gnsd = false;
        if (!r_.bit(gext) || !r_.bit(protocols) || !r_.bit(gnsd)) return false;
        if (protocols && !list([this] { return supported_protocols(); })) return false;
        if (gnsd && !non_standard_parameter()) return false;
        if (gext && !skip_extensions()) return false;
    }
    if (mcu && !nsd_only_sequence()) return false;
    if (terminal && !nsd_only_sequence()) return false;
    if (!r_.bit(flag) || !r_.bit(flag)) return false;  // mc, undefinedNode
    return !ext || skip_extensions();
}

bool Walker::qseries_options() {
    bool ext = false, q954_ext = false;
    std::uint64_t flags = 0;
    if (!r_.bit(ext) || !r_.bits(7, flags)) return false;  // q932Full ... q957Full
    if (!r_.bit(q954_ext) || !r_.bits(2, flags)) return false;  // Q954Details
    if (q954_ext && !skip_extensions()) return false;
    return !ext || skip_extensions();
}

bool Walker::security_capabilities() {
    bool ext = false, nsd = false;
    std::size_t index = 0;
    if (!r_.bit(ext) || !r_.bit(nsd)) return false;
    if (nsd && !non_standard_parameter()) return false;
    for (int i = 0; i < 3; ++i) {  // encryption, authenticaton, integrity: SecurityServiceMode
        if (!choice(3, index, nullptr)) return false;
        if (index == 0 && !non_standard_parameter()) return false;
    }
    return !ext || skip_extensions();
}

bool Walker::h245_security() {
    std::size_t index = 0;
    if (!choice(4, index, nullptr)) return false;
    if (index == 0) return non_standard_parameter();
    if (index == 2 || index == 3) return security_capabilities();
    return true;
}

bool Walker::call_identifier(std::optional<std::string>* hex_out) {
    bool ext = false;
    if (!r_.bit(ext) || !guid(hex_out)) return false;
    return !ext || skip_extensions();
}

bool Walker::guid(std::optional<std::string>* hex_out) {
    core::Bytes b;
    if (!r_.octets(16, b)) return false;
    if (hex_out != nullptr) *hex_out = hex(b);
    return true;
}

}  // namespace vca::probes::h323::detail
