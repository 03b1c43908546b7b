// Secrets embedded in a setting's value rather than named by its key:
// the password of a URL's userinfo (RFC 3986 §3.2.1, "scheme://user:pw@host")
// and password=/pwd=/secret= items of a connection string ("host=db
// user=turn password=pw", the form coturn and PostgreSQL use).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace vca::probes::config {

// Offset and length of the first embedded secret in `value`, if any.
std::optional<std::pair<std::size_t, std::size_t>> embedded_secret(std::string_view value);

}  // namespace vca::probes::config
