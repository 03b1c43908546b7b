// Shared Boost.Program_options handling: parse, turn library exceptions into
// one usage line, print --help.
#pragma once

#include <boost/program_options.hpp>

#include <optional>
#include <string>

#include "auditor/cli/commands.hpp"

namespace vca::cli {

namespace po = boost::program_options;

// Parses `args` into `vm`. Returns an exit code to stop with (help printed or
// usage error), or nullopt to go on.
std::optional<int> parse_options(const std::string& command, const std::string& synopsis, const Args& args,
                                 const po::options_description& desc, po::variables_map& vm,
                                 const po::positional_options_description* positional = nullptr);

}  // namespace vca::cli
