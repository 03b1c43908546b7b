#include "auditor/cli/evaluation_options.hpp"

#include <filesystem>

namespace vca::cli {

void add_evaluation_options(po::options_description& desc) {
    desc.add_options()
        ("reports", po::value<std::string>(), "folder for the report folders (default DIR/reports)")
        ("site,s", po::value<std::string>(), "site policy YAML (level, regime, allowed_networks, configs, waivers...)")
        ("level,l", po::value<int>(), "security level 1-5 (overrides the site policy)")
        ("regime,r", po::value<std::string>(), "legacy (TT 12/2022; adds the yearly report to 14 December) or current")
        ("rules", po::value<std::string>(), "rules folder (default: the bundled rule packs)")
        ("attestations", po::value<std::string>(), "the site's answers to the questionnaire")
        ("key", po::value<std::string>(), "PEM private key that signs the reports (with --cert); default: the installation key")
        ("cert", po::value<std::string>(), "PEM certificate of that key")
        ("key-pass-file", po::value<std::string>(), "file whose first line is the key's passphrase (or set VCAUDIT_KEY_PASS)")
        ("p12", po::value<std::string>(), "PKCS#12 file with the signing key and certificate")
        ("pkcs11-uri", po::value<std::string>(), "sign with a key on a PKCS#11 token")
        ("pkcs11-module", po::value<std::string>(), "the token's PKCS#11 library")
        ("pin-file", po::value<std::string>(), "file whose first line is the token's user PIN (or set VCAUDIT_PKCS11_PIN)")
        ("tsa-url", po::value<std::string>(), "RFC 3161 timestamp authority for the signatures");
}

service::AuditSettings audit_settings_from(const po::variables_map& vm) {
    auto text = [&](const char* key) {
        return vm.count(key) != 0U ? std::optional<std::string>(vm[key].as<std::string>()) : std::nullopt;
    };
    auto file = [&](const char* key) {
        auto v = text(key);
        if (v) v = std::filesystem::absolute(*v).lexically_normal().string();
        return v;
    };
    service::AuditSettings s;
    s.site = file("site");
    if (vm.count("level") != 0U) s.level = vm["level"].as<int>();
    s.regime = text("regime");
    s.rules = file("rules");
    s.attestations = file("attestations");
    s.key = file("key");
    s.cert = file("cert");
    s.key_pass_file = file("key-pass-file");
    s.p12 = file("p12");
    s.pkcs11_uri = text("pkcs11-uri");
    s.pkcs11_module = text("pkcs11-module");  // may be a library name the loader searches
    s.pin_file = file("pin-file");
    s.tsa_url = text("tsa-url");
    return s;
}

}  // namespace vca::cli
