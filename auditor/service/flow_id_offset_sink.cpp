#include "auditor/service/flow_id_offset_sink.hpp"

#include "auditor/facts/schema.hpp"

namespace vca::service {

const std::vector<std::size_t>& FlowIdOffsetSink::flow_columns(std::string_view table) {
    auto it = columns_.find(table);
    if (it != columns_.end()) return it->second;
    std::vector<std::size_t> positions;
    if (const facts::TableDef* def = facts::find_table(table))
        for (std::size_t i = 0; i < def->columns.size(); ++i)
            if (def->columns[i].name == "flow_id") positions.push_back(i);
    return columns_.emplace(std::string(table), std::move(positions)).first->second;
}

void FlowIdOffsetSink::emit(std::string_view table, const facts::Cells& cells) {
    const auto& positions = flow_columns(table);
    if (offset_ == 0 || positions.empty()) {
        next_.emit(table, cells);
        return;
    }
    facts::Cells moved = cells;
    for (std::size_t i : positions)
        if (i < moved.size())
            if (auto* id = std::get_if<std::int64_t>(&moved[i])) *id += offset_;
    next_.emit(table, moved);
}

}  // namespace vca::service
