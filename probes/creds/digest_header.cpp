#include "probes/creds/digest_header.hpp"

#include "auditor/core/ascii.hpp"

#include <cstddef>


namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

bool is_tchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
        case '-': case '.': case '^': case '_': case '`': case '|': case '~':
            return true;
        default:
            return false;
    }
}

bool is_token68_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == '+' || c == '/';
}

// Unquoted parameter values: the grammar says token, but devices send URIs
// and nonces with '/', ':' or '=' unquoted; accept anything up to a
// delimiter rather than lose the credential.
bool is_loose_value_char(char c) {
    return c != ',' && c != '"' && !ascii::is_blank(c) && static_cast<unsigned char>(c) > 0x20 && c != 0x7F;
}

class Cursor {
public:
    explicit Cursor(std::string_view s) : s_(s) {}
    [[nodiscard]] bool end() const { return p_ >= s_.size(); }
    [[nodiscard]] char peek() const { return end() ? '\0' : s_[p_]; }
    [[nodiscard]] std::size_t pos() const { return p_; }
    void seek(std::size_t p) { p_ = p; }
    // CR and LF count as blanks so a folded value (RFC 3261 §7.3.1,
    // obs-fold in HTTP) parses as if it had been unfolded.
    static bool blank(char c) { return ascii::is_blank(c) || c == '\r' || c == '\n'; }
    void skip_ows() {
        while (!end() && blank(s_[p_])) ++p_;
    }
    void skip_ows_and_commas() {
        while (!end() && (blank(s_[p_]) || s_[p_] == ',')) ++p_;
    }
    std::string_view run(bool (*pred)(char)) {
        const std::size_t start = p_;
        while (!end() && pred(s_[p_])) ++p_;
        return s_.substr(start, p_ - start);
    }
    // After the opening quote; false when the closing quote is missing.
    bool quoted(std::string& out) {
        while (!end()) {
            const char c = s_[p_++];
            if (c == '"') return true;
            if (c == '\\') {
                if (end()) return false;
                out.push_back(s_[p_++]);
                continue;
            }
            out.push_back(c);
        }
        return false;
    }

    // Whether an auth-param (name BWS "=" BWS value) starts here, as opposed
    // to a token68 ("abc==") or the next scheme of a challenge list.
    [[nodiscard]] bool at_param() const {
        Cursor c = *this;
        if (c.run(is_tchar).empty()) return false;
        c.skip_ows();
        if (c.peek() != '=') return false;
        ++c.p_;
        c.skip_ows();
        return !c.end() && c.peek() != '=' && c.peek() != ',';
    }

private:
    std::string_view s_;
    std::size_t p_ = 0;
};

bool parse_params(Cursor& c, AuthScheme& scheme) {
    for (;;) {
        AuthParam p;
        p.name = ascii::to_lower(c.run(is_tchar));
        if (p.name.empty()) return false;
        c.skip_ows();
        if (c.peek() != '=') return false;
        c.seek(c.pos() + 1);
        c.skip_ows();
        if (c.peek() == '"') {
            c.seek(c.pos() + 1);
            if (!c.quoted(p.value)) return false;
            p.quoted = true;
        } else {
            const std::string_view v = c.run(is_loose_value_char);
            if (v.empty()) return false;
            p.value = std::string(v);
        }
        scheme.params.push_back(std::move(p));
        c.skip_ows();
        if (c.end()) return true;
        if (c.peek() != ',') return false;
        const std::size_t after_comma = c.pos();
        c.skip_ows_and_commas();
        if (c.end()) return true;
        if (!c.at_param()) {  // the next challenge of the list begins
            c.seek(after_comma);
            return true;
        }
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 8187 ext-value: charset "'" [language] "'" pct-encoded value.
std::string decode_ext_value(std::string_view v) {
    const std::size_t q1 = v.find('\'');
    const std::size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
    if (q2 != std::string_view::npos) v = v.substr(q2 + 1);
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '%' && i + 2 < v.size() && hex_value(v[i + 1]) >= 0 && hex_value(v[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(v[i + 1]) * 16 + hex_value(v[i + 2])));
            i += 2;
        } else {
            out.push_back(v[i]);
        }
    }
    return out;
}

std::string value_of(const AuthScheme& s, std::string_view name) {
    const std::string* v = s.param(name);
    return v ? *v : std::string();
}

