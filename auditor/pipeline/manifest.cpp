#include "auditor/pipeline/manifest.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "auditor/core/version.hpp"
#include "reports/sign/cms.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/sha256.hpp"
#include "reports/sign/timestamp.hpp"

namespace vca::pipeline {
namespace {

core::Result<std::string> read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return core::make_diag("E140", p.string() + ": cannot be read", "is this an audit output folder?");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

core::Status write_signed_manifest(const std::filesystem::path& dir, const std::vector<std::string>& outputs,
                                   const std::vector<ManifestInput>& inputs, const sign::SigningIdentity& id,
                                   const std::string& created, const std::string& custody_head,
                                   const std::map<std::string, std::string>& hashed) {
    using nlohmann::json;
    json files = json::array();
    for (const auto& name : outputs) {
        auto known = hashed.find(name);
        auto h = known != hashed.end() ? core::Result<std::string>(known->second) : sign::sha256_file(dir / name);
        if (!h) return h.error();
        files.push_back({{"role", "output"}, {"path", name}, {"sha256", *h},
                         {"size", std::filesystem::file_size(dir / name)}});
    }
    for (const auto& in : inputs)
        files.push_back({{"role", "input"}, {"kind", in.kind}, {"given", in.given}, {"path", in.file.string()},
                         {"sha256", in.sha256}, {"size", in.size}});
    json m = {{"manifest_format", kManifestFormat},
              {"created", created},
              {"tool", {{"name", "vcaudit"}, {"version", core::kToolVersion}}},
              {"signer", {{"subject", sign::subject(id)}, {"cert_sha256", sign::cert_sha256(id)}}},
              {"custody_head", custody_head},
              {"files", files}};
    std::string text = m.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    if (auto st = sign::write_file_exclusive(dir / "manifest.json", text, 0644, false); !st) return st;
    auto sig = sign::sign_detached(id, text);
    if (!sig) return sig.error();
    if (auto st = sign::write_file_exclusive(dir / "manifest.json.p7s", *sig, 0644, false); !st) return st;
    if (id.timestamp_url.empty()) return core::ok_status();
    // After the signature, so it cannot be listed in the manifest: verify
    // checks it on its own (see reports/sign/timestamp.hpp).
    auto tsr = sign::request_timestamp(id.timestamp_url, *sig);
    if (!tsr) return tsr.error();
    return sign::write_file_exclusive(dir / kTimestampFile, *tsr, 0644, false);
}

core::Result<VerifyReport> verify_folder(const std::filesystem::path& dir, const VerifyOptions& options) {
    using nlohmann::json;
    if (!std::filesystem::is_directory(dir))
        return core::make_diag("E141", dir.string() + ": no such folder", "pass the output folder of an audit");
    auto manifest_text = read_all(dir / "manifest.json");
    if (!manifest_text) return manifest_text.error();
    auto p7s = read_all(dir / "manifest.json.p7s");
    if (!p7s) return p7s.error();
    VerifyReport report;
    report.ok = true;
    // A timestamp checked against a trusted TSA moves the certificate checks
    // to its genTime; otherwise they are made as of now.
    sign::VerifyParams params{options.trust_anchors, std::nullopt};
    std::string timestamp_line;
    if (std::filesystem::exists(dir / kTimestampFile)) {
        auto tsr = read_all(dir / kTimestampFile);
        if (!tsr) return tsr.error();
        const auto& tsa_anchors = options.tsa_anchors.empty() ? options.trust_anchors : options.tsa_anchors;
        auto ts = sign::verify_timestamp(*tsr, *p7s, tsa_anchors);
        if (!ts) {
            timestamp_line = "MISMATCH " + std::string(kTimestampFile) + ": " + ts.error().message;
            report.ok = false;
        } else if (!ts->ok) {
            timestamp_line = "MISMATCH " + std::string(kTimestampFile) + ": " + ts->failure;
            report.ok = false;
        } else {
            report.timestamp_time = ts->gen_time;
            if (ts->signature_checked) params.validity_time = ts->gen_time_unix;
            timestamp_line = "ok       " + std::string(kTimestampFile) + ": timestamp at " + ts->gen_time +
                             (ts->tsa_subject.empty() ? "" : " by " + ts->tsa_subject) +
                             (ts->signature_checked ? ", TSA trusted"
                                                    : " (TSA not checked: pass --tsa-ca or --ca)");
        }
    }
    auto sig = sign::verify_detached_with(*p7s, *manifest_text, params);
    if (!sig) {
        core::Diagnostic d = sig.error();
        d.location = (dir / "manifest.json.p7s").string();
        return d;
    }
    report.signer_subject = sig->signer_subject;
    report.signer_cert_sha256 = sig->signer_cert_sha256;
    report.trusted = sig->trusted;
    report.problem = sig->problem;
    if (!sig->signature_ok) {
        report.ok = false;
        if (sig->problem == sign::SignatureProblem::cert_mismatch)
            report.lines.push_back("CERT-MISMATCH manifest.json.p7s: " + sig->failure);
        else
            report.lines.push_back("MISMATCH manifest.json: signature does not verify (" + sig->failure + ")");
        return report;  // nothing listed in an unsigned manifest can be trusted
    }
    report.lines.push_back("ok       manifest.json: signature valid, signed by " + sig->signer_subject +
                           (sig->signing_time.empty() ? "" : " at " + sig->signing_time));
    if (!timestamp_line.empty()) report.lines.push_back(timestamp_line);
    if (!options.trust_anchors.empty() && !sig->trusted) {
        report.ok = false;
        report.lines.push_back(std::string(sign::problem_label(sig->problem)) + " signer: " + sig->failure);
    }
    json m;
    try {
        m = json::parse(*manifest_text);
    } catch (const json::exception& e) {
        return core::make_diag("E142", (dir / "manifest.json").string() + ": not valid JSON: " + e.what());
    }
    if (!m.contains("files") || !m["files"].is_array())
        return core::make_diag("E142", (dir / "manifest.json").string() + ": no file list");
    for (const auto& f : m["files"]) {
        std::string role = f.value("role", "");
        std::string path = f.value("path", "");
        std::string want = f.value("sha256", "");
        std::filesystem::path file = role == "output" ? dir / path : std::filesystem::path(path);
        std::string label = role == "output" ? path : "input " + f.value("given", path);
        if (role == "output" && (path.find("..") != std::string::npos || std::filesystem::path(path).is_absolute())) {
            report.ok = false;
            report.lines.push_back("MISMATCH " + label + ": output path escapes the folder");
            continue;
        }
        std::error_code ec;
        if (!std::filesystem::exists(file, ec)) {
            if (role == "input" && options.allow_missing_inputs) {
                report.lines.push_back("skipped  " + label + ": not available here (" + path + ")");
            } else {
                report.ok = false;
                report.lines.push_back("MISSING  " + label + ": " + file.string() +
                                       (role == "input" ? " (use --allow-missing-inputs to check the rest)" : ""));
            }
            continue;
        }
        auto h = sign::sha256_file(file);
        if (!h || *h != want) {
            report.ok = false;
            report.lines.push_back("MISMATCH " + label + ": SHA-256 is " + (h ? *h : "unreadable") + ", manifest says " + want);
        } else {
            report.lines.push_back("ok       " + label);
        }
    }
    verify_custody(dir, m.value("custody_head", ""), report);
    return report;
}

}  // namespace vca::pipeline
