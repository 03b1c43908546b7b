#include <iostream>

#include "auditor/cli/options.hpp"
#include "auditor/engine/rule_loader.hpp"
#include "auditor/pipeline/audit.hpp"
#include "auditor/pipeline/exit_codes.hpp"

namespace vca::cli {

int cmd_audit(const Args& args) {
    po::options_description desc("audit options");
    desc.add_options()
        ("help,h", "show this help")
        ("pcap,p", po::value<std::vector<std::string>>()->composing(), "capture file (pcap or pcapng); repeat for more; - reads standard input")
        ("config", po::value<std::vector<std::string>>()->composing(), "device or server configuration file; repeat for more")
        ("configs", po::value<std::vector<std::string>>()->composing(), "folder of configuration files (read recursively); repeat for more")
        ("site,s", po::value<std::string>(), "site policy YAML (name, level, regime, allowed_networks, waivers...)")
        ("level,l", po::value<int>(), "security level 1-5 (overrides the site policy)")
        ("regime,r", po::value<std::string>(), "legacy (TT 12/2022, TCVN 11930:2017) or current (NĐ 331/2026, TCVN 14423:2026)")
        ("out,o", po::value<std::string>()->required(), "output folder to create (must not exist or be empty)")
        ("key", po::value<std::string>(), "PEM private key that signs the report (with --cert)")
        ("cert", po::value<std::string>(), "PEM certificate of that key")
        ("key-pass-file", po::value<std::string>(), "file whose first line is the key's passphrase (or set VCAUDIT_KEY_PASS)")
        ("p12", po::value<std::string>(), "PKCS#12 file (.p12/.pfx) with the signing key, certificate and chain; "
                                          "passphrase from --key-pass-file, VCAUDIT_KEY_PASS or the terminal")
        ("pkcs11-uri", po::value<std::string>(), "sign with a key on a PKCS#11 token, e.g. \"pkcs11:token=NAME;object=LABEL\"; "
                                                 "PIN from --pin-file, VCAUDIT_PKCS11_PIN or the terminal")
        ("pkcs11-module", po::value<std::string>(), "the token's PKCS#11 library (default: p11-kit proxy, else SoftHSM2)")
        ("pin-file", po::value<std::string>(), "file whose first line is the token's user PIN")
        ("tsa-url", po::value<std::string>(), "RFC 3161 timestamp authority (http://...): timestamps the signature into manifest.json.tsr")
        ("previous", po::value<std::string>(), "folder of the previous audit of this site: the report lists new, fixed and persisting findings")
        ("period", po::value<std::string>(), "the period the report speaks for, FROM..TO as Vietnam dates "
                                             "(e.g. 2026-07-01..2026-12-31): the report says how much of it the captures cover")
        ("period-label", po::value<std::string>(), "name of that period in the report, e.g. 2026-H2")
        ("capture-dir", po::value<std::string>(), "folder written by `vcaudit capture` that these pcaps come from: "
                                                  "packets it lost and its capture sessions go into the report")
        ("attestations", po::value<std::string>(), "the site's answers to the questionnaire (overrides the site policy's 'attestations')")
        ("rules", po::value<std::string>(), "rules folder (default: the bundled rule packs)")
        ("threads", po::value<int>(), "cores for the rules and the report files (default: the machine's, at most 4; "
                                      "1 keeps the audit on one core, e.g. beside a running capture)")
        ("timings", "print how long each stage took and the peak memory so far (standard error)")
        // Content scanning (auditor/pipeline/content_scan.hpp).
        ("yara", po::value<std::vector<std::string>>()->composing()->implicit_value(std::vector<std::string>{""}, ""),
         "scan files and bodies carried by the traffic with YARA: the bundled rules plus this rule file or folder "
         "(repeatable; --yara alone: the bundled rules only); carved copies go to OUT/carved")
        ("files", po::value<std::vector<std::string>>()->composing(), "also scan every file of this folder with YARA (repeatable)")
        ("no-bundled-yara", "scan with the --yara rules only, without the bundled ones")
        ("carve", "carve files and bodies carried by the traffic to OUT/carved, even without --yara");
    po::variables_map vm;
    if (auto stop = parse_options("audit", "vcaudit audit [--pcap FILE...] [--config FILE...] [--configs DIR...] [--site FILE] [--level N] --out DIR [--key K --cert C | --p12 F | --pkcs11-uri URI] [--tsa-url URL] [--yara [FILE|DIR]...] [--files DIR...] [--carve]",
                                  args, desc, vm))
        return *stop;
    pipeline::AuditOptions o;
    if (vm.count("pcap") != 0U) o.pcaps = vm["pcap"].as<std::vector<std::string>>();
    for (const char* key : {"config", "configs"})
        if (vm.count(key) != 0U)
            for (const auto& c : vm[key].as<std::vector<std::string>>()) o.configs.emplace_back(c);
    if (vm.count("site") != 0U) o.site = vm["site"].as<std::string>();
    if (vm.count("level") != 0U) o.level = vm["level"].as<int>();
    if (vm.count("regime") != 0U) o.regime = vm["regime"].as<std::string>();
    o.out = vm["out"].as<std::string>();
    if (vm.count("key") != 0U) o.key = vm["key"].as<std::string>();
    if (vm.count("cert") != 0U) o.cert = vm["cert"].as<std::string>();
    if (vm.count("key-pass-file") != 0U) o.key_pass_file = vm["key-pass-file"].as<std::string>();
    if (vm.count("p12") != 0U) o.p12 = vm["p12"].as<std::string>();
    if (vm.count("pkcs11-uri") != 0U) o.pkcs11_uri = vm["pkcs11-uri"].as<std::string>();
    if (vm.count("pkcs11-module") != 0U) o.pkcs11_module = vm["pkcs11-module"].as<std::string>();
    if (vm.count("pin-file") != 0U) o.pin_file = vm["pin-file"].as<std::string>();
    if (vm.count("tsa-url") != 0U) o.tsa_url = vm["tsa-url"].as<std::string>();
    if (vm.count("previous") != 0U) o.previous = vm["previous"].as<std::string>();
    if (vm.count("period") != 0U) o.period = vm["period"].as<std::string>();
    if (vm.count("period-label") != 0U) o.period_label = vm["period-label"].as<std::string>();
    if (vm.count("capture-dir") != 0U) o.capture_dir = vm["capture-dir"].as<std::string>();
    if (vm.count("attestations") != 0U) o.attestations = vm["attestations"].as<std::string>();
    if (vm.count("yara") != 0U)
        for (const auto& y : vm["yara"].as<std::vector<std::string>>()) o.content.yara.emplace_back(y);
    if (vm.count("files") != 0U)
        for (const auto& f : vm["files"].as<std::vector<std::string>>()) o.content.files.emplace_back(f);
    o.content.no_bundled_yara = vm.count("no-bundled-yara") != 0U;
    o.content.carve = vm.count("carve") != 0U;
    if (vm.count("threads") != 0U) {
        const int n = vm["threads"].as<int>();
        o.threads = n < 1 ? 0U : static_cast<unsigned>(n);  // 0 is refused with its range by run_audit
    }
    o.timings = vm.count("timings") != 0U;
    o.rules_dir = vm.count("rules") != 0U ? std::filesystem::path(vm["rules"].as<std::string>()) : engine::default_rules_dir();

    auto outcome = pipeline::run_audit(o, std::cerr);
    if (!outcome) {
        std::cerr << outcome.error().line() << "\n";
        std::cerr << "no report was written\n";
        return pipeline::kExitUsage;
    }
    static const char* kVerdictVi[] = {"ĐẠT", "KHÔNG ĐẠT", "CHƯA ĐỦ CĂN CỨ"};
    int idx = outcome->verdict == "pass" ? 0 : outcome->verdict == "fail" ? 1 : 2;
    std::cout << "verdict: " << kVerdictVi[idx] << " / " << outcome->verdict << "\n";
    std::cout << "signed report: " << (outcome->out / "report.html").string() << "\n";
    std::cout << "verify with:   vcaudit verify " << outcome->out.string() << "\n";
    return outcome->exit_code;
}

}  // namespace vca::cli
