#include "probes/h323/per_reader.hpp"

#include <vector>

#include "auditor/core/limits.hpp"

namespace vca::probes::h323 {
namespace {

// Bits of the ALIGNED bit-field case (X.691 §10.5.7.1): ceil(log2(range)).
unsigned bits_for(std::uint64_t range) {
    unsigned n = 0;
    while (n < 64 && (std::uint64_t{1} << n) < range) ++n;
    return n;
}

}  // namespace

bool PerReader::bit(bool& out) {
    if (bits_left() < 1) return false;
    out = ((data_[pos_ / 8] >> (7 - pos_ % 8)) & 1) != 0;
    ++pos_;
    return true;
}

bool PerReader::bits(unsigned n, std::uint64_t& out) {
    if (n > 64 || bits_left() < n) return false;
    std::uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i) {
        v = (v << 1) | ((data_[pos_ / 8] >> (7 - pos_ % 8)) & 1);
        ++pos_;
    }
    out = v;
    return true;
}

bool PerReader::skip_bits(std::size_t n) {
    if (bits_left() < n) return false;
    pos_ += n;
    return true;
}

bool PerReader::align() {
    const std::size_t pad = (8 - pos_ % 8) % 8;
    return skip_bits(pad);
}

bool PerReader::constrained(std::uint64_t lb, std::uint64_t ub, std::uint64_t& out) {
    if (ub < lb || ub - lb > 0xffffffffULL) return false;
    const std::uint64_t range = ub - lb + 1;
    std::uint64_t v = 0;
    if (range == 1) {
        v = 0;
    } else if (range < 256) {
        if (!bits(bits_for(range), v)) return false;
    } else if (range == 256) {
        if (!align() || !bits(8, v)) return false;
    } else if (range <= 65536) {
        if (!align() || !bits(16, v)) return false;
    } else {
        // Indefinite-length case: the octet count as a constrained number
        // 1..(octets needed for range - 1), then the octets.
        const std::uint64_t max_octets = (bits_for(range) + 7) / 8;
        std::uint64_t count = 0;
        if (!bits(bits_for(max_octets), count)) return false;
        ++count;
        if (count > max_octets || !align() || !bits(static_cast<unsigned>(count * 8), v)) return false;
    }
    if (v > ub - lb) return false;
    out = lb + v;
    return true;
}

bool PerReader::length(std::size_t& out) {
    std::uint64_t first = 0, second = 0;
    if (!align() || !bits(8, first)) return false;
    if ((first & 0x80) == 0) {
        out = static_cast<std::size_t>(first);
        return true;
    }
    if ((first & 0xc0) == 0x80) {
        if (!bits(8, second)) return false;
        out = static_cast<std::size_t>(((first & 0x3f) << 8) | second);
        return true;
    }
    fragmented_ = true;
    return false;
}

bool PerReader::constrained_length(std::size_t lb, std::size_t ub, std::size_t& out) {
    if (ub >= 65536) return length(out);
    std::uint64_t v = 0;
    if (!constrained(lb, ub, v)) return false;
    out = static_cast<std::size_t>(v);
    return true;
}

bool PerReader::small_number(std::size_t& out) {
    bool large = false;
    std::uint64_t v = 0;
    if (!bit(large)) return false;
    if (!large) {
        if (!bits(6, v)) return false;
        out = static_cast<std::size_t>(v);
        return true;
    }
    // Semi-constrained whole number (§10.7): an octet count, then the octets.
    std::size_t n = 0;
    if (!length(n) || n == 0 || n > 4 || !bits(static_cast<unsigned>(n * 8), v)) return false;
    out = static_cast<std::size_t>(v);
    return true;
}

bool PerReader::small_length(std::size_t& out) {
    bool large = false;
    std::uint64_t v = 0;
    if (!bit(large)) return false;
    if (!large) {
        if (!bits(6, v)) return false;
        out = static_cast<std::size_t>(v) + 1;
        return true;
    }
    return length(out);
}

bool PerReader::octets(std::size_t n, core::Bytes& out) {
    if (!align() || bits_left() / 8 < n) return false;
    out = data_.subspan(pos_ / 8, n);
    pos_ += n * 8;
    return true;
}

bool PerReader::open_type(core::Bytes& out) {
    std::size_t n = 0;
    return length(n) && octets(n, out);
}

bool PerReader::object_identifier(core::Bytes& out) {
    std::size_t n = 0;
    return length(n) && octets(n, out);
}

std::optional<std::string> oid_text(core::Bytes contents) {
    if (contents.empty()) return std::nullopt;
    std::vector<std::uint64_t> arcs;
    std::uint64_t v = 0;
    bool pending = false;
    for (std::uint8_t c : contents) {
        if (!pending && c == 0x80) return std::nullopt;  // X.690 §8.19.2: no leading 0x80
        if (v > (UINT64_MAX >> 7)) return std::nullopt;
        v = (v << 7) | (c & 0x7f);
        pending = (c & 0x80) != 0;
        if (pending) continue;
        if (arcs.empty()) {
            // The first subidentifier packs the first two arcs (§8.19.4).
            const std::uint64_t first = v < 40 ? 0 : (v < 80 ? 1 : 2);
            arcs.push_back(first);
            arcs.push_back(v - first * 40);
        } else {
            arcs.push_back(v);
        }
        if (arcs.size() > core::limits::kMaxOidArcs) return std::nullopt;
        v = 0;
    }
    if (pending) return std::nullopt;
    std::string s;
    for (std::size_t i = 0; i < arcs.size(); ++i) {
        if (i) s.push_back('.');
        s += std::to_string(arcs[i]);
    }
    return s;
}

}  // namespace vca::probes::h323
