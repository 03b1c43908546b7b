#include <iostream>

#include "auditor/cli/options.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/pipeline/custody_ledger.hpp"
#include "auditor/pipeline/manifest.hpp"

namespace vca::cli {

int cmd_verify(const Args& args) {
    po::options_description desc("verify options");
    desc.add_options()
        ("help,h", "show this help")
        ("dir", po::value<std::string>()->required(), "report folder written by vcaudit audit")
        ("trust", po::value<std::vector<std::string>>()->composing(), "PEM file of a CA or signer certificate to trust; repeatable")
        ("ca", po::value<std::vector<std::string>>()->composing(), "PEM bundle of CA certificates: the signer must chain to one of them; repeatable")
        ("tsa-ca", po::value<std::vector<std::string>>()->composing(), "PEM CA bundle for the timestamp authority of manifest.json.tsr (default: the --ca/--trust anchors)")
        ("allow-missing-inputs", po::bool_switch(), "check the signature and outputs even if the input files are not here")
        ("no-record", po::bool_switch(), "do not append this verification to the folder's custody log (custody.jsonl)");
    po::positional_options_description pos;
    pos.add("dir", 1);
    po::variables_map vm;
    if (auto stop = parse_options("verify", "vcaudit verify DIR [--ca BUNDLE.pem | --trust CERT.pem] [--tsa-ca TSA.pem] [--allow-missing-inputs]", args, desc,
                                  vm, &pos))
        return *stop;
    pipeline::VerifyOptions o;
    if (vm.count("trust") != 0U)
        for (const auto& t : vm["trust"].as<std::vector<std::string>>()) o.trust_anchors.emplace_back(t);
    if (vm.count("ca") != 0U)
        for (const auto& t : vm["ca"].as<std::vector<std::string>>()) o.trust_anchors.emplace_back(t);
    if (vm.count("tsa-ca") != 0U)
        for (const auto& t : vm["tsa-ca"].as<std::vector<std::string>>()) o.tsa_anchors.emplace_back(t);
    o.allow_missing_inputs = vm["allow-missing-inputs"].as<bool>();
    auto report = pipeline::verify_folder(vm["dir"].as<std::string>(), o);
    if (!report) {
        std::cerr << report.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    for (const auto& line : report->lines) std::cout << line << "\n";
    std::cout << "signer: " << report->signer_subject << " (certificate SHA-256 " << report->signer_cert_sha256 << ")"
              << (o.trust_anchors.empty() ? ", not checked against a trust anchor (pass --ca or --trust)"
                                          : report->trusted ? ", trusted" : ", NOT trusted")
              << "\n";
    if (!vm["no-record"].as<bool>()) {
        if (auto st = pipeline::record_verification(vm["dir"].as<std::string>(), *report); !st)
            std::cerr << "warning: " << st.error().line() << "\n";
        else if (report->custody_ok)
            std::cout << "recorded this verification in " << pipeline::kCustodyLogFile << "\n";
    }
    std::cout << (report->ok ? "verified: every file matches the signed manifest\n"
                             : "VERIFICATION FAILED: see the lines above\n");
    return report->ok ? pipeline::kExitOk : pipeline::kExitMismatch;
}

}  // namespace vca::cli
