#include "auditor/cli/options.hpp"

#include <iostream>

#include "auditor/pipeline/exit_codes.hpp"

namespace vca::cli {

int usage_error(const std::string& command, const std::string& message) {
    std::cerr << "error E001: " << command << ": " << message << "\n";
    return pipeline::kExitUsage;
}

std::optional<int> parse_options(const std::string& command, const std::string& synopsis, const Args& args,
                                 const po::options_description& desc, po::variables_map& vm,
                                 const po::positional_options_description* positional) {
    try {
        po::command_line_parser parser(args);
        parser.options(desc);
        if (positional != nullptr) parser.positional(*positional);
        po::store(parser.run(), vm);
        if (vm.count("help") != 0U) {
            std::cout << "usage: " << synopsis << "\n\n" << desc << "\n";
            return pipeline::kExitOk;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        return usage_error("vcaudit " + command, std::string(e.what()) + " (see vcaudit " + command + " --help)");
    }
    return std::nullopt;
}

}  // namespace vca::cli
