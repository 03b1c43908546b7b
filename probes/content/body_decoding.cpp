#include "probes/content/body_decoding.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <limits>

#include "auditor/core/ascii.hpp"

namespace vca::probes::content {

namespace ascii = core::ascii;

Coding coding_of(std::string_view content_encoding) {
    const std::string_view v = ascii::trim(content_encoding);
    if (v.empty() || ascii::iequals(v, "identity")) return Coding::Identity;
    if (ascii::iequals(v, "gzip") || ascii::iequals(v, "x-gzip")) return Coding::Gzip;
    if (ascii::iequals(v, "deflate")) return Coding::Deflate;
    return Coding::Unsupported;
}

namespace {

// window_bits as zlib's inflateInit2 takes them: 16+15 gzip, 15 zlib, -15 raw.
Inflated run_inflate(core::Bytes body, int window_bits, std::size_t max_out) {
    Inflated out;
    z_stream zs{};
    if (inflateInit2(&zs, window_bits) != Z_OK) return out;
    std::array<std::uint8_t, 16 * 1024> chunk{};
    std::size_t pos = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
        // zlib counts in uInt: feed at most that much at a time.
        const std::size_t feed = std::min<std::size_t>(body.size() - pos, std::numeric_limits<uInt>::max());
        if (zs.avail_in == 0) {
            zs.next_in = const_cast<Bytef*>(body.data() + pos);  // zlib does not write through next_in
            zs.avail_in = static_cast<uInt>(feed);
            pos += feed;
        }
        zs.next_out = chunk.data();
        zs.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&zs, Z_NO_FLUSH);
        const std::size_t got = chunk.size() - zs.avail_out;
        const std::size_t room = max_out - out.bytes.size();
        out.bytes.insert(out.bytes.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(std::min(got, room)));
        if (got > room) {
            out.cut = true;
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && pos < body.size()) rc = Z_OK;  // more input to give
        if (rc == Z_OK && zs.avail_in == 0 && pos >= body.size() && got == 0) break;  // input ended early
    }
    out.ok = rc == Z_STREAM_END;
    inflateEnd(&zs);
    return out;
}

}  // namespace

Inflated inflate_body(core::Bytes body, Coding coding, std::size_t max_out) {
    if (coding == Coding::Gzip) return run_inflate(body, 16 + MAX_WBITS, max_out);
    if (coding == Coding::Deflate) {
        Inflated z = run_inflate(body, MAX_WBITS, max_out);
        if (z.ok || z.cut || !z.bytes.empty()) return z;
        return run_inflate(body, -MAX_WBITS, max_out);
    }
    return {};
}

}  // namespace vca::probes::content
