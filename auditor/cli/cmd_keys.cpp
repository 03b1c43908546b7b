#include <iostream>

#include "auditor/cli/options.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "reports/sign/keygen.hpp"

namespace vca::cli {

int cmd_keys(const Args& args) {
    po::options_description desc("keys options");
    desc.add_options()
        ("help,h", "show this help")
        ("action", po::value<std::string>()->default_value("init"), "init")
        ("key", po::value<std::string>()->required(), "private key file to create (mode 0600)")
        ("cert", po::value<std::string>()->required(), "self-signed certificate file to create")
        ("cn", po::value<std::string>()->default_value("vcaudit auditor"), "certificate common name (who signs)")
        ("days", po::value<int>()->default_value(3650), "validity in days")
        ("force", po::bool_switch(), "replace existing files");
    po::positional_options_description pos;
    pos.add("action", 1);
    po::variables_map vm;
    if (auto stop = parse_options("keys", "vcaudit keys init --key KEY.pem --cert CERT.pem [--cn NAME] [--days N]", args,
                                  desc, vm, &pos))
        return *stop;
    if (vm["action"].as<std::string>() != "init")
        return usage_error("vcaudit keys", "unknown action '" + vm["action"].as<std::string>() + "' (init)");
    int days = vm["days"].as<int>();
    if (days < 1) return usage_error("vcaudit keys", "--days must be at least 1");
    auto st = sign::generate_identity(vm["key"].as<std::string>(), vm["cert"].as<std::string>(),
                                      vm["cn"].as<std::string>(), days, vm["force"].as<bool>());
    if (!st) {
        std::cerr << st.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    std::cout << "private key: " << vm["key"].as<std::string>() << " (mode 0600; keep it secret)\n"
              << "certificate: " << vm["cert"].as<std::string>() << " (give it to whoever verifies your reports)\n";
    return pipeline::kExitOk;
}

}  // namespace vca::cli
