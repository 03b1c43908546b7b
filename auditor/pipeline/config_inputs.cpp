#include "auditor/pipeline/config_inputs.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <system_error>

#include "auditor/core/limits.hpp"
#include "probes/config/config_facts.hpp"
#include "probes/config/config_reader.hpp"
#include "probes/config/format_detect.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::pipeline {
namespace {

std::string canonical_key(const std::filesystem::path& p) {
    std::error_code ec;
    auto c = std::filesystem::weakly_canonical(p, ec);
    return ec ? std::filesystem::absolute(p).lexically_normal().string() : c.string();
}

bool hidden(const std::filesystem::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name.front() == '.';
}

core::Diagnostic missing(const std::filesystem::path& p) {
    return core::make_diag("E110", p.string() + ": no such configuration file or folder",
                           "check the path given to --config/--configs or in the site policy");
}

}  // namespace

core::Result<std::vector<ConfigInput>> collect_configs(const std::vector<std::filesystem::path>& given,
                                                       const engine::SitePolicy& site) {
    std::map<std::string, const engine::Device*> owner;  // canonical path → declaring device
    std::vector<std::filesystem::path> roots;
    for (const auto& d : site.devices)
        for (const auto& f : d.configs) {
            owner[canonical_key(f)] = &d;
            roots.push_back(f);
        }
    roots.insert(roots.end(), site.configs.begin(), site.configs.end());
    roots.insert(roots.end(), given.begin(), given.end());

    std::vector<ConfigInput> out;
    std::set<std::string> seen;
    auto add = [&](const std::filesystem::path& file, const std::string& shown, const std::string& fallback_id) {
        std::string key = canonical_key(file);
        if (!seen.insert(key).second) return;
        ConfigInput in{shown, file, fallback_id, {}};
        if (auto it = owner.find(key); it != owner.end()) {
            in.device_id = it->second->name;
            in.role = it->second->role;
        }
        out.push_back(std::move(in));
    };
    for (const auto& root : roots) {
        std::error_code ec;
        auto status = std::filesystem::status(root, ec);
        if (ec || !std::filesystem::exists(status)) return missing(root);
        if (std::filesystem::is_regular_file(status)) {
            add(root, root.string(), root.filename().string());
            continue;
        }
        if (!std::filesystem::is_directory(status))
            return core::make_diag("E110", root.string() + ": not a regular file or folder",
                                   "give configuration files or folders that hold them");
        std::vector<std::filesystem::path> files;
        auto it = std::filesystem::recursive_directory_iterator(
            root, std::filesystem::directory_options::skip_permission_denied, ec);
        for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (hidden(it->path())) {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file()) files.push_back(it->path());
            if (files.size() > core::limits::kMaxConfigFiles)
                return core::make_diag("E111", root.string() + ": more than " +
                                                   std::to_string(core::limits::kMaxConfigFiles) +
                                                   " configuration files",
                                       "point --configs at the folder of the meeting-room devices only");
        }
        if (ec) return core::make_diag("E110", root.string() + ": cannot list the folder: " + ec.message(), {});
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::string rel = std::filesystem::relative(f, root).generic_string();
            add(f, (root / rel).string(), rel);
        }
    }
    return out;
}

core::Status analyse_configs(const std::vector<ConfigInput>& configs, std::int64_t& next_id,
                             store::EvidenceStore& store, const probes::creds::SecretGuard& guard,
                             std::vector<ManifestInput>& manifest_inputs, std::ostream& log) {
    // FreeSWITCH profiles use the variables of the set's vars.xml.
    probes::config::FreeswitchVars vars;
    for (const auto& c : configs) {
        if (c.file.filename() != "vars.xml") continue;
        auto text = sign::read_file_bounded(c.file, core::limits::kMaxConfigFileBytes);
        if (!text) continue;  // reported when the file itself is read below
        for (auto& [k, v] : probes::config::freeswitch_vars_of(c.file.filename().string(), *text)) vars[k] = v;
    }
    for (const auto& c : configs) {
        const std::int64_t id = next_id++;
        // The bytes parsed are the bytes hashed: read once, hash, record, then parse.
        std::size_t size = 0;
        if (auto fd = sign::open_regular_readonly(c.file, &size); !fd) return fd.error();
        if (size > core::limits::kMaxConfigFileBytes) {
            auto h = sign::sha256_file(c.file);
            if (!h) return h.error();
            store.add(facts::InputRow{id, c.given, "config", *h, static_cast<std::int64_t>(size), {}, {}, {}, {}, {},
                                      false});
            store.add(facts::AnomalyRow{id, {}, {}, "config_too_large",
                                        c.given + ": " + std::to_string(size) + " bytes; not parsed (limit " +
                                            std::to_string(core::limits::kMaxConfigFileBytes) + ")",
                                        {}, 1});
            manifest_inputs.push_back({c.given, std::filesystem::absolute(c.file), *h,
                                       static_cast<std::int64_t>(size), "config"});
            continue;
        }
        auto text = sign::read_file_bounded(c.file, core::limits::kMaxConfigFileBytes);
        if (!text) return text.error();
        std::string sha = sign::sha256_hex(std::string_view(*text));
        auto bytes = static_cast<std::int64_t>(text->size());
        // Recorded (hash and detected format) before anything is parsed from it.
        const probes::config::Format format = probes::config::detect_format(c.file.filename().string(), *text);
        store.add(facts::InputRow{id, c.given, "config", sha, bytes, std::string(probes::config::format_name(format)),
                                  {}, {}, {}, {}, true});
        manifest_inputs.push_back({c.given, std::filesystem::absolute(c.file), sha, bytes, "config"});
        probes::config::ParsedConfig parsed = probes::config::read_config(c.file.filename().string(), *text, vars);
        if (parsed.format == probes::config::Format::Unknown) {
            store.add(facts::AnomalyRow{id, {}, {}, "config_format_unknown",
                                        c.given + ": not a configuration format vcaudit reads; kept as evidence only",
                                        {}, 1});
            log << "config " << c.given << ": format not recognised\n";
            continue;
        }
        probes::config::ConfigContext ctx{c.device_id, id, c.given, c.role};
        probes::config::emit_config_facts(parsed, ctx, guard, store);
        log << "config " << c.given << ": " << probes::config::format_name(parsed.format) << ", "
            << parsed.settings.size() << " normalised setting(s)";
        if (!parsed.issues.empty()) log << ", " << parsed.issues.size() << " damaged line(s)";
        log << "\n";
    }
    return store.flush();
}

}  // namespace vca::pipeline
