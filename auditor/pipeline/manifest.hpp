// manifest.json lists every output and input of an audit with its SHA-256;
// manifest.json.p7s is its detached CMS signature. verify_folder re-checks
// both and says exactly which file does not match.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "reports/sign/cms.hpp"
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
// outputs (relative to dir) and the inputs, and the custody ledger's head
// (the entry_hash of the store's last custody entry). `hashed`: SHA-256 of
// outputs the caller has just hashed and nothing has written since (by name);
// the others are hashed here.
core::Status write_signed_manifest(const std::filesystem::path& dir, const std::vector<std::string>& outputs,
                                   const std::vector<ManifestInput>& inputs, const sign::SigningIdentity& id,
                                   const std::string& created, const std::string& custody_head,
                                   const std::map<std::string, std::string>& hashed = {});

// RFC 3161 token over the manifest signature (vcaudit audit --tsa-url).
// Written after manifest.json.p7s, so it is not listed in manifest.json.
inline constexpr const char* kTimestampFile = "manifest.json.tsr";

struct VerifyOptions {
    std::vector<std::filesystem::path> trust_anchors;  // PEM CA files (--trust, --ca); empty = integrity only
    std::vector<std::filesystem::path> tsa_anchors;    // --tsa-ca; empty: trust_anchors also vouch for the TSA
    bool allow_missing_inputs = false;
};

struct VerifyReport {
    bool ok = false;
    std::vector<std::string> lines;     // one per check, "ok ..." or "MISMATCH ..."
    std::string signer_subject, signer_cert_sha256;
    bool trusted = false;
    sign::SignatureProblem problem = sign::SignatureProblem::none;  // why not ok/trusted, if the signature is why
    std::string timestamp_time;  // genTime of a valid manifest.json.tsr; "" if none
    // The custody chain (store ledger, then custody.jsonl) as recomputed.
    bool custody_ok = false;
    std::string custody_head;          // last entry_hash of the whole chain
    std::int64_t custody_entries = 0;  // entries in the whole chain
};

// Control-plane errors (no manifest, unreadable signature) are Diagnostics;
// a mismatch is a report with ok=false.
core::Result<VerifyReport> verify_folder(const std::filesystem::path& dir, const VerifyOptions& options);

// Recomputes the custody chain of `dir` (evidence.db's ledger must end at the
// head the signed manifest names; custody.jsonl must continue from it) and adds
// one line to `report`: ok, or the first broken link by entry number.
void verify_custody(const std::filesystem::path& dir, const std::string& signed_head, VerifyReport& report);

// Appends a "verify" entry (its outcome, who, when) to dir/custody.jsonl,
// chained on the verified head. Only after a chain that verified.
core::Status record_verification(const std::filesystem::path& dir, const VerifyReport& report);

}  // namespace vca::pipeline
