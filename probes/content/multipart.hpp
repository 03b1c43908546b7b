// multipart/form-data (RFC 7578, framing of RFC 2046 §5.1.1): the parts of an
// upload, with the field name, file name and type each declares. Views point
// into the caller's body. Pure: no state, no throw, any input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::content {

// The boundary parameter of a multipart Content-Type value ("multipart/...;
// boundary=X", X quoted or not); nullopt when the type is not multipart or
// the boundary is missing or longer than RFC 2046 allows (70).
std::optional<std::string> multipart_boundary(std::string_view content_type);

struct MultipartPart {
    std::string field;                        // Content-Disposition name=
    std::optional<std::string> filename;      // filename= (or filename*=), when the part is a file
    std::optional<std::string> content_type;  // the part's own Content-Type
    core::Bytes data;
    bool complete = true;  // false when the body ended before the part's closing delimiter
};

struct MultipartBody {
    std::vector<MultipartPart> parts;  // at most limits::kMaxMultipartParts
    bool parts_limit = false;          // more parts than that were there
};

MultipartBody split_multipart(core::Bytes body, std::string_view boundary);

// A header parameter value (`name=value` or `name="value"`, case-insensitive
// name) from a field value such as Content-Disposition; nullopt if absent.
std::optional<std::string> header_parameter(std::string_view value, std::string_view name);

}  // namespace vca::probes::content
