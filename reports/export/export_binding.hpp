// What ties an OSCAL or OCSF export to one audit: the SHA-256 of the exact
// report.json bytes (so a reader can check both exports describe the signed
// report), the site they were made for, and the digest used for identifiers.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace vca::report {

struct ExportBinding {
    std::string report_json_sha256;  // lowercase hex of the rendered report.json
    std::string site_id;             // stable site identifier (the policy's site name)
    // Lowercase hex SHA-256; passed in because this module must not link OpenSSL.
    // Identifiers are derived from it, so exports are reproducible byte for byte.
    std::function<std::string(std::string_view)> sha256_hex;
};

}  // namespace vca::report
