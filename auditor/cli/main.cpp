// vcaudit: security and compliance audit of video-conference systems.
#include <exception>
#include <iostream>
#include <string>

#include "auditor/cli/commands.hpp"
#include "auditor/core/version.hpp"
#include "auditor/pipeline/exit_codes.hpp"

namespace {

constexpr const char* kUsage = R"(vcaudit — security audit of video-conference systems (TT 12/2022, TCVN 11930:2017; NĐ 331/2026)

usage: vcaudit <command> [options]

commands:
  audit    audit captures against a security level; writes a signed report folder
  verify   check a report folder's signature and every file's SHA-256
  schema   print the evidence schema (tables and columns rules can query)
  rules    list the rules (rules list [--level N]) or run their cases (rules test)
  keys     make a signing key and self-signed certificate (keys init)
  capture  capture an interface continuously into an evidence folder (rotating pcaps, live analysis)
  status   show what a capture folder is capturing: process, drops, files, evaluations, findings
  serve    capture like `capture`, and evaluate the evidence on a schedule into signed report folders
  evaluate audit an evidence folder for a period (daily, half, year or FROM..TO) into a signed report folder
  investigate  after a leak: timeline, exfiltration paths and an evidence extract, in a signed folder

vcaudit <command> --help shows the options of a command.

exit codes: 0 ok · 1 audit found failures · 2 usage or input error ·
            3 verify found a mismatch · 4 audit incomplete (a rule errored) · 70 internal error
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace vca;
    try {
        if (argc < 2) {
            std::cerr << kUsage;
            return pipeline::kExitUsage;
        }
        std::string cmd = argv[1];
        cli::Args args(argv + 2, argv + argc);
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::cout << kUsage;
            return pipeline::kExitOk;
        }
        if (cmd == "--version") {
            std::cout << "vcaudit " << core::kToolVersion << "\n";
            return pipeline::kExitOk;
        }
        if (cmd == "audit") return cli::cmd_audit(args);
        if (cmd == "verify") return cli::cmd_verify(args);
        if (cmd == "schema") return cli::cmd_schema(args);
        if (cmd == "rules") return cli::cmd_rules(args);
        if (cmd == "keys") return cli::cmd_keys(args);
        if (cmd == "capture") return cli::cmd_capture(args);
        if (cmd == "status") return cli::cmd_status(args);
        if (cmd == "investigate") return cli::cmd_investigate(args);
        if (cmd == "serve") return cli::cmd_serve(args);
        if (cmd == "evaluate") return cli::cmd_evaluate(args);
        return cli::usage_error("vcaudit", "unknown command '" + cmd + "' (see vcaudit --help)");
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << " — please report this as a bug\n";
        return pipeline::kExitInternal;
    } catch (...) {
        std::cerr << "internal error: unknown exception — please report this as a bug\n";
        return pipeline::kExitInternal;
    }
}
