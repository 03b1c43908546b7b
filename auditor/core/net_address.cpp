#include "auditor/core/net_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace vca::core {

std::string format_ip(std::span<const std::uint8_t> addr) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (addr.size() == 4) {
        inet_ntop(AF_INET, addr.data(), buf, sizeof buf);
    } else if (addr.size() == 16) {
        inet_ntop(AF_INET6, addr.data(), buf, sizeof buf);
    } else {
        return "?";
    }
    return buf;
}

namespace {

bool parse_ip(std::string_view text, std::array<std::uint8_t, 16>& out, bool& v6) {
    std::string s(text);
    out.fill(0);
    if (inet_pton(AF_INET, s.c_str(), out.data()) == 1) {
        v6 = false;
        return true;
    }
    if (inet_pton(AF_INET6, s.c_str(), out.data()) == 1) {
        v6 = true;
        return true;
    }
    return false;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<Cidr> parse_cidr(std::string_view text) {
    text = trim(text);
    Cidr c;
    auto slash = text.find('/');
    std::string_view addr = text.substr(0, slash);
    if (!parse_ip(addr, c.bytes, c.v6)) return std::nullopt;
    int max_prefix = c.v6 ? 128 : 32;
    if (slash == std::string_view::npos) {
        c.prefix = max_prefix;
        return c;
    }
    std::string_view p = text.substr(slash + 1);
    int prefix = -1;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (ec != std::errc{} || end != p.data() + p.size() || prefix < 0 || prefix > max_prefix)
        return std::nullopt;
    c.prefix = prefix;
    return c;
}

namespace {

bool contains(const Cidr& net, const std::array<std::uint8_t, 16>& a, bool v6) {
    if (v6 != net.v6) return false;
    int full = net.prefix / 8;
    if (std::memcmp(a.data(), net.bytes.data(), static_cast<std::size_t>(full)) != 0) return false;
    int rest = net.prefix % 8;
    if (rest == 0) return true;
    auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
    return (a[static_cast<std::size_t>(full)] & mask) == (net.bytes[static_cast<std::size_t>(full)] & mask);
}

}  // namespace

bool cidr_contains(const Cidr& net, std::string_view ip) {
    std::array<std::uint8_t, 16> a{};
    bool v6 = false;
    return parse_ip(ip, a, v6) && contains(net, a, v6);
}

std::vector<Cidr> parse_cidr_list(std::string_view list) {
    std::vector<Cidr> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find_first_of(", ", start);
        if (end == std::string_view::npos) end = list.size();
        std::string_view item = list.substr(start, end - start);
        if (!item.empty())
            if (auto c = parse_cidr(item)) out.push_back(*c);
        start = end + 1;
    }
    return out;
}

bool ip_in_cidrs(std::string_view ip, std::span<const Cidr> nets) {
    if (nets.empty()) return false;
    std::array<std::uint8_t, 16> a{};
    bool v6 = false;
    if (!parse_ip(ip, a, v6)) return false;
    for (const auto& n : nets)
        if (contains(n, a, v6)) return true;
    return false;
}

bool ip_in_cidr_list(std::string_view ip, std::string_view list) { return ip_in_cidrs(ip, parse_cidr_list(list)); }

}  // namespace vca::core
