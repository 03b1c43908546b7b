// Content-Encoding (RFC 9110 §8.4.1): gzip and deflate bodies inflated with a
// bound on the output, so a small body cannot expand without limit.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::content {

enum class Coding { Identity, Gzip, Deflate, Unsupported };

// The coding of a Content-Encoding value ("gzip", "x-gzip", "deflate",
// "identity" or empty); a list of several codings is Unsupported.
Coding coding_of(std::string_view content_encoding);

struct Inflated {
    std::vector<std::uint8_t> bytes;  // what could be inflated (all, or up to the error or the bound)
    bool ok = false;                  // the stream ended cleanly
    bool cut = false;                 // stopped at max_out
};

// gzip (RFC 1952) or deflate: zlib-wrapped (RFC 1950) as the RFC says, or
// raw (RFC 1951) as some servers send it. Never throws.
Inflated inflate_body(core::Bytes body, Coding coding, std::size_t max_out);

}  // namespace vca::probes::content
