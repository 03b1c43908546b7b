#include "auditor/core/url_redaction.hpp"

#include <algorithm>

#include "auditor/core/ascii.hpp"

namespace vca::core {
namespace {

// Query parameters (RFC 3986 §3.4), split on '&' or ';' (cameras use both),
// each value replaced when its name looks secret.
std::string redact_query(std::string_view query) {
    std::string out;
    while (true) {
        const std::size_t end = query.find_first_of("&;");
        const std::string_view param = query.substr(0, end);
        const std::size_t eq = param.find('=');
        if (eq != std::string_view::npos && is_secret_parameter(param.substr(0, eq))) {
            out += param.substr(0, eq + 1);
            out += kRedactedValue;
        } else {
            out += param;
        }
        if (end == std::string_view::npos) break;
        out += query[end];
        query.remove_prefix(end + 1);
    }
    return out;
}

}  // namespace

bool is_secret_parameter(std::string_view name) {
    for (std::string_view part : {"pass", "pwd", "token", "secret", "key", "auth", "sig", "session", "cred", "otp"})
        if (ascii::icontains(name, part)) return true;
    for (std::string_view exact : {"pw", "pin", "sid", "code", "ticket"})
        if (ascii::iequals(name, exact)) return true;
    return false;
}

std::string redact_url(std::string_view url) {
    std::string out;
    out.reserve(url.size());
    // The authority follows "scheme://", or starts the text when there is no scheme.
    const std::size_t scheme = url.find("://");
    const std::size_t host = scheme == std::string_view::npos ? 0 : scheme + 3;
    const std::size_t authority_end = std::min(url.find_first_of("/?#", host), url.size());
    const std::string_view authority = url.substr(host, authority_end - host);
    out += url.substr(0, host);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        out += kRedactedValue;
        out += authority.substr(at);
    } else {
        out += authority;
    }
    const std::size_t q = url.find('?', authority_end);
    const std::size_t fragment = url.find('#', authority_end);
    if (q == std::string_view::npos || (fragment != std::string_view::npos && fragment < q))
        return out += url.substr(authority_end);
    out += url.substr(authority_end, q + 1 - authority_end);
    out += redact_query(url.substr(q + 1, fragment == std::string_view::npos ? std::string_view::npos : fragment - q - 1));
    if (fragment != std::string_view::npos) out += url.substr(fragment);
    return out;
}

}  // namespace vca::core
