// The anomaly cap is a limit like any other: hitting it must show.
#include <gtest/gtest.h>

#include "probes/traffic/capped_sink.hpp"

namespace vca::probes::traffic {
namespace {

TEST(CappedSink, KeepsTheFirstRowsAndSummarisesTheRest) {
    facts::MemorySink inner;
    CappedSink sink(inner, 3);
    for (int i = 0; i < 10; ++i) sink.add(facts::AnomalyRow{1, std::nullopt, 1.0, "tcp_truncated", "x", i, 1});
    sink.add(facts::AnomalyRow{1, std::nullopt, 1.0, "udp_truncated", "y", 1, 1});
    sink.add(facts::FlowRow{});
    sink.finish();
    EXPECT_EQ(inner.count("flows"), 1u);
    EXPECT_EQ(inner.count("anomalies"), 3u + 1u + 1u);  // 3 kept, 1 other name, 1 summary
    const auto& summary = inner.rows.back().cells;
    EXPECT_EQ(std::get<std::string>(summary[3]), "tcp_truncated");
    EXPECT_EQ(std::get<std::int64_t>(summary[6]), 7);
    EXPECT_EQ(sink.totals().at("tcp_truncated"), 10);
}

}  // namespace
}  // namespace vca::probes::traffic
