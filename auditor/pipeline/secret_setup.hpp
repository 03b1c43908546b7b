// The SecretGuard of a run: the bundled weak/default list plus the site's,
// and a fresh HMAC key kept beside the evidence store (mode 0600) so equal
// secrets can be matched inside this store without being kept.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/engine/site_policy.hpp"
#include "probes/creds/secret_guard.hpp"

namespace vca::pipeline {

inline constexpr const char* kStoreKeyFile = "evidence.key";

// Checked before anything is written: a broken list stops the run.
core::Result<std::vector<probes::creds::WeakCandidate>> load_weak_candidates(
    const std::filesystem::path& bundled, const engine::SitePolicy& site);

// Creates <dir>/evidence.key (0600) and the guard that uses it.
core::Result<std::unique_ptr<probes::creds::SecretGuard>> create_secret_guard(
    std::vector<probes::creds::WeakCandidate> candidates, const std::filesystem::path& dir);

}  // namespace vca::pipeline
