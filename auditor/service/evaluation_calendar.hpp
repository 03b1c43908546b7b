// The evaluation calendar: which period a report speaks for and when the
// next one is due. Pure functions of Unix time. Dates are Vietnam's (UTC+7
// all year, no daylight saving), the calendar the official reports use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auditor/core/result.hpp"

namespace vca::service {

inline constexpr std::int64_t kVietnamUtcOffsetSeconds = 7 * 3600;
inline constexpr double kSecondsPerDay = 86400.0;

// Kinds of evaluation; each is a prefix of the report folder names and the
// chain along which a report is compared with the previous one.
inline constexpr const char* kKindDaily = "daily";    // sliding window of exactly 24 h
inline constexpr const char* kKindWindow = "window";  // sliding window of another length
inline constexpr const char* kKindHalf = "half";      // 01-01..06-30, 07-01..12-31
inline constexpr const char* kKindYear = "year";      // legacy regime: 15 Dec..14 Dec
inline constexpr const char* kKindRange = "period";   // FROM..TO given by the user

struct EvaluationPeriod {
    std::string kind;
    std::string name;               // "2026-11-28T0700", "2026-H2", "2026", "2026-11-01_2026-11-30"
    double from_ts = 0, to_ts = 0;  // Unix seconds, [from_ts, to_ts)
    [[nodiscard]] std::string folder() const { return kind + "-" + name; }
};

struct LocalDate {
    int year = 0;
    unsigned month = 0, day = 0;
};

LocalDate local_date(double ts);
// Unix time of 00:00 Vietnam time on that date (month and day may overflow:
// 13/1 is January 1st of the next year).
double local_midnight(int year, unsigned month, unsigned day);
// "2026-11-28 14:00:00 +07".
std::string local_time_text(double ts);

EvaluationPeriod half_year_containing(double ts);
// The legacy regime's report year, named by the year whose 14 December ends it.
EvaluationPeriod report_year_containing(double ts);
// kind must be kKindHalf or kKindYear.
EvaluationPeriod calendar_period_containing(std::string_view kind, double ts);
// [end - length, end), named by its end in local time to the minute.
EvaluationPeriod sliding_window(double end, double length);
// "YYYY-MM-DD..YYYY-MM-DD", both days included; E180 otherwise.
core::Result<EvaluationPeriod> date_range(std::string_view text);

// "FROM..TO" (local dates, both included) when the period starts and ends at
// local midnight, as audit's --period takes it; nullopt for a sliding window
// that does not.
std::optional<std::string> whole_days_text(const EvaluationPeriod& p);

struct DueRun {
    EvaluationPeriod period;
    double due_ts = 0;
};

// Next half-year or report-year run. `last_finished_end` is the end of the
// newest period of this kind that was evaluated after it had ended (nullopt:
// none yet). A period that ended without such a run (the service was down)
// is due first; otherwise the current period, once it has ended. `settle`
// seconds are added so the capture file holding the last packets has closed.
DueRun next_calendar_run(std::string_view kind, double now, std::optional<double> last_finished_end, double settle);

// Next sliding-window run: one interval after the last run, or after the
// service started if none has run yet (there is no evidence before).
double next_window_due(std::optional<double> last_run, double started, double interval);

}  // namespace vca::service
