// Small pieces of wording shared by the timeline and the exfiltration paths.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vca::investigate {

// "10.0.0.1:5060", "[2001:db8::1]:5060".
inline std::string endpoint(const std::string& ip, std::int64_t port) {
    if (ip.find(':') != std::string::npos) return "[" + ip + "]:" + std::to_string(port);
    return ip + ":" + std::to_string(port);
}

// Where a destination lies: the words differ when the site declared no networks.
struct Placement {
    std::string vi, en;
};
inline Placement placement(bool declared, std::optional<bool> inside) {
    if (!declared || !inside) return {"(mạng cho phép: chưa khai báo)", "(allowed networks: not declared)"};
    if (*inside) return {"trong mạng cho phép", "inside the allowed networks"};
    return {"NGOÀI mạng cho phép", "OUTSIDE the allowed networks"};
}

inline std::string encrypted_vi(std::optional<std::int64_t> e) {
    if (!e) return "không rõ có mã hoá";
    return *e != 0 ? "đã mã hoá (SRTP)" : "KHÔNG mã hoá (RTP rõ)";
}
inline std::string encrypted_en(std::optional<std::int64_t> e) {
    if (!e) return "encryption unknown";
    return *e != 0 ? "encrypted (SRTP)" : "NOT encrypted (plain RTP)";
}

}  // namespace vca::investigate
