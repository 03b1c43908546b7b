#include "auditor/service/serve.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "auditor/service/capture_session.hpp"
#include "auditor/service/privileges.hpp"
#include "reports/sign/file_io.hpp"

namespace vca::service {
namespace {

// Longest start-up error the scheduler hands back to the parent.
constexpr std::size_t kMaxHandshakeBytes = 4096;
constexpr const char* kReady = "ready\n";

volatile std::sig_atomic_t g_scheduler_stop = 0;
extern "C" void on_scheduler_stop(int /*sig*/) { g_scheduler_stop = 1; }

void install_scheduler_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_scheduler_stop;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: sleeps and waits return at once
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
}

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

// The scheduler process: never returns.
[[noreturn]] void scheduler_main(const ServeOptions& o, pid_t parent, int report_fd) {
    install_scheduler_handlers();
    auto fail = [&](const core::Diagnostic& d) {
        write_all(report_fd, d.code + "\n" + d.message + "\n" + d.hint);
        ::close(report_fd);
        std::_Exit(2);
    };
    auto user = resolve_capture_user(o.capture.user);
    if (!user) fail(user.error());
    if (auto st = drop_privileges(*user); !st) fail(st.error());
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // after the drop, which clears it
    if (::getppid() != parent) std::_Exit(0);
    // Secrets for the key come from a file or the environment: a prompt on
    // the terminal could not be answered again at every scheduled run.
    int null_in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_in >= 0) ::dup2(null_in, STDIN_FILENO);
    auto settings = check_audit_settings(o.schedule.audit, std::cerr);
    if (!settings) fail(settings.error());
    ScheduleOptions schedule = o.schedule;
    schedule.report_year = settings->regime == "legacy";
    write_all(report_fd, kReady);
    ::close(report_fd);
    std::cerr << "scheduler (pid " << ::getpid() << ", user " << user->name << "): level " << settings->level << ", "
              << settings->regime << " regime, signing as " << settings->signer << ", reports in "
              << schedule.reports.string() << "\n";
    run_schedule(schedule, &g_scheduler_stop, std::cerr);
    std::cerr.flush();
    std::_Exit(0);
}

}  // namespace

core::Result<LiveCaptureSummary> run_serve(ServeOptions o, std::ostream& log) {
    o.capture.dir = std::filesystem::absolute(o.capture.dir).lexically_normal();
    o.schedule.dir = o.capture.dir;
    if (o.schedule.reports.empty()) o.schedule.reports = o.capture.dir / kReportsSubdir;
    o.schedule.reports = std::filesystem::absolute(o.schedule.reports).lexically_normal();
    if (o.schedule.settle < kSettleMarginSeconds) o.schedule.settle = kSettleMarginSeconds;
    if (auto st = check_capture_dir(o.capture.dir); !st) return st.error();

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return core::make_diag("E168", "cannot start the scheduler: pipe: " + sign::errno_text(errno));
    std::cerr.flush();
    const pid_t parent = ::getpid();
    const pid_t scheduler = ::fork();
    if (scheduler < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return core::make_diag("E168", "cannot start the scheduler: fork: " + sign::errno_text(errno));
    }
    if (scheduler == 0) {
        ::close(fds[0]);
        scheduler_main(o, parent, fds[1]);
    }
    ::close(fds[1]);
    std::string answer;
    char buf[256];
    while (answer.size() < kMaxHandshakeBytes) {
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        answer.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    auto stop_scheduler = [&] {
        ::kill(scheduler, SIGTERM);
        int status = 0;
        while (::waitpid(scheduler, &status, 0) < 0 && errno == EINTR) {
        }
    };
    if (answer != kReady) {
        stop_scheduler();
        // The scheduler's own diagnostic (code, message, hint on three
        // lines), or a crash before it could say anything.
        const auto first = answer.find('\n');
        const auto second = first == std::string::npos ? first : answer.find('\n', first + 1);
        if (second == std::string::npos)
            return core::make_diag("E173", "the evaluation scheduler ended before it was ready",
                                   "nothing was captured; run vcaudit evaluate on the folder to see why");
        return core::make_diag(answer.substr(0, first), answer.substr(first + 1, second - first - 1),
                               answer.substr(second + 1));
    }
    auto summary = run_live_capture(o.capture, log);
    stop_scheduler();
    return summary;
}

}  // namespace vca::service
