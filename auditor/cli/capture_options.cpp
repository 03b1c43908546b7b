#include "auditor/cli/capture_options.hpp"

#include <cmath>
#include <fstream>
#include <iostream>

#include "auditor/pipeline/exit_codes.hpp"

namespace vca::cli {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kGiB = kMiB * 1024.0;
constexpr double kDay = 86400.0;

std::uint64_t to_bytes(double amount, double unit) { return static_cast<std::uint64_t>(std::llround(amount * unit)); }

}  // namespace

void add_capture_options(po::options_description& desc, const char* dir_help, const char* user_help) {
    desc.add_options()
        ("help,h", "show this help")
        ("config", po::value<std::string>(), "key = value file with any of the options below (the command line wins)")
        ("iface,i", po::value<std::string>(), "network interface to capture on (needs root or CAP_NET_RAW)")
        ("filter,f", po::value<std::string>()->default_value(""), "BPF capture filter, e.g. 'udp or tcp port 5061'")
        ("dir,d", po::value<std::string>(), dir_help)
        ("rotate-mb", po::value<double>()->default_value(100), "start a new pcap file past this size (MiB; 0 = never)")
        ("rotate-seconds", po::value<double>()->default_value(3600), "start a new pcap file after this long (0 = never)")
        ("keep-days", po::value<double>()->default_value(0), "delete closed pcap files older than this (0 = keep)")
        ("keep-gb", po::value<double>()->default_value(0), "delete the oldest closed pcap files past this total (GiB; 0 = no cap)")
        ("buffer-mb", po::value<double>()->default_value(8), "kernel capture buffer (MiB)")
        ("user,u", po::value<std::string>(), user_help);
}

std::optional<int> parse_capture_command(const char* command, const Args& args, const po::options_description& desc,
                                         po::variables_map& vm, const std::string& synopsis,
                                         std::string_view help_epilogue) {
    const std::string name = std::string("vcaudit ") + command;
    try {
        po::store(po::command_line_parser(args).options(desc).run(), vm);
        if (vm.count("help") != 0U) {
            std::cout << "usage: " << synopsis << "\n\n" << desc << "\n" << help_epilogue;
            return pipeline::kExitOk;
        }
        if (vm.count("config") != 0U) {
            std::string file = vm["config"].as<std::string>();
            std::ifstream in(file);
            if (!in) return usage_error(name, file + ": cannot read the configuration file");
            po::store(po::parse_config_file(in, desc), vm);  // values already given on the command line stay
        }
        po::notify(vm);
    } catch (const po::error& e) {
        return usage_error(name, std::string(e.what()) + " (see " + name + " --help)");
    }
    return std::nullopt;
}

std::optional<service::LiveCaptureOptions> capture_options_from(const char* command, const po::variables_map& vm,
                                                                int& exit_code) {
    const std::string name = std::string("vcaudit ") + command;
    auto fail = [&](const std::string& why) {
        exit_code = usage_error(name, why);
        return std::nullopt;
    };
    if (vm.count("iface") == 0U) return fail("--iface is required");
    if (vm.count("dir") == 0U) return fail("--dir is required");
    for (const char* key : {"rotate-mb", "rotate-seconds", "keep-days", "keep-gb"})
        if (!(vm[key].as<double>() >= 0)) return fail(std::string("--") + key + " must be 0 or more");
    const double buffer_mb = vm["buffer-mb"].as<double>();
    if (!(buffer_mb >= 1 && buffer_mb <= 2048)) return fail("--buffer-mb must be between 1 and 2048");
    service::LiveCaptureOptions o;
    o.iface = vm["iface"].as<std::string>();
    o.filter = vm["filter"].as<std::string>();
    o.dir = vm["dir"].as<std::string>();
    o.rotation.max_file_bytes = to_bytes(vm["rotate-mb"].as<double>(), kMiB);
    o.rotation.max_file_seconds = vm["rotate-seconds"].as<double>();
    o.rotation.keep_seconds = vm["keep-days"].as<double>() * kDay;
    o.rotation.keep_bytes = to_bytes(vm["keep-gb"].as<double>(), kGiB);
    o.buffer_bytes = static_cast<std::size_t>(to_bytes(buffer_mb, kMiB));
    if (vm.count("user") != 0U) o.user = vm["user"].as<std::string>();
    return o;
}

}  // namespace vca::cli
