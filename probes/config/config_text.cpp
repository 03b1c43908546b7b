#include "probes/config/config_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "probes/config/config_limits.hpp"

namespace vca::probes::config::text {

std::string_view strip_bom(std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return text;
}

std::string_view strip_quotes(std::string_view s) {
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        return s.substr(1, s.size() - 2);
    return s;
}

std::optional<bool> parse_bool(std::string_view s) {
    s = trim(strip_quotes(trim(s)));
    constexpr std::array kTrue{"yes", "true", "on", "1", "enable", "enabled", "y"};
    constexpr std::array kFalse{"no", "false", "off", "0", "disable", "disabled", "n"};
    for (const char* t : kTrue)
        if (ascii::iequals(s, t)) return true;
    for (const char* f : kFalse)
        if (ascii::iequals(s, f)) return false;
    return std::nullopt;
}

std::string on_off(bool b) { return b ? "on" : "off"; }

std::string url_scheme(std::string_view url) {
    url = trim(strip_quotes(trim(url)));
    const auto sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0) return {};
    const std::string_view scheme = url.substr(0, sep);
    for (char c : scheme)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
    return ascii::to_lower(scheme);
}

std::optional<std::string> tls_version(std::string_view name) {
    std::string n = ascii::to_lower(trim(strip_quotes(trim(name))));
    // Normalise the spellings: "tlsv1_2", "tlsv1.2", "tls1.2", "tls1_2", "tlsv12".
    n.erase(std::remove(n.begin(), n.end(), '_'), n.end());
    n.erase(std::remove(n.begin(), n.end(), '.'), n.end());
    if (!n.empty() && (n.back() == '+' || n.back() == '-')) n.pop_back();
    if (n == "sslv23" || n == "sslv2" || n == "sslv3" || n == "ssl3" || n == "ssl2" || n == "tls" || n == "any" ||
        n == "all" || n == "tlsany")
        return "1.0";
    if (n.rfind("tlsv", 0) == 0)
        n.erase(0, 4);
    else if (n.rfind("tls", 0) == 0)
        n.erase(0, 3);
    else
        return std::nullopt;
    if (n == "1" || n == "10") return "1.0";
    if (n == "11") return "1.1";
    if (n == "12") return "1.2";
    if (n == "13") return "1.3";
    return std::nullopt;
}

std::string url_password(std::string_view url) {
    url = trim(strip_quotes(trim(url)));
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    std::string_view authority = url.substr(scheme + 3);
    authority = authority.substr(0, authority.find('/'));
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) return {};
    const std::string_view userinfo = authority.substr(0, at);
    const auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) return {};
    return std::string(userinfo.substr(colon + 1));
}

std::optional<long> parse_int(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    long v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

ConfigBuilder::ConfigBuilder(Format format) { out_.format = format; }

void ConfigBuilder::raw(std::string key, std::string value, int line) {
    if (out_.raw.size() >= limits::kMaxRawSettings) {
        if (!full_) issue(line, "more than " + std::to_string(limits::kMaxRawSettings) + " settings: the rest is not read");
        full_ = true;
        return;
    }
    out_.raw.push_back(RawSetting{std::move(key), std::move(value), line});
}

void ConfigBuilder::set(std::string_view key, std::string value, std::string raw_key, int line,
                        std::optional<bool> placeholder) {
    if (trim(value).empty()) return;
    if (out_.settings.size() >= limits::kMaxSettings) {
        if (!full_) issue(line, "more than " + std::to_string(limits::kMaxSettings) + " normalised settings: the rest is not read");
        full_ = true;
        return;
    }
    Setting s;
    s.key = std::string(key);
    s.placeholder = placeholder.value_or(is_placeholder(value));
    s.value = std::move(value);
    s.raw_key = std::move(raw_key);
    s.line = line;
    s.source = Source::File;
    out_.settings.push_back(std::move(s));
}

void ConfigBuilder::set_default(std::string_view key, std::string value) {
    if (out_.settings.size() >= limits::kMaxSettings) return;
    // One default row says it for every object that is silent.
    for (const Setting& s : out_.settings)
        if (s.source == Source::Default && s.key == key && s.value == value) return;
    Setting s;
    s.key = std::string(key);
    s.value = std::move(value);
    s.source = Source::Default;
    out_.settings.push_back(std::move(s));
}

void ConfigBuilder::issue(int line, std::string message) {
    if (issues_full_) return;
    if (out_.issues.size() + 1 >= limits::kMaxIssues) {
        issues_full_ = true;
        out_.issues.push_back(ParseIssue{line, "more than " + std::to_string(limits::kMaxIssues) +
                                                   " problems: the rest are not reported"});
        return;
    }
    out_.issues.push_back(ParseIssue{line, std::move(message)});
}

bool ConfigBuilder::has(std::string_view key) const {
    return std::any_of(out_.settings.begin(), out_.settings.end(), [&](const Setting& s) { return s.key == key; });
}

void add_url(ConfigBuilder& out, std::string_view url_key, std::string_view scheme_key, std::string_view value,
             const std::string& raw_key, int line) {
    value = trim(strip_quotes(trim(value)));
    if (value.empty()) return;
    out.set(url_key, std::string(value), raw_key, line);
    const auto sep = value.find("://");
    if (sep == std::string_view::npos || sep == 0) return;
    const std::string scheme = url_scheme(value);
    if (!scheme.empty())
        out.set(scheme_key, scheme, raw_key, line, false);
    else if (is_placeholder(value.substr(0, sep)))
        out.set(scheme_key, std::string(value.substr(0, sep)), raw_key, line, true);
}

bool matches_indexed(std::string_view key, std::string_view pattern) {
    std::size_t k = 0;
    for (std::size_t p = 0; p < pattern.size(); ++p) {
        if (pattern[p] == '#') {
            const std::size_t start = k;
            while (k < key.size() && std::isdigit(static_cast<unsigned char>(key[k]))) ++k;
            if (k == start) return false;
        } else {
            if (k >= key.size() || ascii::lower(key[k]) != ascii::lower(pattern[p])) return false;
            ++k;
        }
    }
    return k == key.size();
}

std::vector<Line> split_lines(std::string_view text, ConfigBuilder& out) {
    text = strip_bom(text);
    if (text.size() > limits::kMaxConfigBytes) {
        out.issue(0, "file larger than " + std::to_string(limits::kMaxConfigBytes) + " bytes: only the start is read");
        text = text.substr(0, limits::kMaxConfigBytes);
    }
    std::vector<Line> lines;
    int number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = pos;
        while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
        std::string_view line = text.substr(pos, end - pos);
        ++number;
        if (line.size() > limits::kMaxLineLength) {
            out.issue(number, "line longer than " + std::to_string(limits::kMaxLineLength) + " characters: cut");
            line = line.substr(0, limits::kMaxLineLength);
        }
        lines.push_back(Line{line, number});
        if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
        pos = end + 1;
    }
    return lines;
}

}  // namespace vca::probes::config::text
