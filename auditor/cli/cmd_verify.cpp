#include <iostream>

#include "auditor/cli/options.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/pipeline/manifest.hpp"

namespace vca::cli {

int cmd_verify(const Args& args) {
    po::options_description desc("verify options");
    desc.add_options()
        ("help,h", "show this help")
        ("dir", po::value<std::string>()->required(), "report folder written by vcaudit audit")
        ("trust", po::value<std::vector<std::string>>()->composing(), "PEM file of a CA or signer certificate to trust; repeatable")
        ("allow-missing-inputs", po::bool_switch(), "check the signature and outputs even if the input files are not here");
    po::positional_options_description pos;
    pos.add("dir", 1);
    po::variables_map vm;
    if (auto stop = parse_options("verify", "vcaudit verify DIR [--trust CERT.pem] [--allow-missing-inputs]", args, desc,
                                  vm, &pos))
        return *stop;
    pipeline::VerifyOptions o;
    if (vm.count("trust") != 0U)
        for (const auto& t : vm["trust"].as<std::vector<std::string>>()) o.trust_anchors.emplace_back(t);
    o.allow_missing_inputs = vm["allow-missing-inputs"].as<bool>();
    auto report = pipeline::verify_folder(vm["dir"].as<std::string>(), o);
    if (!report) {
        std::cerr << report.error().line() << "\n";
        return pipeline::kExitUsage;
    }
    for (const auto& line : report->lines) std::cout << line << "\n";
    std::cout << "signer: " << report->signer_subject << " (certificate SHA-256 " << report->signer_cert_sha256 << ")"
              << (o.trust_anchors.empty() ? ", not checked against a trust anchor (pass --trust)"
                                          : report->trusted ? ", trusted" : ", NOT trusted")
              << "\n";
    std::cout << (report->ok ? "verified: every file matches the signed manifest\n"
                             : "VERIFICATION FAILED: see the lines above\n");
    return report->ok ? pipeline::kExitOk : pipeline::kExitMismatch;
}

}  // namespace vca::cli
