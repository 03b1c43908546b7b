// The options `vcaudit capture` and `vcaudit serve` share (same names and
// defaults), their parsing with a key = value --config file, and their
// checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auditor/cli/options.hpp"
#include "auditor/service/live_capture.hpp"

namespace vca::cli {

// --config, --iface, --filter, --dir, --rotate-*, --keep-*, --buffer-mb, --user.
void add_capture_options(po::options_description& desc, const char* dir_help, const char* user_help);

// Parses the command line, then the --config file for what the command line
// did not give. An exit code when the run ends here (--help, a usage error).
std::optional<int> parse_capture_command(const char* command, const Args& args, const po::options_description& desc,
                                         po::variables_map& vm, const std::string& synopsis,
                                         std::string_view help_epilogue = {});

// The checked capture settings, or the exit code of a usage error.
std::optional<service::LiveCaptureOptions> capture_options_from(const char* command, const po::variables_map& vm,
                                                                int& exit_code);

}  // namespace vca::cli
