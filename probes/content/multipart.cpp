#include "probes/content/multipart.hpp"

#include "auditor/core/ascii.hpp"
#include "probes/content/content_limits.hpp"
#include "probes/creds/form_login.hpp"

namespace vca::probes::content {

namespace ascii = core::ascii;

namespace {

constexpr std::size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1

std::string_view as_text(core::Bytes b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

// An RFC 8187 ext-value (charset'language'value): the value percent-decoded.
std::string ext_value(std::string_view v) {
    const std::size_t q = v.find("''");
    if (q != std::string_view::npos) v = v.substr(q + 2);
    return creds::form_decode(v, false);
}

}  // namespace

std::optional<std::string> header_parameter(std::string_view value, std::string_view name) {
    std::size_t pos = value.find(';');
    while (pos != std::string_view::npos && pos < value.size()) {
        std::size_t start = pos + 1;
        while (start < value.size() && ascii::is_blank(value[start])) ++start;
        const std::size_t eq = value.find('=', start);
        if (eq == std::string_view::npos) return std::nullopt;
        const std::string_view key = ascii::trim(value.substr(start, eq - start));
        std::size_t v = eq + 1;
        while (v < value.size() && ascii::is_blank(value[v])) ++v;
        std::string out;
        std::size_t next;
        if (v < value.size() && value[v] == '"') {  // quoted-string with backslash escapes
            std::size_t i = v + 1;
            while (i < value.size() && value[i] != '"') {
                if (value[i] == '\\' && i + 1 < value.size()) ++i;
                out.push_back(value[i++]);
            }
            next = value.find(';', i);
        } else {
            next = value.find(';', v);
            out = std::string(ascii::trim(value.substr(v, next == std::string_view::npos ? std::string_view::npos : next - v)));
        }
        if (ascii::iequals(key, name)) return out;
        pos = next;
    }
    return std::nullopt;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    if (!ascii::istarts_with(ascii::trim(content_type), "multipart/")) return std::nullopt;
    auto b = header_parameter(content_type, "boundary");
    if (!b || b->empty() || b->size() > kMaxBoundary) return std::nullopt;
    return b;
}

MultipartBody split_multipart(core::Bytes body, std::string_view boundary) {
    MultipartBody out;
    const std::string_view text = as_text(body);
    const std::string delimiter = "--" + std::string(boundary);
    // The first delimiter: at the very start or after a CRLF (a preamble before it is ignored).
    std::size_t at = text.rfind(delimiter, 0) == 0 ? 0 : text.find("\r\n" + delimiter);
    if (at == std::string_view::npos) return out;
    if (at != 0) at += 2;
    const std::string next_delimiter = "\r\n" + delimiter;
    while (true) {
        std::size_t pos = at + delimiter.size();
        if (text.substr(pos, 2) == "--") break;  // close delimiter
        const std::size_t line_end = text.find("\r\n", pos);  // transport padding up to CRLF
        if (line_end == std::string_view::npos) break;
        pos = line_end + 2;
        if (out.parts.size() >= limits::kMaxMultipartParts) {
            out.parts_limit = true;
            break;
        }
        MultipartPart part;
        // Part header fields up to the empty line.
        const std::size_t head_end = text.find("\r\n\r\n", pos - 2);
        if (head_end == std::string_view::npos || head_end + 4 - pos > limits::kMaxPartHeaderBytes) break;
        std::string_view head = text.substr(pos, head_end >= pos ? head_end - pos : 0);
        while (!head.empty()) {
            const std::size_t eol = head.find("\r\n");
            const std::string_view line = head.substr(0, eol);
            head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) continue;
            const std::string_view field = ascii::trim(line.substr(0, colon));
            const std::string_view value = ascii::trim(line.substr(colon + 1));
            if (ascii::iequals(field, "content-disposition")) {
                part.field = header_parameter(value, "name").value_or("");
                if (auto f = header_parameter(value, "filename*")) part.filename = ext_value(*f);
                else part.filename = header_parameter(value, "filename");
            } else if (ascii::iequals(field, "content-type")) {
                part.content_type = std::string(value);
            }
        }
        const std::size_t data_start = head_end + 4;
        const std::size_t end = text.find(next_delimiter, data_start);
        if (end == std::string_view::npos) {
            part.data = body.subspan(data_start);
            part.complete = false;
            out.parts.push_back(std::move(part));
            break;
        }
        part.data = body.subspan(data_start, end - data_start);
        out.parts.push_back(std::move(part));
        at = end + 2;
    }
    return out;
}

}  // namespace vca::probes::content
