// Options `vcaudit serve` and `vcaudit evaluate` share: the reports folder
// and the audit settings handed on to each `vcaudit audit` (site policy,
// level, regime, rules, signing key: the same names as audit's options).
#pragma once

#include "auditor/cli/options.hpp"
#include "auditor/service/evaluation_settings.hpp"

namespace vca::cli {

void add_evaluation_options(po::options_description& desc);

// File paths are made absolute: the audit runs later, maybe from another folder.
service::AuditSettings audit_settings_from(const po::variables_map& vm);

}  // namespace vca::cli
