#include "reports/export/export_text.hpp"

#include <algorithm>
#include <cctype>

namespace vca::report {
namespace {

// Byte length of a whitespace character starting at `pos`, or 0.
std::size_t space_length(std::string_view s, std::size_t pos) {
    auto at = [&](std::size_t i) -> unsigned char { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; };
    const unsigned char c = at(pos);
    if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return 1;
    if (c == 0xc2 && (at(pos + 1) == 0x85 || at(pos + 1) == 0xa0)) return 2;        // NEL, NBSP
    if (c == 0xe1 && at(pos + 1) == 0x9a && at(pos + 2) == 0x80) return 3;          // U+1680
    if (c == 0xe2 && at(pos + 1) == 0x80 &&
        (at(pos + 2) <= 0x8a || at(pos + 2) == 0xa8 || at(pos + 2) == 0xa9 || at(pos + 2) == 0xaf))
        return 3;                                                                     // U+2000-200A, 2028, 2029, 202F
    if (c == 0xe2 && at(pos + 1) == 0x81 && at(pos + 2) == 0x9f) return 3;          // U+205F
    if (c == 0xe3 && at(pos + 1) == 0x80 && at(pos + 2) == 0x80) return 3;          // U+3000
    return 0;
}

}  // namespace

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        if (std::size_t n = space_length(text, i); n > 0) {
            pending_space = !out.empty();
            i += n;
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(text[i++]);
    }
    return out;
}

std::string uri_reference(std::string_view path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
    return out;
}

std::vector<std::int64_t> evidence_input_ids(std::string_view evidence) {
    // Bounded by the evidence text itself: one id per digit run at most.
    std::vector<std::int64_t> ids;
    constexpr std::string_view kWord = "input";
    for (std::size_t at = evidence.find(kWord); at != std::string_view::npos; at = evidence.find(kWord, at + 1)) {
        std::size_t pos = at + kWord.size();
        if (at > 0 && std::isalpha(static_cast<unsigned char>(evidence[at - 1]))) continue;
        if (pos < evidence.size() && evidence[pos] == 's') ++pos;  // "inputs 3,4"
        while (pos < evidence.size() && evidence[pos] == ' ') ++pos;
        while (pos < evidence.size() && std::isdigit(static_cast<unsigned char>(evidence[pos]))) {
            std::int64_t id = 0;
            std::size_t digits = 0;
            for (; pos < evidence.size() && std::isdigit(static_cast<unsigned char>(evidence[pos])) && digits < 12;
                 ++pos, ++digits)
                id = id * 10 + (evidence[pos] - '0');
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
            while (pos < evidence.size() && std::isdigit(static_cast<unsigned char>(evidence[pos]))) ++pos;
            if (pos + 1 < evidence.size() && evidence[pos] == ',' &&
                std::isdigit(static_cast<unsigned char>(evidence[pos + 1])))
                ++pos;
        }
    }
    return ids;
}

}  // namespace vca::report
