// The report as a value: everything report.json and report.html show, built
// from the evidence store and the engine's assessments, never from probes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/engine/controls.hpp"
#include "auditor/engine/evaluator.hpp"
#include "auditor/store/evidence_store.hpp"
#include "reports/model/audit_period.hpp"

namespace vca::report {

struct InputEntry {
    std::int64_t input_id = 0;
    std::string path, kind, sha256, format, linktype;
    std::int64_t size = 0, frames = 0;
    bool complete = true;
    double first_ts = 0, last_ts = 0;  // captures: first and last frame (0 when none)
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
    std::string custody_head;       // hash of the last custody-ledger entry before signing
    std::optional<AuditPeriod> period;  // --period: the span the report speaks for
};

// What the traffic evidence covers: its time span, packets the capture lost,
// and the share of the declared period it spans.
struct Coverage {
    bool has_traffic = false;
    double first_ts = 0, last_ts = 0;       // over every capture input
    std::int64_t capture_dropped = 0;       // packets the live capture lost (kernel/interface)
    std::optional<AuditPeriod> period;
    double covered_s = 0;                   // seconds of the period inside [first_ts, last_ts]
    [[nodiscard]] double covered_fraction() const {
        return period && period->to_ts > period->from_ts ? covered_s / (period->to_ts - period->from_ts) : 0.0;
    }
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

// Meeting usage for the 6-monthly / yearly report, from the calls seen.
struct PeriodCount {
    std::string period;  // "2026-11" (UTC month of the call's start)
    std::int64_t meetings = 0, protected_meetings = 0;
    double duration_s = 0;
};

struct MeetingStats {
    std::int64_t meetings = 0;              // calls (SIP dialogs by Call-ID, H.323 calls)
    std::int64_t protected_meetings = 0;    // signalling and every media leg protected
    std::int64_t unprotected_meetings = 0;  // some leg seen or offered in clear
    std::int64_t unknown_meetings = 0;      // protection could not be decided
    double total_duration_s = 0, median_duration_s = 0, longest_duration_s = 0;
    std::int64_t local_endpoints = 0;       // distinct addresses inside the allowed networks
    std::int64_t remote_parties = 0;        // distinct addresses outside them
    std::map<std::string, std::int64_t> platforms;  // meetings per platform: SIP, SIP over TLS, H.323, WebRTC
    std::map<std::string, std::int64_t> external_platforms;  // TLS sessions to known external services (Zoom, ...)
    std::vector<PeriodCount> periods;       // oldest first (months in Vietnam time, UTC+7)
    bool allowed_networks_known = false;    // without them every party counts as local
};

// The previous audit of the same site (--previous DIR), compared rule by subject.
struct DiffEntry {
    std::string rule_id, subject, severity;
    std::string state;  // new, persisting, fixed, not_reassessed (rule not judged this time)
};

struct AuditDiff {
    bool present = false;
    std::string previous_dir, previous_started, previous_verdict, previous_manifest_sha256;
    std::map<std::string, int> previous_status_counts;  // for the trend chart
    std::vector<DiffEntry> entries;                      // sorted: new, persisting, fixed; then rule, subject
    std::map<std::string, int> counts;                   // per state
};

// A YARA match over carried content or a given file (content_matches).
struct ContentFlag {
    std::string rule, rule_namespace, tags, scope, direction, object_name, object_sha256;
    double ts = 0;
    std::int64_t object_size = 0, flow_id = 0;  // flow 0: a file given with --files
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
    MeetingStats meetings;
    AuditDiff diff;
    Coverage coverage;
    std::vector<ContentFlag> content_flags;    // at most kMaxContentFlags, oldest first
    std::int64_t content_flags_total = 0;      // all matches in the store
};

// report.json and the annex list this many content matches; the store keeps all.
inline constexpr std::size_t kMaxContentFlags = 1000;

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
