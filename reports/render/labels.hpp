// Vietnamese and English names of statuses and severities, shared by the
// document, the charts and both renderers so every report says the same.
#pragma once

#include <string_view>

namespace vca::report {

struct Label {
    std::string_view key, vi, en;
};

// Statuses in the order reports list them; unknown keys map to "error".
const Label& status_label(std::string_view status);
// critical, high, medium, low, info; unknown keys map to "info".
const Label& severity_label(std::string_view severity);

// 0 for critical … 4 for info, 5 for anything else: sorts worst first.
int severity_rank(std::string_view severity);

// Colours (#rrggbb) used for a status or a severity in tables and charts.
std::string_view status_colour(std::string_view status);
std::string_view severity_colour(std::string_view severity);

inline constexpr std::string_view kStatusOrder[] = {"pass",   "fail",  "advisory", "not_assessed",
                                                    "manual", "waived", "error",   "not_applicable"};
inline constexpr std::string_view kSeverityOrder[] = {"critical", "high", "medium", "low", "info"};

}  // namespace vca::report
