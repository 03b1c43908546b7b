#include "auditor/core/url_redaction.hpp"

#include "auditor/core/ascii.hpp"

namespace vca::core {

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
    // Userinfo sits before the first '/', '?' or '#' and ends at the last '@' there.
    const auto authority_end = url.find_first_of("/?#");
    const auto at = url.substr(0, authority_end).rfind('@');
    if (at != std::string_view::npos) {
        out += kRedactedValue;
        url.remove_prefix(at);  // keeps the '@'
    }
    const auto query = url.find('?');
    if (query == std::string_view::npos) return out += url;
    out += url.substr(0, query + 1);
    std::string_view rest = url.substr(query + 1);
    std::string_view fragment;
    if (const auto hash = rest.find('#'); hash != std::string_view::npos) {
        fragment = rest.substr(hash);
        rest = rest.substr(0, hash);
    }
    bool first = true;
    while (true) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        if (!first) out += '&';
        first = false;
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && is_secret_parameter(pair.substr(0, eq))) {
            out += pair.substr(0, eq + 1);
            out += kRedactedValue;
        } else {
            out += pair;
        }
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    return out += fragment;
}

}  // namespace vca::core
