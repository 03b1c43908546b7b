// BerReader: the subset of BER (ITU-T X.690 §8) that SNMP and LDAP put on
// the wire: one-octet identifiers, definite lengths, primitive strings. Reads
// only through ByteReader, never past its input, and refuses to descend
// deeper than limits::kMaxBerDepth. Indefinite lengths, high tag numbers and
// constructed strings are reported as invalid: neither protocol sends them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"

namespace vca::probes::creds::ber {

// Identifier octets used by SNMP and LDAP (X.690 §8.1.2: class, constructed bit, number).
inline constexpr std::uint8_t kBoolean = 0x01;
inline constexpr std::uint8_t kInteger = 0x02;
inline constexpr std::uint8_t kOctetString = 0x04;
inline constexpr std::uint8_t kNull = 0x05;
inline constexpr std::uint8_t kOid = 0x06;
inline constexpr std::uint8_t kEnumerated = 0x0a;
inline constexpr std::uint8_t kSequence = 0x30;

inline constexpr std::uint8_t kConstructedBit = 0x20;
inline constexpr std::uint8_t kContextClass = 0x80;
inline constexpr std::uint8_t kApplicationClass = 0x40;

// One element: identifier octet and a view of its contents.
struct Tlv {
    std::uint8_t tag = 0;
    core::Bytes value;
};

// The header of the element at the start of `b`: Ok with the header length and
// the content length; NeedMore if the header itself is cut short; Invalid for
// an encoding outside the subset above (or a length beyond 2^32-1).
core::ParseStatus read_header(core::Bytes b, std::uint8_t& tag, std::size_t& header_len, std::size_t& content_len);

class BerReader {
public:
    explicit BerReader(core::Bytes data, int depth = 0) : in_(data), depth_(depth) {}

    [[nodiscard]] bool empty() const { return in_.empty(); }
    [[nodiscard]] int depth() const { return depth_; }
    [[nodiscard]] std::optional<std::uint8_t> peek_tag() const { return in_.peek(); }

    // The next complete element; false (nothing consumed) when it is cut
    // short or badly encoded.
    bool next(Tlv& out);
    // The next element when its identifier is `tag`.
    bool expect(std::uint8_t tag, Tlv& out);
    // A reader over the contents of the next element `tag` (a constructed
    // one), one level deeper; false beyond limits::kMaxBerDepth.
    bool enter(std::uint8_t tag, BerReader& inner);
    // INTEGER or ENUMERATED (two's complement, X.690 §8.3) of at most 8 octets.
    bool integer(std::int64_t& out, std::uint8_t tag = kInteger);
    // A primitive string element `tag` (OCTET STRING by default).
    bool octets(core::Bytes& out, std::uint8_t tag = kOctetString);

private:
    core::ByteReader in_;
    int depth_ = 0;
};

// Two's-complement value of INTEGER contents (1..8 octets).
bool decode_integer(core::Bytes contents, std::int64_t& out);

}  // namespace vca::probes::creds::ber
