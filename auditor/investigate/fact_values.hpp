// Reading cells of query results: facts are nullable, so every accessor says
// what NULL becomes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "auditor/facts/value.hpp"

namespace vca::investigate {

inline std::optional<double> opt_real_of(const facts::Value& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::nullopt;
}

inline double real_of(const facts::Value& v) { return opt_real_of(v).value_or(0.0); }

inline std::optional<std::int64_t> opt_int_of(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    return std::nullopt;
}

inline std::int64_t int_of(const facts::Value& v) { return opt_int_of(v).value_or(0); }

inline std::string text_of(const facts::Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    return "";
}

inline bool is_null(const facts::Value& v) { return std::holds_alternative<std::monostate>(v); }

}  // namespace vca::investigate
