#include "auditor/service/evaluation_scheduler.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <ostream>

#include "auditor/service/capture_session.hpp"
#include "auditor/service/duration_text.hpp"
#include "auditor/service/evaluation_log.hpp"
#include "auditor/service/evaluation_run.hpp"
#include "reports/sign/file_io.hpp"

namespace vca::service {
namespace {

void sleep_for(double seconds) {
    if (seconds <= 0) return;
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(seconds);
    ts.tv_nsec = static_cast<long>((seconds - std::floor(seconds)) * 1e9);
    ::nanosleep(&ts, nullptr);  // a stop signal cuts it short
}

void write_schedule(const ScheduleOptions& o, const std::vector<DueRun>& runs, double started) {
    std::error_code ec;
    if (!std::filesystem::is_directory(o.dir, ec)) return;  // the capture has not made it yet
    std::vector<DueRun> by_time = runs;
    std::sort(by_time.begin(), by_time.end(), [](const DueRun& a, const DueRun& b) { return a.due_ts < b.due_ts; });
    nlohmann::json next = nlohmann::json::array();
    for (const auto& r : by_time)
        next.push_back({{"kind", r.period.kind}, {"period", r.period.name}, {"due_ts", r.due_ts},
                        {"due", local_time_text(r.due_ts)}});
    nlohmann::json doc = {{"pid", ::getpid()}, {"started", iso_utc(started)}, {"updated", iso_utc(now_unix())},
                          {"reports", std::filesystem::absolute(o.reports).string()},
                          {"every", o.every ? nlohmann::json(duration_text(*o.every)) : nlohmann::json(nullptr)},
                          {"window", duration_text(o.window)}, {"half_year", o.half_year},
                          {"report_year", o.report_year}, {"next", next}};
    (void)sign::write_file_exclusive(o.dir / kScheduleFile, doc.dump(2) + "\n", 0640, true);
}

}  // namespace

std::vector<DueRun> next_runs(const ScheduleOptions& o, const std::vector<nlohmann::json>& records, double now,
                              double started) {
    std::vector<DueRun> runs;
    if (o.every) {
        const std::string kind = sliding_window(0, o.window).kind;
        const double due = next_window_due(last_run_started(records, kind), started, *o.every);
        runs.push_back({sliding_window(due, o.window), due});
    }
    if (o.half_year)
        runs.push_back(next_calendar_run(kKindHalf, now, last_finished_period_end(records, kKindHalf), o.settle));
    if (o.report_year)
        runs.push_back(next_calendar_run(kKindYear, now, last_finished_period_end(records, kKindYear), o.settle));
    return runs;
}

void run_schedule(const ScheduleOptions& o, const volatile std::sig_atomic_t* stop, std::ostream& log) {
    const double started = now_unix();
    while (*stop == 0) {
        const double now = now_unix();
        auto runs = next_runs(o, read_evaluations(o.dir), now, started);
        write_schedule(o, runs, started);
        if (runs.empty()) {
            sleep_for(kSchedulerTickSeconds);
            continue;
        }
        auto first = std::min_element(runs.begin(), runs.end(),
                                      [](const DueRun& a, const DueRun& b) { return a.due_ts < b.due_ts; });
        if (first->due_ts > now) {
            sleep_for(std::min(first->due_ts - now, kSchedulerTickSeconds));
            continue;
        }
        EvaluationRequest req;
        req.dir = o.dir;
        req.reports = o.reports;
        // A late sliding run (after a pause or a long audit) covers the window up to now.
        req.period = first->period.kind == kKindHalf || first->period.kind == kKindYear ? first->period
                                                                                       : sliding_window(now, o.window);
        req.trigger = "schedule";
        req.audit = o.audit;
        req.stop = stop;
        auto rec = run_evaluation(req, log);
        if (!rec) {
            // Not even a record could be written (folder missing or not
            // writable): say so, and try again one tick later.
            log << rec.error().line() << "\n";
            sleep_for(kSchedulerTickSeconds);
        }
    }
}

}  // namespace vca::service
