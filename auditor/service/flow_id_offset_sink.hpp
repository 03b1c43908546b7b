// FlowIdOffsetSink: passes rows on to another sink with every flow_id moved
// up by a fixed offset. A resumed capture's analyzer numbers flows from 1
// again; the offset keeps them after the flows already in the store.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "auditor/facts/fact_sink.hpp"

namespace vca::service {

class FlowIdOffsetSink final : public facts::FactSink {
public:
    FlowIdOffsetSink(facts::FactSink& next, std::int64_t offset) : next_(next), offset_(offset) {}
    void emit(std::string_view table, const facts::Cells& cells) override;

private:
    const std::vector<std::size_t>& flow_columns(std::string_view table);
    facts::FactSink& next_;
    std::int64_t offset_;
    std::map<std::string, std::vector<std::size_t>, std::less<>> columns_;  // table → positions of flow_id
};

}  // namespace vca::service
