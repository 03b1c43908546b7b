#include <iostream>

#include "auditor/cli/evaluation_options.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/service/capture_session.hpp"
#include "auditor/service/duration_text.hpp"
#include "auditor/service/evaluation_calendar.hpp"
#include "auditor/service/evaluation_run.hpp"
#include "auditor/service/folder_owner.hpp"

namespace vca::cli {
namespace {

// The instant whose period is meant: noon of --at (local), else now.
core::Result<double> period_instant(const po::variables_map& vm) {
    if (vm.count("at") == 0U) return service::now_unix();
    const std::string at = vm["at"].as<std::string>();
    auto day = service::date_range(at + ".." + at);
    if (!day) return core::make_diag("E180", "--at '" + at + "': not a date", "write it as YYYY-MM-DD");
    return day->from_ts + service::kSecondsPerDay / 2;
}

core::Result<service::EvaluationPeriod> chosen_period(const po::variables_map& vm) {
    const std::string period = vm["period"].as<std::string>();
    auto instant = period_instant(vm);
    if (!instant) return instant.error();
    if (period == "half") return service::half_year_containing(*instant);
    if (period == "year") return service::report_year_containing(*instant);
    if (period == "daily") {
        double window = service::kSecondsPerDay;
        if (vm.count("window") != 0U) {
            auto w = service::parse_duration(vm["window"].as<std::string>(), "window");
            if (!w) return w.error();
            window = *w;
        }
        // --at DATE: the window ends at the end of that day; else now.
        const double end = vm.count("at") != 0U ? *instant + service::kSecondsPerDay / 2 : service::now_unix();
        return service::sliding_window(end, window);
    }
    return service::date_range(period);
}

}  // namespace

int cmd_evaluate(const Args& args) {
    po::options_description desc("evaluate options");
    desc.add_options()
        ("help,h", "show this help")
        ("dir", po::value<std::string>()->required(), "evidence folder (the --dir of vcaudit capture or serve)")
        ("period", po::value<std::string>()->required(),
         "daily (the last 24 h, or --window), half (01-01..06-30 or 07-01..12-31), year (15 Dec..14 Dec, the legacy "
         "regime's report year), or FROM..TO (YYYY-MM-DD, both days included); dates are Vietnam time (UTC+7)")
        ("at", po::value<std::string>(), "YYYY-MM-DD: the half, year or day containing this date (default: now)")
        ("window", po::value<std::string>(), "length of a daily window, e.g. 24h, 7d (default 24h)");
    add_evaluation_options(desc);
    po::positional_options_description pos;
    pos.add("dir", 1);
    po::variables_map vm;
    if (auto stop = parse_options("evaluate",
                                  "vcaudit evaluate DIR --period daily|half|year|FROM..TO [--at YYYY-MM-DD] "
                                  "[--reports DIR] [--site FILE] [--level N] "
                                  "[--key K --cert C | --p12 F | --pkcs11-uri URI]",
                                  args, desc, vm, &pos))
        return *stop;
    const std::filesystem::path dir = std::filesystem::absolute(vm["dir"].as<std::string>()).lexically_normal();
    auto period = chosen_period(vm);
    if (!period) {
        std::cerr << period.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    service::EvaluationRequest req;
    req.dir = dir;
    req.reports = vm.count("reports") != 0U ? std::filesystem::absolute(vm["reports"].as<std::string>())
                                           : dir / service::kReportsSubdir;
    req.period = *period;
    req.trigger = "on-demand";
    req.audit = audit_settings_from(vm);
    req.wait_for_lock = false;
    req.stdin_null = false;
    // As root on the service's folder: run as its owner, like the service.
    auto owner = service::become_folder_owner(dir);
    if (!owner) {
        std::cerr << owner.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    if (!owner->empty()) std::cerr << "running as " << *owner << ", the owner of " << dir.string() << "\n";
    if (auto settings = service::check_audit_settings(req.audit, std::cerr, false); !settings) {
        std::cerr << settings.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    auto rec = service::run_evaluation(req, std::cerr);
    if (!rec) {
        std::cerr << rec.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    const auto& r = *rec;
    if (r.contains("coverage")) std::cout << "coverage: " << r["coverage"].value("note", std::string()) << "\n";
    if (!r.value("report_written", false)) {
        std::cerr << "no report was written: " << r.value("outcome", std::string()) << "\n";
        if (r.contains("signal")) return pipeline::kExitInternal;
        if (r.contains("exit_status") && r["exit_status"].is_number_integer()) return r["exit_status"].get<int>();
        return pipeline::kExitUsage;
    }
    const std::filesystem::path report = std::filesystem::path(r.value("report", std::string())).is_absolute()
                                             ? std::filesystem::path(r.value("report", std::string()))
                                             : dir / r.value("report", std::string());
    std::cout << "verdict: " << r.value("verdict", std::string()) << "\n";
    std::cout << "signed report: " << report.string() << "\n";
    if (r.contains("previous")) std::cout << "compared with: " << r.value("previous", std::string()) << "\n";
    std::cout << "verify with:   vcaudit verify " << report.string() << "\n";
    return r["exit_status"].get<int>();
}

}  // namespace vca::cli
