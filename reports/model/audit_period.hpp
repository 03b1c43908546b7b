// The period a report speaks for (a half-year, the year to 14 December, a
// day) and how much of it the evidence actually covers.
#pragma once

#include <string>
#include <string_view>

#include "auditor/core/result.hpp"

namespace vca::report {

// Vietnam keeps UTC+7 all year: period dates are local dates.
inline constexpr double kVietnamUtcOffsetS = 7 * 3600.0;

struct AuditPeriod {
    std::string label;          // "2026-H2", "year to 2026-12-14", or the dates themselves
    std::string from_date, to_date;  // YYYY-MM-DD, both days included (Vietnam time)
    double from_ts = 0, to_ts = 0;   // Unix seconds: from_date 00:00 +07 .. the day after to_date 00:00 +07
};

// "FROM..TO" with ISO dates (YYYY-MM-DD), both days included; an empty
// label becomes "FROM..TO". E180 names the value and the expected form.
core::Result<AuditPeriod> parse_period(std::string_view text, std::string label = {});

// Seconds of [from_ts, to_ts) covered by [first_ts, last_ts] (0 if disjoint).
double covered_seconds(const AuditPeriod& p, double first_ts, double last_ts);

}  // namespace vca::report
