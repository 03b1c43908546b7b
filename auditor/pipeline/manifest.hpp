// manifest.json lists every output and input of an audit with its SHA-256;
// manifest.json.p7s is its detached CMS signature. verify_folder re-checks
// both and says exactly which file does not match.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "reports/sign/identity.hpp"

namespace vca::pipeline {

inline constexpr const char* kManifestFormat = "vcaudit-manifest/1";

struct ManifestInput {
    std::string given;                // as on the command line
    std::filesystem::path file;       // absolute path read (or the spooled copy inside the folder)
    std::string sha256;
    std::int64_t size = 0;
    std::string kind;                 // pcap, policy
};

// Writes manifest.json and manifest.json.p7s into `dir`, covering the named
// outputs (relative to dir) and the inputs.
core::Status write_signed_manifest(const std::filesystem::path& dir, const std::vector<std::string>& outputs,
                                   const std::vector<ManifestInput>& inputs, const sign::SigningIdentity& id,
                                   const std::string& created);

struct VerifyOptions {
    std::vector<std::filesystem::path> trust_anchors;  // PEM CA files; empty = integrity only
    bool allow_missing_inputs = false;
};

struct VerifyReport {
    bool ok = false;
    std::vector<std::string> lines;     // one per check, "ok ..." or "MISMATCH ..."
    std::string signer_subject, signer_cert_sha256;
    bool trusted = false;
};

// Control-plane errors (no manifest, unreadable signature) are Diagnostics;
// a mismatch is a report with ok=false.
core::Result<VerifyReport> verify_folder(const std::filesystem::path& dir, const VerifyOptions& options);

}  // namespace vca::pipeline
