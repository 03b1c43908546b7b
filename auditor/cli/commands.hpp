// Subcommands of `vcaudit`: each parses its own options (Boost.Program_options)
// and returns an exit code from pipeline/exit_codes.hpp.
#pragma once

#include <string>
#include <vector>

namespace vca::cli {

using Args = std::vector<std::string>;  // arguments after the subcommand name

int cmd_audit(const Args& args);
int cmd_verify(const Args& args);
int cmd_schema(const Args& args);
int cmd_rules(const Args& args);
int cmd_keys(const Args& args);
int cmd_capture(const Args& args);
int cmd_status(const Args& args);
int cmd_investigate(const Args& args);
int cmd_serve(const Args& args);
int cmd_evaluate(const Args& args);

// Prints a Diagnostic-style line for a usage mistake and returns kExitUsage.
int usage_error(const std::string& command, const std::string& message);

}  // namespace vca::cli
