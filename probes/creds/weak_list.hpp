// The weak/default secret list (policy/weak-secrets.yaml, or a site's own in
// the same format): vendor defaults of conference endpoints, phones, PBXs,
// MCUs, TURN servers and web front ends, plus common weak passwords. Loaded
// once at start-up (control plane: a Result with a Diagnostic, never a throw).
#pragma once

#include <filesystem>
#include <vector>

#include "auditor/core/result.hpp"
#include "probes/creds/secret_guard.hpp"

namespace vca::probes::creds {

// Reads either form (both may appear in one file):
//   candidates: [{secret: "...", source: "..."}, ...]
//   groups: [{source: "...", secrets: ["...", ...]}, ...]
// Entries keep their order ('candidates' before 'groups'); a repeated secret
// is kept once, with its first source. Errors (E230–E235) name the file and line and never quote a secret.
core::Result<std::vector<WeakCandidate>> load_weak_list(const std::filesystem::path& yaml_file);

}  // namespace vca::probes::creds
