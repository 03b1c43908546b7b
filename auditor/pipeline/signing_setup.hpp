// Which key signs this audit: the one given with --key/--cert, or the
// installation's default pair (made on first use, mode 0600, and said so).
#pragma once

#include <iosfwd>
#include <string>

#include "auditor/core/result.hpp"
#include "auditor/pipeline/audit.hpp"
#include "reports/sign/identity.hpp"

namespace vca::pipeline {

struct Signer {
    sign::SigningIdentity identity;
    std::string cert_pem;
    bool demo = false;  // the certificate says it is a demo key (CN contains "DEMO")
};

core::Result<Signer> load_signer(const AuditOptions& options, std::ostream& log);

}  // namespace vca::pipeline
