// Value: one cell of a fact row. Typed (never map-of-strings) and nullable,
// because "unknown" (NULL) and "false" (0) mean different things to rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace vca::facts {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline Value null_value() { return std::monostate{}; }
inline Value opt_int(const std::optional<std::int64_t>& v) {
    return v ? Value{*v} : Value{std::monostate{}};
}
inline Value opt_bool(const std::optional<bool>& v) {
    return v ? Value{std::int64_t{*v ? 1 : 0}} : Value{std::monostate{}};
}
inline Value opt_text(const std::optional<std::string>& v) {
    return v ? Value{*v} : Value{std::monostate{}};
}
inline Value opt_real(const std::optional<double>& v) {
    return v ? Value{*v} : Value{std::monostate{}};
}

}  // namespace vca::facts
