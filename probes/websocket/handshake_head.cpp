#include "probes/websocket/handshake_head.hpp"

#include "auditor/core/ascii.hpp"

namespace vca::probes::websocket {
namespace {

namespace ascii = core::ascii;

std::string_view without_cr(std::string_view line) {
    return (!line.empty() && line.back() == '\r') ? line.substr(0, line.size() - 1) : line;
}

bool http1_version(std::string_view v) { return v.size() == 8 && v.substr(0, 7) == "HTTP/1." && ascii::is_digit(v[7]); }

bool parse_start_line(std::string_view line, HandshakeHead& out) {
    std::string_view rest;
    const std::string_view first = ascii::first_word(line, &rest);
    if (http1_version(first)) {
        const std::string_view code = ascii::first_word(rest);
        if (code.size() != 3) return false;
        const auto v = ascii::parse_decimal(code);
        if (!v) return false;
        out.request = false;
        out.status = static_cast<int>(*v);
        return true;
    }
    if (first.empty()) return false;
    for (char c : first)
        if (!(c >= 'A' && c <= 'Z')) return false;
    std::string_view after_target;
    const std::string_view target = ascii::first_word(rest, &after_target);
    if (target.empty() || !http1_version(ascii::trim(after_target))) return false;
    out.request = true;
    out.method = std::string(first);
    out.target = std::string(target);
    return true;
}

void append_value(std::string& to, std::string_view value) {
    if (!to.empty()) to += ", ";
    to += value;
}

// The kept field a name maps to, or nullptr for the fields not kept.
std::string* kept_field(std::string_view name, HandshakeHead& out) {
    if (ascii::iequals(name, "upgrade")) return &out.upgrade;
    if (ascii::iequals(name, "connection")) return &out.connection;
    if (ascii::iequals(name, "sec-websocket-protocol")) return &out.protocol;
    if (ascii::iequals(name, "sec-websocket-extensions")) return &out.extensions;
    if (ascii::iequals(name, "sec-websocket-version")) return &out.ws_version;
    return nullptr;
}

}  // namespace

std::size_t find_head_end(std::string_view bytes, std::size_t from) {
    for (std::size_t i = from; i < bytes.size(); ++i) {
        if (bytes[i] != '\n') continue;
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n') return i + 2;
        if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return i + 3;
    }
    return std::string_view::npos;
}

bool parse_handshake_head(std::string_view head, HandshakeHead& out) {
    out = HandshakeHead{};
    std::size_t pos = 0;
    bool first = true;
    std::string* last = nullptr;  // the field an obs-fold line continues
    while (pos < head.size()) {
        std::size_t nl = head.find('\n', pos);
        if (nl == std::string_view::npos) nl = head.size();
        const std::string_view line = without_cr(head.substr(pos, nl - pos));
        pos = nl + 1;
        if (first) {
            if (!parse_start_line(line, out)) return false;
            first = false;
            continue;
        }
        if (line.empty()) break;
        if (ascii::is_blank(line.front())) {
            if (last != nullptr) {
                *last += ' ';
                *last += ascii::trim(line, ascii::kBlanks);
            }
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            last = nullptr;
            continue;  // not a field line: ignored, as a lenient reader would
        }
        last = kept_field(line.substr(0, colon), out);
        if (last != nullptr) append_value(*last, ascii::trim(line.substr(colon + 1), ascii::kBlanks));
    }
    return !first;
}

bool has_token(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        std::string_view item = ascii::trim(list.substr(0, comma), ascii::kBlanks);
        const std::size_t slash = item.find('/');
        if (slash != std::string_view::npos) item = item.substr(0, slash);
        if (ascii::iequals(ascii::trim(item, ascii::kBlanks), token)) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace vca::probes::websocket
