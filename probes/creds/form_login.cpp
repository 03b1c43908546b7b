#include "probes/creds/form_login.hpp"

#include <cstddef>
#include <utility>
#include <vector>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"
#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

namespace limits = core::limits;

struct Field {
    std::string name;  // lower-case
    std::string value;
};

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    const char l = ascii::lower(c);
    if (l >= 'a' && l <= 'f') return l - 'a' + 10;
    return -1;
}

// Value of parameter `name` in "type/sub; a=b; name="v"" (quotes removed).
std::string header_param(std::string_view value, std::string_view name) {
    std::size_t start = value.find(';');
    while (start != std::string_view::npos) {
        std::size_t end = value.find(';', start + 1);
        std::string_view part = ascii::trim(value.substr(start + 1, end == std::string_view::npos ? end : end - start - 1));
        start = end;
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos || !ascii::iequals(ascii::trim(part.substr(0, eq)), name)) continue;
        std::string_view v = ascii::trim(part.substr(eq + 1));
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        return std::string(v);
    }
    return {};
}

void urlencoded_fields(std::string_view body, std::vector<Field>& out) {
    std::size_t start = 0;
    while (start <= body.size() && out.size() < limits::kMaxLoginFormFields) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view pair = body.substr(start, end - start);
        if (!pair.empty()) {
            const std::size_t eq = pair.find('=');
            Field f;
            f.name = ascii::to_lower(form_decode(pair.substr(0, eq)));
            if (eq != std::string_view::npos) f.value = form_decode(pair.substr(eq + 1));
            out.push_back(std::move(f));
        }
        start = end + 1;
    }
}

void multipart_fields(std::string_view body, std::string_view boundary, std::vector<Field>& out) {
    if (boundary.empty()) return;
    const std::string delimiter = "--" + std::string(boundary);
    std::size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos || (pos > 0 && body[pos - 1] != '\n')) return;
    while (out.size() < limits::kMaxLoginFormFields) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") return;  // close delimiter
        const std::size_t line_end = body.find('\n', pos);
        if (line_end == std::string_view::npos) return;
        std::size_t headers_end = body.find("\r\n\r\n", line_end);
        std::size_t content = headers_end == std::string_view::npos ? headers_end : headers_end + 4;
        if (headers_end == std::string_view::npos || body.find("\n\n", line_end) < headers_end) {
            headers_end = body.find("\n\n", line_end);
            content = headers_end == std::string_view::npos ? headers_end : headers_end + 2;
        }
        if (headers_end == std::string_view::npos) return;
        std::size_t next = body.find("\n" + delimiter, content);
        if (next == std::string_view::npos) return;  // cut: the value may be incomplete
        std::size_t value_end = next;
        if (value_end > content && body[value_end - 1] == '\r') --value_end;
        const std::string_view headers = body.substr(line_end + 1, headers_end - line_end - 1);
        std::string_view disposition;
        std::size_t h = 0;
        while (h < headers.size()) {
            std::size_t e = headers.find('\n', h);
            if (e == std::string_view::npos) e = headers.size();
            const std::string_view line = ascii::trim(headers.substr(h, e - h));
            if (ascii::istarts_with(line, "content-disposition:")) disposition = line.substr(20);
            h = e + 1;
        }
        // Files are not logins; a field without a name cannot be classified.
        if (!disposition.empty() && header_param(disposition, "filename").empty()) {
            Field f;
            f.name = ascii::to_lower(header_param(disposition, "name"));
            f.value = std::string(body.substr(content, value_end - content));
            if (!f.name.empty()) out.push_back(std::move(f));
        }
        pos = next + 1;
    }
}

bool is_password_name(std::string_view n) {
    return ascii::icontains(n, "pass") || ascii::icontains(n, "pwd") || n == "pw";
}

// Lower is better; 0 = not a user name field.
int user_rank(std::string_view n) {
    if (n.empty() || is_password_name(n)) return 0;
    static constexpr std::string_view kExact[] = {"username", "user",    "login",    "email", "name",
                                                  "uname",    "userid",  "user_id",  "usr",   "account",
                                                  "loginname", "j_username", "user_name", "login_name"};
    for (std::string_view e : kExact)
        if (n == e) return 1;
    if (ascii::icontains(n, "user")) return 2;
    if (ascii::icontains(n, "login") || ascii::icontains(n, "mail") || ascii::icontains(n, "account")) return 3;
    if (ascii::icontains(n, "name")) return 4;
    return 0;
}

}  // namespace

std::optional<FormEncoding> form_encoding(std::string_view content_type) {
    const std::string_view ct = ascii::trim(content_type);
    if (ascii::istarts_with(ct, "application/x-www-form-urlencoded")) return FormEncoding::UrlEncoded;
    if (ascii::istarts_with(ct, "multipart/form-data")) return FormEncoding::Multipart;
    return std::nullopt;
}

std::string form_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+' && plus_is_space) {
            out.push_back(' ');
        } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::optional<FormCredentials> find_form_credentials(std::string_view content_type, std::string_view body) {
    const auto encoding = form_encoding(content_type);
    if (!encoding) return std::nullopt;
    std::vector<Field> fields;
    if (*encoding == FormEncoding::UrlEncoded) {
        urlencoded_fields(body, fields);
    } else {
        multipart_fields(body, header_param(content_type, "boundary"), fields);
    }
    const Field* password = nullptr;
    const Field* user = nullptr;
    int best = 0;
    for (const Field& f : fields) {
        if (password == nullptr && is_password_name(f.name)) password = &f;
        const int rank = user_rank(f.name);
        if (rank > 0 && (best == 0 || rank < best)) {
            best = rank;
            user = &f;
        }
    }
    std::optional<FormCredentials> out;
    if (password != nullptr) {
        out.emplace();
        out->password = password->value;
        out->password_field = password->name;
        if (user != nullptr) {
            out->username = user->value;
            out->username_field = user->name;
        }
    }
    for (Field& f : fields) wipe(f.value);  // other fields may hold tokens too
    return out;
}

bool html_has_password_input(std::string_view html) {
    for (std::string_view needle : {"type=\"password\"", "type='password'", "type=password"})
        if (ascii::icontains(html, needle)) return true;
    return false;
}

}  // namespace vca::probes::creds
