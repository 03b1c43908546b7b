// Helpers of the content extractor tests: an observer that keeps what it is
// given, and bytes built with zlib for encoded bodies.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/content/content_hub.hpp"

namespace vca::probes::content::test {

class Kept final : public ContentObserver {
public:
    void on_object(const ContentObject& o) override { objects.push_back(o); }
    std::vector<ContentObject> objects;
};

inline core::Bytes bytes_of(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }
inline std::string text_of(const std::vector<std::uint8_t>& b) { return {b.begin(), b.end()}; }

// gzip (window_bits 31), zlib (15) or raw deflate (-15) of `text`.
inline std::string deflate_text(std::string_view text, int window_bits) {
    z_stream zs{};
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, static_cast<uLong>(text.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

// Rows of `table` in a MemorySink whose `name` column (anomalies: index 3) is `name`.
inline std::size_t anomalies_named(const facts::MemorySink& sink, std::string_view name) {
    std::size_t n = 0;
    for (const auto& r : sink.rows)
        if (r.table == "anomalies" && std::get<std::string>(r.cells[3]) == name) ++n;
    return n;
}

}  // namespace vca::probes::content::test
