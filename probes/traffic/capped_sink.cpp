#include "probes/traffic/capped_sink.hpp"

namespace vca::probes::traffic {

void CappedSink::emit(std::string_view table, const facts::Cells& cells) {
    if (table != facts::AnomalyRow::kTable) {
        inner_.emit(table, cells);
        return;
    }
    const auto* input = std::get_if<std::int64_t>(&cells[0]);
    const auto* name = std::get_if<std::string>(&cells[3]);
    std::int64_t input_id = input != nullptr ? *input : 0;
    std::string key = name != nullptr ? *name : "";
    ++totals_[key];
    if (static_cast<std::size_t>(++per_input_[{input_id, key}]) <= max_) inner_.emit(table, cells);
}

void CappedSink::finish() {
    for (const auto& [key, n] : per_input_) {
        if (static_cast<std::size_t>(n) <= max_) continue;
        facts::AnomalyRow row;
        row.input_id = key.first;
        row.name = key.second;
        row.detail = "limit: " + std::to_string(n - static_cast<std::int64_t>(max_)) +
                     " further occurrences not listed one by one";
        row.count = n - static_cast<std::int64_t>(max_);
        inner_.add(row);
    }
    per_input_.clear();
}

}  // namespace vca::probes::traffic
