#include <iostream>

#include "auditor/cli/capture_options.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/service/live_capture.hpp"

namespace vca::cli {

int cmd_capture(const Args& args) {
    po::options_description desc("capture options (a --config file takes the same names as key = value lines)");
    add_capture_options(desc, "evidence folder: pcap/, evidence.db, capture-session.json (resumed if it exists)",
                        "unprivileged user to run as after opening the interface (default vcaudit, else nobody)");
    const std::string synopsis =
        "vcaudit capture --iface IF [--filter BPF] --dir DIR [--rotate-mb N] [--rotate-seconds S] [--keep-days D] "
        "[--keep-gb G] [--buffer-mb B] [--user USER] [--config FILE]";
    po::variables_map vm;
    if (auto stop = parse_capture_command("capture", args, desc, vm, synopsis)) return *stop;
    int exit_code = 0;
    auto options = capture_options_from("capture", vm, exit_code);
    if (!options) return exit_code;
    const service::LiveCaptureOptions& o = *options;

    auto summary = service::run_live_capture(o, std::cerr);
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
