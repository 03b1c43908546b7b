// Configuration inputs (--configs DIR, --config FILE, the site policy's
// configs and each device's): listed and checked before anything is written,
// then each one hashed and recorded before it is parsed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/engine/site_policy.hpp"
#include "auditor/pipeline/manifest.hpp"
#include "auditor/store/evidence_store.hpp"
#include "probes/creds/secret_guard.hpp"

namespace vca::pipeline {

struct ConfigInput {
    std::string given;            // path as the user wrote it (file, or folder + relative name)
    std::filesystem::path file;
    std::string device_id;        // the site's device name, else the path relative to its folder
    std::string role;             // the site's role for the device, if declared
};

// Expands folders (recursively, sorted, hidden files skipped) and attaches
// each file to the site device that declares it. E110 for a missing path.
core::Result<std::vector<ConfigInput>> collect_configs(const std::vector<std::filesystem::path>& given,
                                                       const engine::SitePolicy& site);

core::Status analyse_configs(const std::vector<ConfigInput>& configs, std::int64_t& next_id,
                             store::EvidenceStore& store, const probes::creds::SecretGuard& guard,
                             std::vector<ManifestInput>& manifest_inputs, std::ostream& log);

}  // namespace vca::pipeline
