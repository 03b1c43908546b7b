// The audit settings an evaluation hands on to `vcaudit audit` unchanged
// (site policy, level, regime, signing key, rules), checked once before a
// service starts, as the user the evaluations will run as.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"

namespace vca::service {

struct AuditSettings {
    std::optional<std::string> site, regime, rules, attestations;
    std::optional<int> level;
    // Signing, as `vcaudit audit` takes it; none of these: the installation key.
    std::optional<std::string> key, cert, key_pass_file, p12, pkcs11_uri, pkcs11_module, pin_file, tsa_url;

    // The options as audit's command line: {"--site", "/etc/vcaudit/site.yaml", ...}.
    [[nodiscard]] std::vector<std::string> arguments() const;
};

struct ResolvedSettings {
    int level = 0;
    std::string regime;  // legacy or current
    std::string signer;  // subject of the signing certificate
};

// Loads the site policy and the signing key the way audit will (so a
// missing passphrase, an unreadable key or policy, or no level fails now,
// not at the first scheduled run). The default installation key is created
// here if it does not exist yet.
// load_key=false checks the policy, level and regime only (an on-demand
// run, where audit itself may still ask for the passphrase).
core::Result<ResolvedSettings> check_audit_settings(const AuditSettings& settings, std::ostream& log,
                                                    bool load_key = true);

}  // namespace vca::service
