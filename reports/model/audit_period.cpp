#include "reports/model/audit_period.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <cstdio>

namespace vca::report {
namespace {

// YYYY-MM-DD as a calendar date, or nothing (month/day checked for the year).
std::optional<std::chrono::sys_days> parse_date(std::string_view s) {
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const std::string copy(s);
    if (std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days{ymd};
}

double local_midnight_ts(std::chrono::sys_days day) {
    return static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count()) -
           kVietnamUtcOffsetS;
}

core::Diagnostic bad_period(std::string_view text, const std::string& why) {
    return core::make_diag("E180", "period '" + std::string(text) + "': " + why,
                           "give --period FROM..TO with dates YYYY-MM-DD, e.g. 2026-07-01..2026-12-31");
}

}  // namespace

core::Result<AuditPeriod> parse_period(std::string_view text, std::string label) {
    const auto dots = text.find("..");
    if (dots == std::string_view::npos) return bad_period(text, "no '..' between the two dates");
    const auto from = parse_date(text.substr(0, dots));
    const auto to = parse_date(text.substr(dots + 2));
    if (!from || !to) return bad_period(text, "not two calendar dates");
    if (*to < *from) return bad_period(text, "ends before it starts");
    AuditPeriod p;
    p.from_date = std::string(text.substr(0, dots));
    p.to_date = std::string(text.substr(dots + 2));
    p.from_ts = local_midnight_ts(*from);
    p.to_ts = local_midnight_ts(*to + std::chrono::days{1});
    p.label = label.empty() ? p.from_date + ".." + p.to_date : std::move(label);
    return p;
}

double covered_seconds(const AuditPeriod& p, double first_ts, double last_ts) {
    const double lo = std::max(p.from_ts, first_ts);
    const double hi = std::min(p.to_ts, last_ts);
    return hi > lo ? hi - lo : 0.0;
}

}  // namespace vca::report
