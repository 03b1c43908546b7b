// Exit codes of the vcaudit command (documented in the README and --help).
#pragma once

namespace vca::pipeline {

inline constexpr int kExitOk = 0;           // audit: no failed finding; verify: everything matches
inline constexpr int kExitFindings = 1;     // audit: at least one rule failed
inline constexpr int kExitUsage = 2;        // bad command line, unreadable or invalid input, policy, rules or key
inline constexpr int kExitMismatch = 3;     // verify: a signature, output or input does not match
inline constexpr int kExitIncomplete = 4;   // audit: no failure, but a rule could not be evaluated (error)
inline constexpr int kExitInternal = 70;    // a bug: an unexpected exception reached main()

}  // namespace vca::pipeline
