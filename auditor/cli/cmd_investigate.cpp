#include <iostream>

#include "auditor/cli/options.hpp"
#include "auditor/engine/rule_loader.hpp"
#include "auditor/investigate/run_investigation.hpp"
#include "auditor/pipeline/exit_codes.hpp"

namespace vca::cli {

int cmd_investigate(const Args& args) {
    po::options_description desc("investigate options");
    desc.add_options()
        ("help,h", "show this help")
        ("pcap,p", po::value<std::vector<std::string>>()->composing(), "capture file (pcap or pcapng); repeat for more; - reads standard input")
        ("files", po::value<std::vector<std::string>>()->composing(), "also scan every file of this folder with YARA (recordings, shared documents; repeatable)")
        ("yara", po::value<std::vector<std::string>>()->composing(), "YARA rule file or folder added to the bundled rules (repeatable)")
        ("site,s", po::value<std::string>(), "site policy YAML: its allowed_networks decide what is outside, its devices what is declared")
        ("level,l", po::value<int>(), "security level 1-5 for the audit part of the folder (default: the site's, else 1)")
        ("regime,r", po::value<std::string>(), "legacy or current (overrides the site policy)")
        ("from", po::value<std::string>(), "start of the window: ISO 8601 with zone (2026-03-15T08:00:00+07:00) or Unix seconds")
        ("to", po::value<std::string>(), "end of the window, same forms")
        ("after-meeting", po::value<double>()->default_value(investigate::kDefaultAfterMeetingMinutes),
         "minutes after a meeting during which an upload outside still counts as following it")
        ("out,o", po::value<std::string>()->required(), "output folder to create (must not exist or be empty)")
        ("key", po::value<std::string>(), "PEM private key that signs the folder (with --cert)")
        ("cert", po::value<std::string>(), "PEM certificate of that key")
        ("key-pass-file", po::value<std::string>(), "file whose first line is the key's passphrase (or set VCAUDIT_KEY_PASS)")
        ("p12", po::value<std::string>(), "PKCS#12 file with the signing key, certificate and chain")
        ("pkcs11-uri", po::value<std::string>(), "sign with a key on a PKCS#11 token")
        ("pkcs11-module", po::value<std::string>(), "the token's PKCS#11 library")
        ("pin-file", po::value<std::string>(), "file whose first line is the token's user PIN")
        ("tsa-url", po::value<std::string>(), "RFC 3161 timestamp authority (http://...)")
        ("rules", po::value<std::string>(), "rules folder (default: the bundled rule packs)");
    po::variables_map vm;
    if (auto stop = parse_options("investigate",
                                  "vcaudit investigate --pcap FILE... [--files DIR...] [--yara FILE|DIR...] [--site FILE] [--from T --to T] --out DIR "
                                  "[--key K --cert C | --p12 F | --pkcs11-uri URI]",
                                  args, desc, vm))
        return *stop;
    investigate::InvestigateOptions o;
    pipeline::AuditOptions& a = o.audit;
    if (vm.count("pcap") != 0U) a.pcaps = vm["pcap"].as<std::vector<std::string>>();
    if (vm.count("site") != 0U) a.site = vm["site"].as<std::string>();
    if (vm.count("level") != 0U) a.level = vm["level"].as<int>();
    if (vm.count("regime") != 0U) a.regime = vm["regime"].as<std::string>();
    a.out = vm["out"].as<std::string>();
    if (vm.count("key") != 0U) a.key = vm["key"].as<std::string>();
    if (vm.count("cert") != 0U) a.cert = vm["cert"].as<std::string>();
    if (vm.count("key-pass-file") != 0U) a.key_pass_file = vm["key-pass-file"].as<std::string>();
    if (vm.count("p12") != 0U) a.p12 = vm["p12"].as<std::string>();
    if (vm.count("pkcs11-uri") != 0U) a.pkcs11_uri = vm["pkcs11-uri"].as<std::string>();
    if (vm.count("pkcs11-module") != 0U) a.pkcs11_module = vm["pkcs11-module"].as<std::string>();
    if (vm.count("pin-file") != 0U) a.pin_file = vm["pin-file"].as<std::string>();
    if (vm.count("tsa-url") != 0U) a.tsa_url = vm["tsa-url"].as<std::string>();
    // An investigation always takes files and bodies out of the traffic,
    // carves them and scans them with the bundled rules plus the user's.
    a.content.carve = true;
    a.content.yara.emplace_back();
    if (vm.count("yara") != 0U)
        for (const auto& y : vm["yara"].as<std::vector<std::string>>()) a.content.yara.emplace_back(y);
    if (vm.count("files") != 0U)
        for (const auto& f : vm["files"].as<std::vector<std::string>>()) a.content.files.emplace_back(f);
    a.rules_dir = vm.count("rules") != 0U ? std::filesystem::path(vm["rules"].as<std::string>()) : engine::default_rules_dir();
    if (vm.count("from") != 0U) o.from = vm["from"].as<std::string>();
    if (vm.count("to") != 0U) o.to = vm["to"].as<std::string>();
    o.after_meeting_minutes = vm["after-meeting"].as<double>();

    auto outcome = investigate::run_investigation(std::move(o), std::cerr);
    if (!outcome) {
        std::cerr << outcome.error().line() << "\n";
        std::cerr << "nothing was written\n";
        return pipeline::kExitUsage;
    }
    const auto& s = outcome->summary;
    std::cout << "timeline: " << s.events << " events · sự kiện\n";
    std::cout << "exfiltration paths: " << s.paths << " · đường rò rỉ có thể\n";
    std::cout << "evidence extract: " << s.extracted_packets << " packets of " << s.evidence_flows << " flows\n";
    std::cout << "signed folder: " << outcome->audit.out.string() << " (timeline.html, exfiltration.json)\n";
    std::cout << "verify with:   vcaudit verify " << outcome->audit.out.string() << "\n";
    return pipeline::kExitOk;
}

}  // namespace vca::cli
