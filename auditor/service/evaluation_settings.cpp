#include "auditor/service/evaluation_settings.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cerrno>

#include "auditor/engine/site_policy.hpp"
#include "auditor/pipeline/audit.hpp"
#include "auditor/pipeline/signing_setup.hpp"
#include "reports/sign/file_io.hpp"

namespace vca::service {

std::vector<std::string> AuditSettings::arguments() const {
    std::vector<std::string> out;
    auto add = [&](const char* option, const std::optional<std::string>& value) {
        if (!value) return;
        out.emplace_back(option);
        out.push_back(*value);
    };
    add("--site", site);
    if (level) add("--level", std::to_string(*level));
    add("--regime", regime);
    add("--rules", rules);
    add("--attestations", attestations);
    add("--key", key);
    add("--cert", cert);
    add("--key-pass-file", key_pass_file);
    add("--p12", p12);
    add("--pkcs11-uri", pkcs11_uri);
    add("--pkcs11-module", pkcs11_module);
    add("--pin-file", pin_file);
    add("--tsa-url", tsa_url);
    return out;
}

namespace {

std::string effective_user() {
    passwd pw{};
    passwd* found = nullptr;
    char buf[4096];
    if (getpwuid_r(::geteuid(), &pw, buf, sizeof buf, &found) == 0 && found != nullptr) return found->pw_name;
    return "uid " + std::to_string(::geteuid());
}

// Each file the audits will open, readable by the user they run as: said
// here with the file and the user named, rather than by the first audit.
core::Status check_readable(const AuditSettings& s) {
    for (const auto* file : {&s.site, &s.attestations, &s.key, &s.cert, &s.key_pass_file, &s.p12, &s.pin_file}) {
        if (!*file || ::access((*file)->c_str(), R_OK) == 0) continue;
        if (errno == ENOENT) return core::make_diag("E401", **file + ": no such file", "check the path");
        const std::string why = sign::errno_text(errno);
        const std::string user = effective_user();
        return core::make_diag("E401", **file + ": cannot be read by user " + user + " (" + why + ")",
                               "the evaluations run as " + user + ": give that user read access (chown or chmod), "
                               "or pass a file it can read");
    }
    return core::ok_status();
}

}  // namespace

core::Result<ResolvedSettings> check_audit_settings(const AuditSettings& s, std::ostream& log, bool load_key) {
    if (auto st = check_readable(s); !st) return st.error();
    ResolvedSettings r;
    engine::SitePolicy policy;
    if (s.site) {
        auto loaded = engine::load_site_policy(*s.site);
        if (!loaded) return loaded.error();
        policy = std::move(loaded.value());
    }
    r.level = s.level ? *s.level : policy.level;
    if (r.level < 1 || r.level > 5)
        return core::make_diag("E210", "no security level to evaluate against",
                               "pass --level 1..5 or set 'level' in the site policy (--site)");
    r.regime = s.regime ? *s.regime : policy.regime;
    if (r.regime != "legacy" && r.regime != "current")
        return core::make_diag("E204", "--regime must be legacy or current", {});
    if (!load_key) return r;
    pipeline::AuditOptions o;
    auto path = [](const std::optional<std::string>& v) {
        return v ? std::optional<std::filesystem::path>(*v) : std::nullopt;
    };
    o.key = path(s.key);
    o.cert = path(s.cert);
    o.key_pass_file = path(s.key_pass_file);
    o.p12 = path(s.p12);
    o.pkcs11_uri = s.pkcs11_uri;
    o.pkcs11_module = path(s.pkcs11_module);
    o.pin_file = path(s.pin_file);
    o.tsa_url = s.tsa_url;
    auto signer = pipeline::load_signer(o, log);
    if (!signer) return signer.error();
    r.signer = sign::subject(signer->identity);
    return r;
}

}  // namespace vca::service
