#include "auditor/engine/site_policy.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>

#include "auditor/core/net_address.hpp"

namespace vca::engine {
namespace {

std::string where(const std::filesystem::path& path, const YAML::Node& node) {
    if (!node.IsDefined() || node.Mark().line < 0) return path.string();
    return path.string() + ":" + std::to_string(node.Mark().line + 1);
}

// Paths in the site policy are relative to the policy file.
std::filesystem::path resolve(const std::filesystem::path& policy, const std::string& given) {
    std::filesystem::path p(given);
    return p.is_relative() ? policy.parent_path() / p : p;
}

core::Result<std::vector<std::string>> string_list(const std::filesystem::path& path, const YAML::Node& node,
                                                   const char* key) {
    std::vector<std::string> out;
    if (!node) return out;
    if (!node.IsSequence())
        return core::make_diag("E202", std::string("'") + key + "' must be a list", "write it as a YAML list",
                               where(path, node));
    for (const auto& item : node) {
        if (!item.IsScalar())
            return core::make_diag("E202", std::string("'") + key + "' items must be text", {}, where(path, item));
        out.push_back(item.as<std::string>());
    }
    return out;
}

core::Result<SitePolicy> parse(const std::filesystem::path& path, const YAML::Node& root) {
    SitePolicy p;
    p.source = path;
    if (!root.IsMap())
        return core::make_diag("E201", "the site policy must be a YAML mapping (key: value)",
                               "see policy/site.example.yaml", path.string());
    if (auto n = root["name"]) p.name = n.as<std::string>();
    if (auto n = root["level"]) {
        int level = 0;
        try {
            level = n.as<int>();
        } catch (const YAML::Exception&) {
            level = -1;
        }
        if (level < 1 || level > 5)
            return core::make_diag("E203", "'level' must be a number from 1 to 5", "set the approved security level",
                                   where(path, n));
        p.level = level;
    }
    if (auto n = root["regime"]) {
        p.regime = n.as<std::string>();
        if (p.regime != "legacy" && p.regime != "current")
            return core::make_diag("E204", "'regime' must be legacy or current",
                                   "legacy = TT 12/2022 + TCVN 11930:2017; current = NĐ 331/2026 + TCVN 14423:2026",
                                   where(path, n));
    }
    for (const char* key : {"allowed_networks", "management_networks"}) {
        auto list = string_list(path, root[key], key);
        if (!list) return list.error();
        for (const auto& cidr : *list)
            if (!core::parse_cidr(cidr))
                return core::make_diag("E205", std::string("'") + cidr + "' in " + key + " is not a CIDR",
                                       "write networks like 10.0.0.0/8 or 2001:db8::/32", where(path, root[key]));
        (std::string(key) == "allowed_networks" ? p.allowed_networks : p.management_networks) = *list;
    }
    auto anchors = string_list(path, root["trust_anchors"], "trust_anchors");
    if (!anchors) return anchors.error();
    for (const auto& a : *anchors) p.trust_anchors.push_back(resolve(path, a));
    if (auto devices = root["devices"]) {
        if (!devices.IsSequence())
            return core::make_diag("E206", "'devices' must be a list of {name, address, vendor, model}", {},
                                   where(path, devices));
        for (const auto& d : devices) {
            if (!d.IsMap())
                return core::make_diag("E206", "each device must be a mapping {name, address, vendor, model, ...}",
                                       {}, where(path, d));
            Device dev;
            for (auto [field, key] : {std::pair{&dev.name, "name"}, std::pair{&dev.address, "address"},
                                      std::pair{&dev.vendor, "vendor"}, std::pair{&dev.model, "model"},
                                      std::pair{&dev.role, "role"}, std::pair{&dev.min_firmware, "min_firmware"}})
                if (d[key]) *field = d[key].as<std::string>();
            if (dev.name.empty())
                return core::make_diag("E206", "a device needs a 'name'", "name every device of the inventory",
                                       where(path, d));
            auto files = string_list(path, d["configs"], "configs");
            if (!files) return files.error();
            for (const auto& f : *files) dev.configs.push_back(resolve(path, f));
            p.devices.push_back(dev);
        }
    }
    if (auto waivers = root["waivers"]) {
        if (!waivers.IsSequence())
            return core::make_diag("E207", "'waivers' must be a list", {}, where(path, waivers));
        for (const auto& w : waivers) {
            Waiver wv;
            for (auto [field, key] : {std::pair{&wv.rule, "rule"}, std::pair{&wv.subject, "subject"},
                                      std::pair{&wv.justification, "justification"},
                                      std::pair{&wv.approver, "approver"}, std::pair{&wv.expires, "expires"}})
                if (w[key]) *field = w[key].as<std::string>();
            if (wv.rule.empty() || wv.justification.empty() || wv.approver.empty() || wv.expires.empty())
                return core::make_diag("E208", "a waiver needs rule, justification, approver and expires",
                                       "a waiver without an approver and an expiry is not accepted",
                                       where(path, w));
            if (wv.expires.size() != 10 || wv.expires[4] != '-' || wv.expires[7] != '-')
                return core::make_diag("E208", "waiver 'expires' must be a date YYYY-MM-DD", {}, where(path, w));
            p.waivers.push_back(wv);
        }
    }
    if (auto inputs = root["inputs"]) {
        if (!inputs.IsMap())
            return core::make_diag("E209", "'inputs' must map rule input names to values",
                                   "e.g. inputs: {admin_ports: \"tcp/22,tcp/443\"}", where(path, inputs));
        for (const auto& kv : inputs) {
            std::string value;
            if (kv.second.IsSequence()) {
                for (const auto& v : kv.second) value += (value.empty() ? "" : ",") + v.as<std::string>();
            } else {
                value = kv.second.as<std::string>();
            }
            p.inputs[kv.first.as<std::string>()] = value;
        }
    }
    if (auto att = root["attestations"]) p.attestations = resolve(path, att.as<std::string>());
    auto configs = string_list(path, root["configs"], "configs");
    if (!configs) return configs.error();
    for (const auto& c : *configs) p.configs.push_back(resolve(path, c));
    if (auto weak = root["weak_secrets"]) p.weak_secrets = resolve(path, weak.as<std::string>());
    if (auto approval = root["approval"]) {
        if (approval["decision"]) p.approval_decision = approval["decision"].as<std::string>();
        if (approval["date"]) p.approval_date = approval["date"].as<std::string>();
    }
    return p;
}

}  // namespace

std::map<std::string, std::string> SitePolicy::input_values() const {
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
        return s;
    };
    std::map<std::string, std::string> out = inputs;  // the named keys below take precedence
    if (!allowed_networks.empty()) out["allowed_networks"] = join(allowed_networks);
    if (!management_networks.empty()) out["management_networks"] = join(management_networks);
    std::vector<std::string> addresses;
    for (const auto& d : devices)
        if (!d.address.empty()) addresses.push_back(d.address);
    if (!addresses.empty()) out["device_addresses"] = join(addresses);
    return out;
}

core::Result<SitePolicy> load_site_policy(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in)
        return core::make_diag("E200", path.string() + ": cannot read the site policy",
                               "check the path given to --site");
    try {
        return parse(path, YAML::Load(in));
    } catch (const YAML::Exception& e) {
        // yaml-cpp marks are 0-based; report 1-based lines like an editor.
        std::string loc = path.string();
        if (e.mark.line >= 0) loc += ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
        return core::make_diag("E201", "not valid YAML: " + e.msg, "fix the YAML syntax at that line", loc);
    }
}

}  // namespace vca::engine