bool is_true(const AuthScheme& s, std::string_view name) {
    const std::string* v = s.param(name);
    return v && ascii::iequals(*v, "true");
}

DigestChallenge to_challenge(const AuthScheme& s) {
    DigestChallenge c;
    c.realm = value_of(s, "realm");
    c.nonce = value_of(s, "nonce");
    c.opaque = value_of(s, "opaque");
    c.domain = value_of(s, "domain");
    c.charset = value_of(s, "charset");
    c.algorithm = value_of(s, "algorithm");
    c.stale = is_true(s, "stale");
    c.userhash = is_true(s, "userhash");
    const std::string qop = value_of(s, "qop");
    std::size_t start = 0;
    while (start <= qop.size()) {
        std::size_t comma = qop.find(',', start);
        if (comma == std::string::npos) comma = qop.size();
        const std::string_view option = ascii::trim(std::string_view(qop).substr(start, comma - start));
        if (!option.empty()) c.qop_options.emplace_back(option);
        start = comma + 1;
    }
    return c;
}

}  // namespace

const std::string* AuthScheme::param(std::string_view lower_name) const {
    for (const auto& p : params)
        if (p.name == lower_name) return &p.value;
    return nullptr;
}

std::optional<std::vector<AuthScheme>> parse_auth_header(std::string_view value) {
    std::vector<AuthScheme> out;
    Cursor c(value);
    for (;;) {
        c.skip_ows_and_commas();
        if (c.end()) break;
        AuthScheme scheme;
        scheme.scheme = std::string(c.run(is_tchar));
        if (scheme.scheme.empty()) return std::nullopt;
        const std::size_t after_name = c.pos();
        c.skip_ows();
        if (c.end() || c.peek() == ',') {
            out.push_back(std::move(scheme));
            continue;
        }
        if (c.pos() == after_name) return std::nullopt;  // "Basic=..." or "Basic\"..."
        if (c.at_param()) {
            if (!parse_params(c, scheme)) return std::nullopt;
        } else {
            const std::size_t start = c.pos();
            c.run(is_token68_char);
            while (c.peek() == '=') c.seek(c.pos() + 1);
            if (c.pos() == start) return std::nullopt;
            scheme.token68 = std::string(value.substr(start, c.pos() - start));
            c.skip_ows();
            if (!c.end() && c.peek() != ',') return std::nullopt;
        }
        out.push_back(std::move(scheme));
    }
    return out;
}

std::optional<DigestCredentials> parse_digest_authorization(std::string_view header_value) {
    auto schemes = parse_auth_header(header_value);
    if (!schemes || schemes->empty()) return std::nullopt;
    const AuthScheme& s = schemes->front();
    if (!ascii::iequals(s.scheme, "Digest") || s.param("response") == nullptr) return std::nullopt;
    DigestCredentials d;
    if (const std::string* u = s.param("username")) {
        d.username = *u;
    } else if (const std::string* ext = s.param("username*")) {
        d.username = decode_ext_value(*ext);
    }
    DigestParams& p = d.params;
    p.realm = value_of(s, "realm");
    p.nonce = value_of(s, "nonce");
    p.uri = value_of(s, "uri");
    p.algorithm = value_of(s, "algorithm");
    p.qop = value_of(s, "qop");
    p.nc = value_of(s, "nc");
    p.cnonce = value_of(s, "cnonce");
    p.response = value_of(s, "response");
    p.opaque = value_of(s, "opaque");
    p.userhash = is_true(s, "userhash");
    return d;
}

std::optional<DigestParams> parse_digest_credentials(std::string_view header_value) {
    auto d = parse_digest_authorization(header_value);
    if (!d) return std::nullopt;
    return std::move(d->params);
}

std::vector<DigestChallenge> parse_digest_challenges(std::string_view header_value) {
    std::vector<DigestChallenge> out;
    auto schemes = parse_auth_header(header_value);
    if (!schemes) return out;
    for (const auto& s : *schemes)
        if (ascii::iequals(s.scheme, "Digest")) out.push_back(to_challenge(s));
    return out;
}

std::optional<DigestChallenge> parse_digest_challenge(std::string_view header_value) {
    auto all = parse_digest_challenges(header_value);
    if (all.empty()) return std::nullopt;
    return std::move(all.front());
}

}  // namespace vca::probes::creds
