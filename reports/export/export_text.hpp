// Text shaping shared by the exports: single-line values (OSCAL tokens and
// strings forbid line breaks and edge whitespace), URI references for input
// paths, and the input ids a finding's evidence text names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vca::report {

// Every run of whitespace (ASCII, and the Unicode spaces and line separators
// JSON Schema's \s matches) becomes one space; leading and trailing ones go.
std::string one_line(std::string_view text);

// Percent-encodes everything but RFC 3986 unreserved characters and '/', so
// any file path (spaces, Vietnamese names) is a valid URI reference.
std::string uri_reference(std::string_view path);

// Ids after "input" in evidence text such as "flow 3, input 26,27, frame 1",
// in order of appearance, without repeats.
std::vector<std::int64_t> evidence_input_ids(std::string_view evidence);

}  // namespace vca::report
