// `vcaudit serve`: the live capture of `vcaudit capture` plus scheduled
// evaluation. Two processes: this one captures (live_capture.hpp); a child
// forked before the interface is opened becomes the unprivileged capture
// user at once, checks the site policy and signing key, then runs the
// scheduler (evaluation_scheduler.hpp), each audit in a grandchild. A crash
// in analysis therefore never stops the capture, and the capture never
// waits for an audit.
#pragma once

#include <filesystem>
#include <iosfwd>

#include "auditor/core/result.hpp"
#include "auditor/service/evaluation_scheduler.hpp"
#include "auditor/service/live_capture.hpp"

namespace vca::service {

struct ServeOptions {
    LiveCaptureOptions capture;
    ScheduleOptions schedule;  // dir is capture.dir; reports default to DIR/reports
};

// Returns when the capture stops (SIGTERM/SIGINT) or fails; the scheduler
// is stopped then. A bad site policy, level or signing key is an error
// before the interface is opened.
core::Result<LiveCaptureSummary> run_serve(ServeOptions options, std::ostream& log);

}  // namespace vca::service
