// Result<T>: the control-plane error channel (CLI, policy, rules, keys).
// Modelled on std::expected so it can become that type under C++23.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace vca::core {

// One user-facing problem: what went wrong, where, and how to fix it.
// `code` is stable (E1xx input, E2xx policy, E3xx rules, E4xx keys/signature).
struct Diagnostic {
    std::string code;
    std::string message;   // names the thing ("capture.pcap: not a pcap or pcapng file")
    std::string hint;      // names the fix ("pass a capture written by tcpdump/dumpcap")
    std::string location;  // file[:line[:col]] when known

    // One line: "error E101: <location>: <message> (<hint>)".
    [[nodiscard]] std::string line() const {
        std::string s = "error " + code + ": ";
        if (!location.empty()) s += location + ": ";
        s += message;
        if (!hint.empty()) s += " — " + hint;
        return s;
    }
};

inline Diagnostic make_diag(std::string code, std::string message, std::string hint = {},
                            std::string location = {}) {
    return Diagnostic{std::move(code), std::move(message), std::move(hint), std::move(location)};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}                // NOLINT(google-explicit-constructor)
    Result(Diagnostic diag) : v_(std::move(diag)) {}         // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<T>(v_); }
    const T& value() const& { return std::get<T>(v_); }
    T&& value() && { return std::get<T>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    [[nodiscard]] const Diagnostic& error() const { return std::get<Diagnostic>(v_); }

private:
    std::variant<T, Diagnostic> v_;
};

// Result<void>: success carries nothing.
struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace vca::core
