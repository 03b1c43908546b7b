// The report as a value: everything report.json and report.html show, built
// from the evidence store and the engine's assessments, never from probes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/engine/controls.hpp"
#include "auditor/engine/evaluator.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::report {

struct InputEntry {
    std::int64_t input_id = 0;
    std::string path, kind, sha256, format, linktype;
    std::int64_t size = 0, frames = 0;
    bool complete = true;
};

struct AnomalySummary {
    std::string name;
    std::int64_t count = 0;
    std::string example;  // one detail line, for the reader
};

struct RunInfo {
    std::string started, finished;  // ISO 8601 UTC
    std::string tool_version;
    int schema_version = 0;
    std::string rules_sha256;       // hash over every rule file evaluated
    std::string signer_subject, signer_cert_sha256;
    bool demo_key = false;
};

struct SiteInfo {
    std::string name;
    int level = 0;
    std::string regime;
    std::string approval_decision, approval_date;
    std::vector<std::string> allowed_networks;
    std::string policy_path, policy_sha256;
};

struct Counts {
    std::int64_t flows = 0, tls_sessions = 0, sip_messages = 0, sdp_media = 0, anomalies = 0, frames = 0;
};

struct ReportModel {
    RunInfo run;
    SiteInfo site;
    std::vector<InputEntry> inputs;
    std::vector<engine::Assessment> assessments;
    std::vector<engine::ControlAssessment> controls;   // questionnaire items of the level
    std::vector<engine::HeadingResult> headings;       // every heading of the level
    std::vector<AnomalySummary> anomalies;
    Counts counts;
    std::map<std::string, int> status_counts;   // pass, fail, advisory, ... → rules
    std::map<std::string, int> control_counts;  // pass, fail, manual, not_assessed → questionnaire items
    std::string verdict;                       // pass, fail, incomplete
};

// Reads inputs, anomaly summaries and counts from the store; fills the
// summary from the assessments.
core::Result<ReportModel> build_model(const store::QueryHandle& db, std::vector<engine::Assessment> assessments,
                                      std::vector<engine::ControlAssessment> controls,
                                      std::vector<engine::HeadingResult> headings, RunInfo run, SiteInfo site);

// pass: nothing failed and everything was assessed; fail: any open finding;
// incomplete: no failure, but some rule errored, lacked evidence or needs attestation.
std::string overall_verdict(const std::map<std::string, int>& status_counts,
                            const std::map<std::string, int>& control_counts = {});

}  // namespace vca::report
