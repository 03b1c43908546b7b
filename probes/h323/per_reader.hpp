// Aligned PER (ITU-T X.691, ALIGNED variant) primitives for the H.225.0
// decoder: bits, octet alignment, constrained whole numbers (§10.5), length
// determinants (§10.9), normally small numbers and lengths (§10.6, §10.9.3.4:
// CHOICE extension indexes, extension-addition bitmaps), open types (§10.2)
// and object identifiers.
// Every read is bounds-checked and returns false when the data ends; a
// fragmented length (16K or more items, §10.9.3.8) is refused the same way
// and told apart by fragmented().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::h323 {

class PerReader {
public:
    explicit PerReader(core::Bytes data) : data_(data) {}

    [[nodiscard]] std::size_t bits_left() const { return data_.size() * 8 - pos_; }
    [[nodiscard]] bool fragmented() const { return fragmented_; }

    bool bit(bool& out);
    bool bits(unsigned n, std::uint64_t& out);  // n <= 64, most significant first
    bool skip_bits(std::size_t n);
    bool align();                               // to the next octet boundary

    // Constrained whole number lb..ub (ub - lb < 2^32), the ALIGNED rules of
    // X.691 §10.5.7: bit field under 256 values, one octet for 256, two
    // octets up to 64K, else a length (in octets) and that many octets.
    bool constrained(std::uint64_t lb, std::uint64_t ub, std::uint64_t& out);
    // Unconstrained or semi-constrained length determinant (§10.9.3.6-7),
    // octet-aligned; fragmentation is refused.
    bool length(std::size_t& out);
    // Length of a SIZE(lb..ub) string or list with ub < 64K (§10.9.3.3);
    // 0 bits when lb == ub.
    bool constrained_length(std::size_t lb, std::size_t ub, std::size_t& out);
    // Normally small non-negative whole number (§10.6): a CHOICE extension index.
    bool small_number(std::size_t& out);
    // Normally small length (§10.9.3.4): the size of an extension bitmap.
    bool small_length(std::size_t& out);
    // n octets, octet-aligned first.
    bool octets(std::size_t n, core::Bytes& out);
    // An open type (§10.2): a length determinant and that many octets.
    bool open_type(core::Bytes& out);
    // An OBJECT IDENTIFIER (length determinant + X.690 §8.19 contents).
    bool object_identifier(core::Bytes& out);

private:
    core::Bytes data_;
    std::size_t pos_ = 0;  // in bits
    bool fragmented_ = false;
};

// Dotted text of the contents octets of an OBJECT IDENTIFIER (X.690 §8.19),
// or nullopt when malformed or longer than limits::kMaxOidArcs arcs.
std::optional<std::string> oid_text(core::Bytes contents);

}  // namespace vca::probes::h323
