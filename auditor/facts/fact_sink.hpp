// FactSink: where probes put what they saw. Probes know only this interface
// (never SQLite); the evidence store implements it with batched inserts.
#pragma once

#include <string_view>

#include "auditor/facts/rows.hpp"

namespace vca::facts {

class FactSink {
public:
    virtual ~FactSink() = default;
    // `cells` follow the column order of `table` in the schema.
    virtual void emit(std::string_view table, const Cells& cells) = 0;

    template <typename Row>
    void add(const Row& row) {
        emit(Row::kTable, row.cells());
    }
};

// A sink that keeps rows in memory: for unit tests of probes.
class MemorySink final : public FactSink {
public:
    struct Entry {
        std::string table;
        Cells cells;
    };
    void emit(std::string_view table, const Cells& cells) override {
        rows.push_back(Entry{std::string(table), cells});
    }
    [[nodiscard]] std::size_t count(std::string_view table) const {
        std::size_t n = 0;
        for (const auto& r : rows) n += r.table == table ? 1 : 0;
        return n;
    }
    std::vector<Entry> rows;
};

}  // namespace vca::facts
