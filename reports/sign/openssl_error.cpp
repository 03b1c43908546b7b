#include "reports/sign/openssl_error.hpp"

#include <openssl/err.h>

#include <algorithm>
#include <array>
#include <vector>

namespace vca::sign {

void clear_openssl_errors() { ERR_clear_error(); }

std::string drain_openssl_errors() {
    std::string out;
    std::vector<std::string> seen;  // decoders retrying report the same error repeatedly
    const char* data = nullptr;
    int flags = 0;
    // Bounded: a pathological queue cannot grow the message without limit.
    for (int n = 0; n < 16; ++n) {
        const unsigned long e = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags);
        if (e == 0) break;
        std::array<char, 256> buf{};
        ERR_error_string_n(e, buf.data(), buf.size());
        std::string entry = buf.data();
        // Extra context OpenSSL attached, e.g. "Verify error: self-signed certificate".
        if ((flags & ERR_TXT_STRING) != 0 && data != nullptr && *data != '\0') {
            entry += " (";
            entry += data;
            entry += ")";
        }
        if (std::find(seen.begin(), seen.end(), entry) != seen.end()) continue;
        if (!out.empty()) out += "; ";
        out += entry;
        seen.push_back(std::move(entry));
    }
    ERR_clear_error();
    return out;
}

core::Diagnostic openssl_diag(std::string code, std::string message, std::string hint,
                              std::string location) {
    const std::string queue = drain_openssl_errors();
    if (!queue.empty()) message += " [openssl: " + queue + "]";
    return core::make_diag(std::move(code), std::move(message), std::move(hint),
                           std::move(location));
}

}  // namespace vca::sign
