// Internal to the H.225.0 decoder: a walk over aligned-PER SEQUENCEs described
// by tables (h225_layouts.cpp), skipping every component by its structure
// and keeping the few an audit reads. Root OPTIONAL bits are known as soon
// as the SEQUENCE starts; extension additions (X.691 §18) are open types,
// so one that cannot be decoded is stepped over by its length.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "probes/h323/h225_decoder.hpp"
#include "probes/h323/per_reader.hpp"

namespace vca::probes::h323::detail {

// ASN.1 types met in the root parts of the messages decoded.
enum class Ty : std::uint8_t {
    Boolean,
    Oid,
    SeqNum,           // INTEGER (1..65535): RequestSeqNum, irrFrequency, delay
    Uint16,           // INTEGER (0..65535): CallReferenceValue
    Uint32,           // INTEGER (0..4294967295): BandWidth
    Guid,             // OCTET STRING (SIZE (16)): ConferenceIdentifier
    CallIdentifier,
    TransportAddress,
    TransportAddressList,
    AliasList,
    CallReferenceList,
    EndpointType,
    VendorIdentifier,
    NonStandard,      // NonStandardParameter
    BmpIdentifier,    // BMPString (SIZE (1..128)): GatekeeperIdentifier, EndpointIdentifier
    Qseries,          // QseriesOptions
    NullChoice,       // extensible CHOICE whose root alternatives are all NULL
    RrjReason,        // RegistrationRejectReason
    SupportedProtocolsList,
    H245Security,
    MessageBody,      // H323-UU-PDU.h323-message-body
    UuPdu,            // H323-UU-PDU
    Opaque,           // not decoded: the walk stops if it must go past one
};

// What a component is read for.
enum class Role : std::uint8_t {
    None,
    ProtocolId,
    RequestSeqNum,
    H245Address,
    CallIdentifier,
    ConferenceId,
    Tokens,
    CryptoTokens,
    FastStart,
    H245Tunnelling,
    H245Control,
};

struct Field {
    std::string_view name;
    Ty type;
    bool optional = false;
    Role role = Role::None;
    std::uint8_t alternatives = 0;  // root alternatives of a NullChoice
};

struct Layout {
    std::string_view name;
    bool extensible = true;
    std::span<const Field> root;
    std::span<const Role> additions;  // roles of the extension additions, in order
};

// Tables (h225_layouts.cpp), indexed by CHOICE alternative.
std::span<const Layout> uu_body_layouts();   // h323-message-body: 0..12 (8, empty, has no layout)
std::span<const Layout> ras_layouts();       // RasMessage: 0..31
const Layout& user_information_layout();     // H323-UserInformation
const Layout& uu_pdu_layout();               // H323-UU-PDU

inline constexpr std::size_t kUuBodyRootAlternatives = 7;
inline constexpr std::size_t kRasRootAlternatives = 25;
inline constexpr std::size_t kUuBodyEmpty = 8;

class Walker {
public:
    Walker(PerReader& reader, H225Fields& out) : r_(reader), out_(out) {}

    // Reads one SEQUENCE of `layout`. With `must_finish` false the walk may
    // stop once nothing it is asked for lies further on (the caller does not
    // need the reader positioned after it).
    bool sequence(const Layout& layout, bool must_finish);

    // Why the last failure happened, beyond "the data ends".
    [[nodiscard]] std::string_view why() const { return why_; }

    // Component readers (public for the decoder's CHOICE handling).
    bool choice(std::size_t roots, std::size_t& index, core::Bytes* extension_contents);
    bool transport_address(std::optional<std::string>* text);

private:
    bool field(const Field& f);
    bool additions(const Layout& layout);
    bool skip_extensions();
    bool nsd_only_sequence();
    bool non_standard_parameter();
    bool h221_non_standard();
    bool vendor_identifier();
    bool alias_address();
    bool endpoint_type();
    bool supported_protocols();
    bool qseries_options();
    bool h245_security();
    bool security_capabilities();
    bool call_identifier(std::optional<std::string>* hex);
    bool octet_string_list(std::vector<core::Bytes>& out);
    bool guid(std::optional<std::string>* hex);
    bool bmp_string(std::size_t lb, std::size_t ub);
    bool message_body();
    template <typename ItemFn>
    bool list(ItemFn item);
    bool fail(std::string_view why);
    void note(const std::string& where);

    PerReader& r_;
    H225Fields& out_;
    std::string_view why_;
};

}  // namespace vca::probes::h323::detail
