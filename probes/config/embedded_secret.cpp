#include "probes/config/embedded_secret.hpp"

#include <array>

namespace vca::probes::config {
namespace {

std::optional<std::pair<std::size_t, std::size_t>> url_password(std::string_view v) {
    std::size_t scheme = v.find("://");
    if (scheme == std::string_view::npos) return std::nullopt;
    std::size_t start = scheme + 3;
    std::size_t end = v.find_first_of("/?# \t", start);
    std::string_view authority = v.substr(start, end == std::string_view::npos ? v.npos : end - start);
    std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t colon = authority.find(':');
    if (colon == std::string_view::npos || colon > at || colon + 1 == at) return std::nullopt;
    return std::make_pair(start + colon + 1, at - colon - 1);
}

std::optional<std::pair<std::size_t, std::size_t>> keyword_password(std::string_view v) {
    constexpr std::array kNames{std::string_view("password="), std::string_view("passwd="),
                                std::string_view("pwd="), std::string_view("secret=")};
    for (std::string_view name : kNames) {
        for (std::size_t at = v.find(name); at != std::string_view::npos; at = v.find(name, at + 1)) {
            std::size_t start = at + name.size();
            bool quoted = start < v.size() && (v[start] == '\'' || v[start] == '"');
            if (quoted) {
                std::size_t close = v.find(v[start], start + 1);
                if (close == std::string_view::npos) close = v.size();
                if (close > start + 1) return std::make_pair(start + 1, close - start - 1);
                continue;
            }
            std::size_t end = v.find_first_of(" \t;&", start);
            if (end == std::string_view::npos) end = v.size();
            if (end > start) return std::make_pair(start, end - start);
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::pair<std::size_t, std::size_t>> embedded_secret(std::string_view value) {
    if (auto u = url_password(value)) return u;
    return keyword_password(value);
}

}  // namespace vca::probes::config
