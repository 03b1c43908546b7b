#include "auditor/service/evaluation_calendar.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace vca::service {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

double local_seconds(double ts) { return ts + static_cast<double>(kVietnamUtcOffsetSeconds); }

std::string two(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u", v % 100U);
    return buf;
}

std::string date_text(const LocalDate& d) { return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day); }

std::optional<sys_days> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i)
        for (std::size_t k = 0; k < lengths[i]; ++k) {
            char c = s[starts[i] + k];
            if (c < '0' || c > '9') return std::nullopt;
            parts[i] = parts[i] * 10 + (c - '0');
        }
    const std::chrono::year_month_day ymd{std::chrono::year{parts[0]},
                                          std::chrono::month{static_cast<unsigned>(parts[1])},
                                          std::chrono::day{static_cast<unsigned>(parts[2])}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
}

double midnight_of(sys_days d) {
    return static_cast<double>(d.time_since_epoch().count()) * kSecondsPerDay -
           static_cast<double>(kVietnamUtcOffsetSeconds);
}

}  // namespace

LocalDate local_date(double ts) {
    const auto day = static_cast<std::int64_t>(std::floor(local_seconds(ts) / kSecondsPerDay));
    const std::chrono::year_month_day ymd{sys_days{days{day}}};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

double local_midnight(int year, unsigned month, unsigned day) {
    // Months past 12 roll into the next years; day 1 plus (day - 1) days rolls the rest.
    const int y = year + static_cast<int>((month - 1) / 12);
    const unsigned m = (month - 1) % 12 + 1;
    const sys_days first{std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{1}}};
    return midnight_of(first + days{static_cast<int>(day) - 1});
}

std::string local_time_text(double ts) {
    const double local = std::floor(local_seconds(ts));
    const auto secs_of_day = static_cast<std::int64_t>(local - std::floor(local / kSecondsPerDay) * kSecondsPerDay);
    const LocalDate d = local_date(ts);
    return date_text(d) + " " + two(static_cast<unsigned>(secs_of_day / 3600)) + ":" +
           two(static_cast<unsigned>(secs_of_day / 60 % 60)) + ":" + two(static_cast<unsigned>(secs_of_day % 60)) +
           " +07";
}

EvaluationPeriod half_year_containing(double ts) {
    const LocalDate d = local_date(ts);
    const bool first = d.month <= 6;
    EvaluationPeriod p;
    p.kind = kKindHalf;
    p.name = std::to_string(d.year) + (first ? "-H1" : "-H2");
    p.from_ts = local_midnight(d.year, first ? 1 : 7, 1);
    p.to_ts = local_midnight(d.year, first ? 7 : 13, 1);
    return p;
}

EvaluationPeriod report_year_containing(double ts) {
    const LocalDate d = local_date(ts);
    // From 15 December on, the day belongs to the report of the next year.
    const int ends = (d.month == 12 && d.day >= 15) ? d.year + 1 : d.year;
    EvaluationPeriod p;
    p.kind = kKindYear;
    p.name = std::to_string(ends);
    p.from_ts = local_midnight(ends - 1, 12, 15);
    p.to_ts = local_midnight(ends, 12, 15);
    return p;
}

EvaluationPeriod calendar_period_containing(std::string_view kind, double ts) {
    return kind == kKindYear ? report_year_containing(ts) : half_year_containing(ts);
}

EvaluationPeriod sliding_window(double end, double length) {
    EvaluationPeriod p;
    p.kind = length == kSecondsPerDay ? kKindDaily : kKindWindow;
    const std::string t = local_time_text(end);  // "YYYY-MM-DD HH:MM:SS +07"
    p.name = t.substr(0, 10) + "T" + t.substr(11, 2) + t.substr(14, 2);
    p.from_ts = end - length;
    p.to_ts = end;
    return p;
}

core::Result<EvaluationPeriod> date_range(std::string_view text) {
    auto bad = [&](const std::string& why) {
        return core::make_diag("E180", "period '" + std::string(text) + "': " + why,
                               "give --period daily, half, year or FROM..TO with dates YYYY-MM-DD, "
                               "e.g. 2026-07-01..2026-12-31");
    };
    const auto dots = text.find("..");
    if (dots == std::string_view::npos) return bad("no '..' between the two dates");
    const auto from = parse_date(text.substr(0, dots));
    const auto to = parse_date(text.substr(dots + 2));
    if (!from || !to) return bad("not two calendar dates");
    if (*to < *from) return bad("ends before it starts");
    EvaluationPeriod p;
    p.kind = kKindRange;
    p.name = std::string(text.substr(0, dots)) + "_" + std::string(text.substr(dots + 2));
    p.from_ts = midnight_of(*from);
    p.to_ts = midnight_of(*to + days{1});
    return p;
}

std::optional<std::string> whole_days_text(const EvaluationPeriod& p) {
    auto at_midnight = [](double ts) {
        const double local = local_seconds(ts);
        return local == std::floor(local / kSecondsPerDay) * kSecondsPerDay;
    };
    if (p.to_ts <= p.from_ts || !at_midnight(p.from_ts) || !at_midnight(p.to_ts)) return std::nullopt;
    return date_text(local_date(p.from_ts)) + ".." + date_text(local_date(p.to_ts - 1));
}

DueRun next_calendar_run(std::string_view kind, double now, std::optional<double> last_finished_end, double settle) {
    const EvaluationPeriod current = calendar_period_containing(kind, now);
    const EvaluationPeriod previous = calendar_period_containing(kind, current.from_ts - 1);
    if (last_finished_end && *last_finished_end < previous.to_ts) return {previous, previous.to_ts + settle};
    return {current, current.to_ts + settle};
}

double next_window_due(std::optional<double> last_run, double started, double interval) {
    return (last_run ? *last_run : started) + interval;
}

}  // namespace vca::service
