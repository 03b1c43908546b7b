#include "auditor/service/child_process.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <cstring>

#include "reports/sign/file_io.hpp"

namespace vca::service {
namespace {

// How often a waiting parent looks at the child and at its stop flag.
constexpr long kChildPollNanoseconds = 200L * 1000 * 1000;

}  // namespace

std::string ChildExit::text() const {
    if (code) return "exit " + std::to_string(*code);
    if (signal) return "killed by signal " + std::to_string(*signal) + " (" + strsignal(*signal) + ")";
    return "unknown end";
}

core::Result<pid_t> spawn_self(const ChildSpec& spec) {
    std::size_t bytes = 0;
    for (const auto& a : spec.args) bytes += a.size() + 1;
    if (bytes > kMaxChildArgBytes)
        return core::make_diag("E168", "the audit command line would be " + std::to_string(bytes) +
                                           " bytes, more than " + std::to_string(kMaxChildArgBytes),
                               "evaluate a shorter period, or rotate capture files less often "
                               "(--rotate-mb, --rotate-seconds)");
    // Everything the child needs is prepared before fork: after it, only
    // async-signal-safe calls until exec.
    std::vector<std::string> storage;
    storage.reserve(spec.args.size() + 1);
    storage.emplace_back("vcaudit");
    storage.insert(storage.end(), spec.args.begin(), spec.args.end());
    std::vector<char*> argv;
    for (auto& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);
    sign::UniqueFd log(::open(spec.log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640));
    if (log.get() < 0)
        return core::make_diag("E168", spec.log.string() + ": cannot open the evaluation log: " +
                                           sign::errno_text(errno));
    sign::UniqueFd null_in(spec.stdin_null ? ::open("/dev/null", O_RDONLY | O_CLOEXEC) : -1);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) return core::make_diag("E168", "cannot start the evaluation: fork: " + sign::errno_text(errno));
    if (pid == 0) {
        if (::dup2(log.get(), STDOUT_FILENO) < 0 || ::dup2(log.get(), STDERR_FILENO) < 0) ::_exit(127);
        if (null_in.get() >= 0 && ::dup2(null_in.get(), STDIN_FILENO) < 0) ::_exit(127);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(127);  // the parent died before prctl
        ::setpriority(PRIO_PROCESS, 0, kEvaluationNice);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execv("/proc/self/exe", argv.data());
        ::_exit(127);
    }
    return pid;
}

ChildExit wait_child(pid_t pid, const volatile std::sig_atomic_t* stop) {
    bool forwarded = false;
    int status = 0;
    // Polled rather than a blocking waitpid: a stop request that lands just
    // before the wait would otherwise go unnoticed until the audit ends.
    const timespec interval{0, kChildPollNanoseconds};
    while (true) {
        if (stop != nullptr && *stop != 0 && !forwarded) {
            ::kill(pid, SIGTERM);
            forwarded = true;
        }
        pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 && errno != EINTR) return {};
        ::nanosleep(&interval, nullptr);
    }
    ChildExit e;
    if (WIFEXITED(status)) e.code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) e.signal = WTERMSIG(status);
    return e;
}

}  // namespace vca::service
