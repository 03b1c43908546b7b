// Site policy (`--site FILE`): the public contract of DESIGN.md "Site policy".
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"

namespace vca::engine {

struct Device {
    std::string name, address, vendor, model;
    std::string role;                          // endpoint, phone, pbx, sip_server, turn, mcu, web, recorder
    std::string min_firmware;                  // lowest firmware version the site accepts ("" = none declared)
    std::vector<std::filesystem::path> configs;  // its configuration files (resolved against the site file)
};

struct Waiver {
    std::string rule;           // rule id
    std::string subject;        // finding subject it covers; empty = every finding of the rule
    std::string justification;
    std::string approver;
    std::string expires;        // YYYY-MM-DD; the waiver lapses after that day
};

struct SitePolicy {
    std::string name = "unnamed site";
    int level = 0;                          // 0 = not declared
    std::string regime = "legacy";          // legacy | current
    std::vector<std::string> allowed_networks;
    std::vector<std::string> management_networks;
    std::vector<std::filesystem::path> trust_anchors;
    std::vector<Device> devices;
    std::vector<Waiver> waivers;
    std::string approval_decision, approval_date;
    std::optional<std::filesystem::path> attestations;  // answers to the questionnaire
    std::vector<std::filesystem::path> configs;         // configuration files or folders to audit
    std::optional<std::filesystem::path> weak_secrets;  // the site's additions to policy/weak-secrets.yaml
    std::map<std::string, std::string> inputs;          // values for rule inputs (lists joined with ',')
    std::optional<std::filesystem::path> source;  // file it came from

    // Values rule inputs can draw from ("allowed_networks" → "10.0.0.0/8,...").
    [[nodiscard]] std::map<std::string, std::string> input_values() const;
};

// Loads and validates a site policy. Errors name the file and line.
core::Result<SitePolicy> load_site_policy(const std::filesystem::path& path);

}  // namespace vca::engine
