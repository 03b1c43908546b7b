// CappedSink: passes facts through, but keeps at most
// limits::kMaxAnomaliesPerName anomaly rows per (input, name); the rest are
// folded into one summary row per name when finish() is called, so a flood of
// bad packets cannot flood the store while its size still shows.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "auditor/facts/fact_sink.hpp"

namespace vca::probes::traffic {

class CappedSink final : public facts::FactSink {
public:
    CappedSink(facts::FactSink& inner, std::size_t max_per_name) : inner_(inner), max_(max_per_name) {}

    void emit(std::string_view table, const facts::Cells& cells) override;

    // Emits the summary rows for names that went over the cap.
    void finish();

    // Anomalies seen per name (including suppressed ones).
    [[nodiscard]] const std::map<std::string, std::int64_t>& totals() const { return totals_; }

private:
    facts::FactSink& inner_;
    std::size_t max_;
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> per_input_;
    std::map<std::string, std::int64_t> totals_;
};

}  // namespace vca::probes::traffic
