// Test helpers for probes/h323: hex fixtures and reading h323_messages rows
// back by column name from a MemorySink.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/facts/fact_sink.hpp"
#include "auditor/facts/rows.hpp"

namespace vca::probes::h323::test {

// "03 00 00 0a ..." (spaces and newlines ignored) → bytes.
inline std::vector<std::uint8_t> hex(std::string_view text) {
    std::vector<std::uint8_t> out;
    int high = -1;
    for (char c : text) {
        int v = -1;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else if (c == ' ' || c == '\n' || c == '|') continue;
        else throw std::invalid_argument("bad hex fixture");
        if (high < 0) {
            high = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(high * 16 + v));
            high = -1;
        }
    }
    if (high >= 0) throw std::invalid_argument("odd hex fixture");
    return out;
}

inline std::size_t column(std::string_view name) {
    const auto& cols = facts::H323MessageRow::kColumns;
    const auto it = std::find(cols.begin(), cols.end(), name);
    if (it == cols.end()) throw std::invalid_argument("no column " + std::string(name));
    return static_cast<std::size_t>(it - cols.begin());
}

inline const facts::Value& cell(const facts::MemorySink::Entry& row, std::string_view name) {
    return row.cells.at(column(name));
}

inline bool is_null(const facts::MemorySink::Entry& row, std::string_view name) {
    return std::holds_alternative<std::monostate>(cell(row, name));
}

// The cell as text ("NULL" for NULL, digits for integers): readable failures.
inline std::string text(const facts::MemorySink::Entry& row, std::string_view name) {
    const facts::Value& v = cell(row, name);
    if (std::holds_alternative<std::monostate>(v)) return "NULL";
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
    return std::get<std::string>(v);
}

inline std::vector<facts::MemorySink::Entry> rows_of(const facts::MemorySink& sink, std::string_view table) {
    std::vector<facts::MemorySink::Entry> out;
    for (const auto& r : sink.rows)
        if (r.table == table) out.push_back(r);
    return out;
}

inline std::size_t anomalies(const facts::MemorySink& sink, std::string_view name) {
    std::size_t n = 0;
    for (const auto& r : sink.rows)
        if (r.table == "anomalies" && std::get<std::string>(r.cells[3]) == name) ++n;
    return n;
}

}  // namespace vca::probes::h323::test
