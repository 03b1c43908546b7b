// The scheduler of `vcaudit serve`: evaluates the evidence folder on a
// sliding window (--evaluate-every, --window) and on the calendar (the
// half-year internal run; in the legacy regime also the report year that
// ends on 14 December), one evaluation at a time, and keeps
// serve-schedule.json current so `vcaudit status` can show what is due.
#pragma once

#include <csignal>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "auditor/service/evaluation_calendar.hpp"
#include "auditor/service/evaluation_settings.hpp"

namespace vca::service {

inline constexpr const char* kScheduleFile = "serve-schedule.json";
// The scheduler wakes at least this often: a changed wall clock or a
// stop request is noticed within this time.
inline constexpr double kSchedulerTickSeconds = 30;
// Added to the settle delay of calendar runs (after the capture's
// rotation interval): time for the closed file to be hashed and recorded.
inline constexpr double kSettleMarginSeconds = 60;

struct ScheduleOptions {
    std::filesystem::path dir, reports;
    std::optional<double> every;  // sliding window runs; nullopt: none
    double window = 0;            // length of that window
    bool half_year = true;
    bool report_year = false;     // legacy regime
    double settle = kSettleMarginSeconds;  // calendar runs wait this long after their period ends
    AuditSettings audit;
};

// The next run of every kind the options ask for, given the log so far.
// Sliding-window runs carry the window ending at their due time.
std::vector<DueRun> next_runs(const ScheduleOptions& options, const std::vector<nlohmann::json>& records, double now,
                              double started);

// Runs until *stop is set (SIGTERM/SIGINT handler of the caller). A running
// audit is sent SIGTERM then.
void run_schedule(const ScheduleOptions& options, const volatile std::sig_atomic_t* stop, std::ostream& log);

}  // namespace vca::service
