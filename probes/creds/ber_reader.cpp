#include "probes/creds/ber_reader.hpp"

#include "auditor/core/limits.hpp"

namespace vca::probes::creds::ber {

core::ParseStatus read_header(core::Bytes b, std::uint8_t& tag, std::size_t& header_len, std::size_t& content_len) {
    core::ByteReader r(b);
    std::uint8_t id = 0, first = 0;
    if (!r.u8(id)) return core::ParseStatus::NeedMore;
    if ((id & 0x1f) == 0x1f) return core::ParseStatus::Invalid;  // high tag number form
    if (!r.u8(first)) return core::ParseStatus::NeedMore;
    std::size_t len = 0;
    if (first < 0x80) {
        len = first;
    } else {
        std::size_t octets = first & 0x7f;
        // 0x80 is the indefinite form; 0xff is reserved (X.690 §8.1.3.5).
        if (octets == 0 || octets > 4) return core::ParseStatus::Invalid;
        for (std::size_t i = 0; i < octets; ++i) {
            std::uint8_t v = 0;
            if (!r.u8(v)) return core::ParseStatus::NeedMore;
            len = (len << 8) | v;
        }
    }
    tag = id;
    header_len = r.position();
    content_len = len;
    return core::ParseStatus::Ok;
}

bool decode_integer(core::Bytes contents, std::int64_t& out) {
    if (contents.empty() || contents.size() > 8) return false;
    // Sign-extend from the first octet, then shift the rest in as unsigned.
    std::uint64_t v = (contents[0] & 0x80) ? ~std::uint64_t{0} : 0;
    for (std::uint8_t c : contents) v = (v << 8) | c;
    out = static_cast<std::int64_t>(v);
    return true;
}

bool BerReader::next(Tlv& out) {
    std::uint8_t tag = 0;
    std::size_t header = 0, len = 0;
    if (read_header(in_.rest(), tag, header, len) != core::ParseStatus::Ok) return false;
    if (in_.remaining() - header < len) return false;
    in_.skip(header);
    core::Bytes value;
    in_.bytes(len, value);
    out = Tlv{tag, value};
    return true;
}

bool BerReader::expect(std::uint8_t tag, Tlv& out) {
    auto t = in_.peek();
    if (!t || *t != tag) return false;
    return next(out);
}

bool BerReader::enter(std::uint8_t tag, BerReader& inner) {
    if (depth_ + 1 > core::limits::kMaxBerDepth) return false;
    if ((tag & kConstructedBit) == 0) return false;
    Tlv t;
    if (!expect(tag, t)) return false;
    inner = BerReader(t.value, depth_ + 1);
    return true;
}

bool BerReader::integer(std::int64_t& out, std::uint8_t tag) {
    auto saved = in_;
    Tlv t;
    if (!expect(tag, t) || !decode_integer(t.value, out)) {
        in_ = saved;
        return false;
    }
    return true;
}

bool BerReader::octets(core::Bytes& out, std::uint8_t tag) {
    if (tag & kConstructedBit) return false;  // constructed strings (§8.7.3) are not followed
    Tlv t;
    if (!expect(tag, t)) return false;
    out = t.value;
    return true;
}

}  // namespace vca::probes::creds::ber
