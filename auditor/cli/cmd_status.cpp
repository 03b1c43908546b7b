#include <iostream>

#include "auditor/cli/options.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/service/capture_status.hpp"

namespace vca::cli {

// Exit 0 while the capture runs, 1 when it does not (like `systemctl status`).
int cmd_status(const Args& args) {
    po::options_description desc("status options");
    desc.add_options()
        ("help,h", "show this help")
        ("dir", po::value<std::string>()->required(), "capture folder (the --dir of vcaudit capture)");
    po::positional_options_description pos;
    pos.add("dir", 1);
    po::variables_map vm;
    if (auto stop = parse_options("status", "vcaudit status DIR", args, desc, vm, &pos)) return *stop;
    auto st = service::print_capture_status(vm["dir"].as<std::string>(), std::cout);
    if (!st) {
        std::cerr << st.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    return st->running ? pipeline::kExitOk : 1;
}

}  // namespace vca::cli
