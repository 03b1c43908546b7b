#include <iostream>

#include "auditor/cli/capture_options.hpp"
#include "auditor/cli/evaluation_options.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/service/duration_text.hpp"
#include "auditor/service/serve.hpp"

namespace vca::cli {

int cmd_serve(const Args& args) {
    po::options_description desc("serve options (a --config file takes the same names as key = value lines)");
    add_capture_options(desc, "evidence folder: pcap/, evidence.db, evaluations.jsonl, reports/",
                        "unprivileged user for the capture and the evaluations (default vcaudit, else nobody)");
    desc.add_options()
        ("evaluate-every", po::value<std::string>(), "evaluate a sliding window this often, e.g. 24h (default: calendar runs only)")
        ("window", po::value<std::string>(), "length of that window (default: the --evaluate-every interval)");
    add_evaluation_options(desc);
    const std::string synopsis =
        "vcaudit serve --iface IF --dir DIR [--evaluate-every 24h [--window D]] [--site FILE] [--level N] "
        "[--reports DIR] [--key K --cert C | --p12 F | --pkcs11-uri URI] [capture options] [--config FILE]";
    po::variables_map vm;
    if (auto stop = parse_capture_command(
            "serve", args, desc, vm, synopsis,
            "Calendar runs (Vietnam time, UTC+7): the half-year (periods 01-01..06-30, 07-01..12-31) and, in the "
            "legacy regime, the report year to 14 December; each once its period has ended and the capture file "
            "holding its last packets has closed.\n"))
        return *stop;
    int exit_code = 0;
    auto capture = capture_options_from("serve", vm, exit_code);
    if (!capture) return exit_code;
    service::ServeOptions o;
    o.capture = *capture;

    if (vm.count("evaluate-every") != 0U) {
        auto every = service::parse_duration(vm["evaluate-every"].as<std::string>(), "evaluate-every");
        if (!every) return usage_error("vcaudit serve", every.error().message);
        o.schedule.every = *every;
        o.schedule.window = *every;
    }
    if (vm.count("window") != 0U) {
        if (!o.schedule.every) return usage_error("vcaudit serve", "--window goes with --evaluate-every");
        auto window = service::parse_duration(vm["window"].as<std::string>(), "window");
        if (!window) return usage_error("vcaudit serve", window.error().message);
        o.schedule.window = *window;
    }
    if (vm.count("reports") != 0U) o.schedule.reports = std::filesystem::absolute(vm["reports"].as<std::string>());
    o.schedule.audit = audit_settings_from(vm);
    // A calendar run waits until the file holding the period's last packets has rotated out.
    o.schedule.settle = o.capture.rotation.max_file_seconds + service::kSettleMarginSeconds;

    auto summary = service::run_serve(o, std::cerr);
    if (!summary) {
        std::cerr << summary.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    std::cerr << "stopped: " << summary->packets << " packets, " << summary->files_closed << " file(s) closed, "
              << summary->stats.dropped << " dropped by the kernel, " << summary->stats.if_dropped
              << " by the interface\n";
    return pipeline::kExitOk;
}

}  // namespace vca::cli
