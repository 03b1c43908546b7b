#include <cmath>
#include <fstream>
#include <iostream>

#include "auditor/cli/evaluation_options.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/service/duration_text.hpp"
#include "auditor/service/serve.hpp"

namespace vca::cli {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kGiB = kMiB * 1024.0;
constexpr double kDay = 86400.0;

std::uint64_t to_bytes(double amount, double unit) { return static_cast<std::uint64_t>(std::llround(amount * unit)); }

}  // namespace

int cmd_serve(const Args& args) {
    po::options_description desc("serve options (a --config file takes the same names as key = value lines)");
    // The capture options are those of `vcaudit capture` (cmd_capture.cpp), same names and defaults.
    desc.add_options()
        ("help,h", "show this help")
        ("config", po::value<std::string>(), "key = value file with any of the options below (the command line wins)")
        ("iface,i", po::value<std::string>(), "network interface to capture on (needs root or CAP_NET_RAW)")
        ("filter,f", po::value<std::string>()->default_value(""), "BPF capture filter")
        ("dir,d", po::value<std::string>(), "evidence folder: pcap/, evidence.db, evaluations.jsonl, reports/")
        ("rotate-mb", po::value<double>()->default_value(100), "start a new pcap file past this size (MiB; 0 = never)")
        ("rotate-seconds", po::value<double>()->default_value(3600), "start a new pcap file after this long (0 = never)")
        ("keep-days", po::value<double>()->default_value(0), "delete closed pcap files older than this (0 = keep)")
        ("keep-gb", po::value<double>()->default_value(0), "delete the oldest closed pcap files past this total (GiB; 0 = no cap)")
        ("buffer-mb", po::value<double>()->default_value(8), "kernel capture buffer (MiB)")
        ("user,u", po::value<std::string>(), "unprivileged user for the capture and the evaluations (default vcaudit, else nobody)")
        ("evaluate-every", po::value<std::string>(), "evaluate a sliding window this often, e.g. 24h (default: calendar runs only)")
        ("window", po::value<std::string>(), "length of that window (default: the --evaluate-every interval)");
    add_evaluation_options(desc);
    const std::string synopsis =
        "vcaudit serve --iface IF --dir DIR [--evaluate-every 24h [--window D]] [--site FILE] [--level N] "
        "[--reports DIR] [--key K --cert C | --p12 F | --pkcs11-uri URI] [capture options] [--config FILE]";
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).run(), vm);
        if (vm.count("help") != 0U) {
            std::cout << "usage: " << synopsis << "\n\n"
                      << desc << "\n"
                      << "Calendar runs (Vietnam time, UTC+7): the half-year (periods 01-01..06-30, 07-01..12-31) "
                         "and, in the legacy regime, the report year to 14 December; each once its period has "
                         "ended and the capture file holding its last packets has closed.\n";
            return pipeline::kExitOk;
        }
        if (vm.count("config") != 0U) {
            std::string file = vm["config"].as<std::string>();
            std::ifstream in(file);
            if (!in) return usage_error("vcaudit serve", file + ": cannot read the configuration file");
            po::store(po::parse_config_file(in, desc), vm);  // values already given on the command line stay
        }
        po::notify(vm);
    } catch (const po::error& e) {
        return usage_error("vcaudit serve", std::string(e.what()) + " (see vcaudit serve --help)");
    }
    if (vm.count("iface") == 0U) return usage_error("vcaudit serve", "--iface is required");
    if (vm.count("dir") == 0U) return usage_error("vcaudit serve", "--dir is required");
    for (const char* key : {"rotate-mb", "rotate-seconds", "keep-days", "keep-gb"})
        if (!(vm[key].as<double>() >= 0)) return usage_error("vcaudit serve", std::string("--") + key + " must be 0 or more");
    double buffer_mb = vm["buffer-mb"].as<double>();
    if (!(buffer_mb >= 1 && buffer_mb <= 2048)) return usage_error("vcaudit serve", "--buffer-mb must be between 1 and 2048");

    service::ServeOptions o;
    o.capture.iface = vm["iface"].as<std::string>();
    o.capture.filter = vm["filter"].as<std::string>();
    o.capture.dir = vm["dir"].as<std::string>();
    o.capture.rotation.max_file_bytes = to_bytes(vm["rotate-mb"].as<double>(), kMiB);
    o.capture.rotation.max_file_seconds = vm["rotate-seconds"].as<double>();
    o.capture.rotation.keep_seconds = vm["keep-days"].as<double>() * kDay;
    o.capture.rotation.keep_bytes = to_bytes(vm["keep-gb"].as<double>(), kGiB);
    o.capture.buffer_bytes = static_cast<std::size_t>(to_bytes(buffer_mb, kMiB));
    if (vm.count("user") != 0U) o.capture.user = vm["user"].as<std::string>();

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
