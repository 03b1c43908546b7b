#include "auditor/pipeline/audit.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <future>
#include <map>
#include <ostream>
#include <sstream>
#include <thread>

#include "auditor/core/utc_time.hpp"
#include "auditor/core/version.hpp"
#include "auditor/engine/attestations.hpp"
#include "auditor/engine/catalogue.hpp"
#include "auditor/engine/controls.hpp"
#include "auditor/engine/evaluator.hpp"
#include "auditor/engine/rule_loader.hpp"
#include "auditor/engine/site_policy.hpp"
#include "auditor/facts/schema.hpp"
#include "auditor/pipeline/capture_inputs.hpp"
#include "auditor/pipeline/capture_log.hpp"
#include "auditor/pipeline/config_inputs.hpp"
#include "auditor/pipeline/content_scan.hpp"
#include "auditor/pipeline/custody_ledger.hpp"
#include "auditor/pipeline/exit_codes.hpp"
#include "auditor/pipeline/manifest.hpp"
#include "auditor/pipeline/phase_timings.hpp"
#include "auditor/pipeline/previous_audit.hpp"
#include "auditor/pipeline/secret_setup.hpp"
#include "auditor/pipeline/signing_setup.hpp"
#include "auditor/pipeline/staging_dir.hpp"
#include "reports/export/ocsf_export.hpp"
#include "reports/export/oscal_export.hpp"
#include "reports/model/report_model.hpp"
#include "reports/render/html_report.hpp"
#include "reports/render/json_report.hpp"
#include "reports/render/pdf_report.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/hashing_ostream.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::pipeline {
namespace {

std::string iso_utc(std::chrono::system_clock::time_point t) {
    return core::iso_utc(std::chrono::duration<double>(t.time_since_epoch()).count());
}

// One digest over every rule file (path and content), so a report names the
// exact rule-pack text it was judged by.
std::string rules_digest(const std::filesystem::path& root) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::string listing;
    for (const auto& f : files) {
        auto h = sign::sha256_file(f);
        listing += std::filesystem::relative(f, root).generic_string() + " " + (h ? *h : "unreadable") + "\n";
    }
    return sign::sha256_hex(std::string_view(listing));
}

core::Status write_output(const std::filesystem::path& file, const std::string& text) {
    return sign::write_file_exclusive(file, text, 0644, false);
}

// The attestations file and every document it cites are inputs like any
// capture: hashed and recorded before anything is judged from them.
core::Status record_attestations(const engine::Attestations& att, std::int64_t& next_id, store::EvidenceStore& store,
                                 std::vector<ManifestInput>& manifest_inputs) {
    auto add_input = [&](const std::filesystem::path& file, const std::string& given,
                         const std::string& kind) -> core::Result<std::string> {
        auto h = sign::sha256_file(file);
        if (!h) return h.error();
        auto size = static_cast<std::int64_t>(std::filesystem::file_size(file));
        store.add(facts::InputRow{next_id++, given, kind, *h, size, {}, {}, {}, {}, {}, true});
        manifest_inputs.push_back({given, std::filesystem::absolute(file), *h, size, kind});
        return *h;
    };
    if (auto h = add_input(att.file, att.file.string(), "attestation"); !h) return h.error();
    std::int64_t file_id = next_id - 1;
    std::map<std::string, std::string> hashed;
    for (const auto& a : att.answers) {
        std::vector<std::pair<std::string, std::string>> docs;  // given path, sha256
        for (std::size_t i = 0; i < a.evidence.size(); ++i) {
            std::string key = std::filesystem::absolute(a.evidence[i]).string();
            if (!hashed.count(key)) {
                auto h = add_input(a.evidence[i], a.evidence_given[i], "file");
                if (!h) return h.error();
                hashed[key] = *h;
            }
            docs.emplace_back(a.evidence_given[i], hashed[key]);
        }
        auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional(s); };
        if (docs.empty()) {
            store.add(facts::AttestationRow{file_id, a.question, a.answer, opt(a.date), {}, {}, opt(a.note)});
        }
        for (const auto& [given, sha] : docs)
            store.add(facts::AttestationRow{file_id, a.question, a.answer, opt(a.date), given, sha, opt(a.note)});
    }
    return store.flush();
}

// Custody: each input as it was acquired for this run (hash recorded before analysis).
void record_acquisitions(CustodyLedger& ledger, facts::FactSink& sink, const std::vector<ManifestInput>& inputs) {
    for (const auto& in : inputs)
        ledger.append(sink, "acquire", in.given, in.sha256,
                      in.kind + ", " + std::to_string(in.size) + " bytes, opened read-only from " + in.file.string());
}

// Custody: every output file as written, before the manifest seals them. The
// store itself cannot list its own hash; the manifest does. Gives the hashes,
// which the manifest reuses.
core::Result<std::map<std::string, std::string>> record_exports(CustodyLedger& ledger, const std::filesystem::path& dir,
                                                                const std::vector<std::string>& outputs) {
    auto store = store::EvidenceStore::open_existing(dir / "evidence.db");
    if (!store) return store.error();
    std::map<std::string, std::string> hashed;
    for (const auto& name : outputs) {
        if (name == "evidence.db") continue;
        auto h = sign::sha256_file(dir / name);
        if (!h) return h.error();
        ledger.append(*store, "export", name, *h, "written by this run");
        hashed[name] = *h;
    }
    if (auto st = store->close(); !st) return st.error();
    return hashed;
}

// Rules and report files are independent of one another: they share the
// machine's cores (a small box runs the audit; more than 4 gains nothing).
constexpr unsigned kMaxThreads = 64;

unsigned worker_threads(const AuditOptions& o) {
    return o.threads ? *o.threads : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
}

struct Settings {
    engine::SitePolicy site;
    int level = 0;
    std::string regime;
};

core::Result<Settings> resolve_settings(const AuditOptions& o) {
    Settings s;
    if (o.site) {
        auto policy = engine::load_site_policy(*o.site);
        if (!policy) return policy.error();
        s.site = std::move(policy.value());
    }
    s.level = o.level ? *o.level : s.site.level;
    if (s.level < 1 || s.level > 5)
        return core::make_diag("E210", "no security level to audit against",
                               "pass --level 1..5 or set 'level' in the site policy (--site)");
    s.regime = o.regime ? *o.regime : s.site.regime;
    if (s.regime != "legacy" && s.regime != "current")
        return core::make_diag("E204", "--regime must be legacy or current", {});
    if (o.threads && (*o.threads < 1 || *o.threads > kMaxThreads))
        return core::make_diag("E211", "--threads must be 1.." + std::to_string(kMaxThreads),
                               "pass --threads 1 to keep the audit on one core");
    return s;
}

}  // namespace

core::Result<AuditOutcome> run_audit(const AuditOptions& o, std::ostream& log) {
    auto started = std::chrono::system_clock::now();
    PhaseTimings timings(log, o.timings);
    // 1. Everything the user controls is checked before anything is written.
    auto settings = resolve_settings(o);
    if (!settings) return settings.error();
    auto configs = collect_configs(o.configs, settings->site);
    if (!configs) return configs.error();
    if (o.pcaps.empty() && configs->empty() && o.content.files.empty())
        return core::make_diag("E100", "nothing to audit",
                               "pass at least one --pcap FILE (or - for standard input), --config FILE or --configs DIR");
    auto pack = engine::load_rules(o.rules_dir);
    if (!pack) return pack.error();
    if (auto st = engine::check_rules_sql(*pack); !st) return st.error();
    const engine::DataPaths data = engine::default_data_paths();
    auto catalogue = engine::load_catalogue(data);
    if (!catalogue) return catalogue.error();
    auto weak_list = load_weak_candidates(data.weak_secrets, settings->site);
    if (!weak_list) return weak_list.error();
    std::optional<engine::Attestations> attestations;
    if (auto file = o.attestations ? o.attestations : settings->site.attestations) {
        auto loaded = engine::load_attestations(*file, *catalogue);
        if (!loaded) return loaded.error();
        attestations = std::move(loaded.value());
    }
    std::optional<LoadedPrevious> previous;
    if (o.previous) {
        auto loaded = load_previous_audit(*o.previous);
        if (!loaded) return loaded.error();
        previous = std::move(loaded.value());
    }
    std::optional<report::AuditPeriod> period;
    if (o.period) {
        auto parsed = report::parse_period(*o.period, o.period_label);
        if (!parsed) return parsed.error();
        period = std::move(parsed.value());
    }
    std::optional<std::filesystem::path> capture_log;
    if (o.capture_dir) {
        auto found = capture_log_store(*o.capture_dir);
        if (!found) return found.error();
        capture_log = std::move(found.value());
    }
    // Content scanning: user YARA rules are compiled before anything is written.
    auto yara_rules = compile_content_rules(o.content);
    if (!yara_rules) return yara_rules.error();

    auto signer = load_signer(o, log);
    if (!signer) return signer.error();
    auto staging = StagingDir::create(o.out);
    if (!staging) return staging.error();
    const std::filesystem::path dir = staging->path();
    auto captures = open_captures(o.pcaps, dir / "inputs");
    if (!captures) return captures.error();
    auto guard = create_secret_guard(std::move(*weak_list), dir);
    if (!guard) return guard.error();

    timings.end("checks and set-up");
    // 2. Evidence: every input hashed and recorded before it is analysed.
    std::vector<ManifestInput> manifest_inputs;
    std::vector<std::string> content_outputs;  // carved files (--yara, --carve)
    CustodyLedger ledger(current_actor());
    {
        auto store = store::EvidenceStore::create(dir / "evidence.db");
        if (!store) return store.error();
        store->add(facts::RunRow{1, std::chrono::duration<double>(started.time_since_epoch()).count(),
                                 core::kToolVersion, facts::kSchemaVersion, settings->site.name, settings->level,
                                 settings->regime});
        ledger.append(*store, "run", o.out.string(), std::nullopt,
                      std::string("vcaudit ") + core::kToolVersion + " audit, level " + std::to_string(settings->level) +
                          ", regime " + settings->regime + (settings->site.name.empty() ? "" : ", site " + settings->site.name));
        std::int64_t next_id = 1;
        if (o.site) {
            auto h = sign::sha256_file(*o.site);
            if (!h) return h.error();
            auto size = static_cast<std::int64_t>(std::filesystem::file_size(*o.site));
            store->add(facts::InputRow{next_id++, o.site->string(), "policy", *h, size, {}, {}, {}, {}, {}, true});
            manifest_inputs.push_back({o.site->string(), std::filesystem::absolute(*o.site), *h, size, "policy"});
        }
        if (attestations) {
            if (auto st = record_attestations(*attestations, next_id, *store, manifest_inputs); !st) return st.error();
        }
        if (previous) {
            const ManifestInput& in = previous->report_json;
            store->add(facts::InputRow{next_id++, in.given, in.kind, in.sha256, in.size, {}, {}, {}, {}, {}, true});
            manifest_inputs.push_back(in);
        }
        for (const auto& d : settings->site.devices)
            store->add(facts::SiteDeviceRow{d.name, d.address, d.vendor, d.model, d.role, d.min_firmware,
                                            static_cast<std::int64_t>(d.configs.size())});
        if (auto st = analyse_configs(*configs, next_id, *store, **guard, manifest_inputs, log); !st)
            return st.error();
        // Content scanning: --files folders, then objects out of the traffic.
        std::unique_ptr<ContentScan> content;
        if (o.content.scans() || o.content.extracts()) {
            auto created = ContentScan::create(*store, *yara_rules, dir);
            if (!created) return created.error();
            content = std::move(created.value());
            if (*yara_rules)
                if (auto st = content->record_rules(**yara_rules, next_id, manifest_inputs); !st) return st.error();
            if (auto st = content->scan_folders(o.content.files, next_id, manifest_inputs); !st) return st.error();
        }

        timings.end("configurations and files");
        probes::traffic::TrafficAnalyzer analyzer(*store, {}, guard->get());
        if (content && o.content.extracts()) analyzer.set_content_observer(content.get());
        for (auto& c : *captures) {
            c.input_id = next_id++;
            if (auto st = analyse_capture(c, *store, analyzer, log, &timings); !st) return st.error();
            // Standard input is kept as a copy inside the output folder, at its final place.
            std::filesystem::path file = c.given == "-" ? std::filesystem::absolute(o.out) / "inputs" / "stdin.pcap"
                                                        : std::filesystem::absolute(c.file);
            manifest_inputs.push_back({c.given, file, c.sha256, c.size, "pcap"});
        }
        analyzer.finish();
        if (content) {
            if (auto st = content->status(); !st) return st.error();
            content_outputs = content->outputs();
        }
        if (capture_log)
            if (auto st = import_capture_log(*capture_log, *captures, dir, next_id, *store, content_outputs); !st)
                return st.error();
        record_acquisitions(ledger, *store, manifest_inputs);
        if (auto st = store->close(); !st) return st.error();
    }

    timings.end("analysis finished, store closed");
    // 3. Rules read the facts through a read-only connection.
    engine::EvaluationOptions eval;
    eval.level = settings->level;
    eval.regime = settings->regime;
    eval.site_inputs = settings->site.input_values();
    if (auto it = catalogue->profiles.find(settings->level); it != catalogue->profiles.end())
        eval.profile_inputs = it->second.parameters;
    eval.waivers = settings->site.waivers;
    eval.today = iso_utc(started).substr(0, 10);
    std::vector<engine::Assessment> assessments;
    std::vector<engine::ControlAssessment> controls;
    {
        auto evaluated = engine::evaluate_parallel(*pack, dir / "evidence.db", eval, worker_threads(o));
        if (!evaluated) return evaluated.error();
        assessments = std::move(evaluated.value());
        auto db = store::QueryHandle::open(dir / "evidence.db");
        if (!db) return db.error();
        controls = engine::evaluate_controls(*catalogue, settings->level, eval.today, *db);
    }
    timings.end("rules and questionnaire");
    std::vector<engine::HeadingResult> headings =
        engine::heading_results(*catalogue, settings->level, assessments, controls);
    {
        auto store = store::EvidenceStore::open_existing(dir / "evidence.db");
        if (!store) return store.error();
        for (const auto& a : assessments) {
            store->add(facts::AssessmentRow{a.rule->id, a.status, a.clause,
                                            static_cast<std::int64_t>(a.findings.size()), a.reason});
            for (const auto& f : a.findings)
                store->add(facts::FindingRow{a.rule->id, f.status, a.rule->severity, f.subject, f.detail, f.evidence});
        }
        for (const auto& c : controls)
            store->add(facts::AssessmentRow{c.question->id, c.status, {}, 0, c.reason});
        for (const auto& h : headings)
            store->add(facts::HeadingRow{h.entry->id, settings->level, h.clause, h.current, h.status, h.how});
        if (auto st = store->close(); !st) return st.error();
    }

    timings.end("results stored");
    // 4. Reports, from the store and the assessments only.
    report::RunInfo run;
    run.started = iso_utc(started);
    run.finished = iso_utc(std::chrono::system_clock::now());
    run.tool_version = core::kToolVersion;
    run.schema_version = facts::kSchemaVersion;
    run.rules_sha256 = rules_digest(o.rules_dir);
    run.signer_subject = sign::subject(signer->identity);
    run.signer_cert_sha256 = sign::cert_sha256(signer->identity);
    run.demo_key = signer->demo;
    run.custody_head = ledger.head();
    run.period = period;
    report::SiteInfo site;
    site.name = settings->site.name;
    site.level = settings->level;
    site.regime = settings->regime;
    site.approval_decision = settings->site.approval_decision;
    site.approval_date = settings->site.approval_date;
    site.allowed_networks = settings->site.allowed_networks;
    if (o.site) {
        site.policy_path = o.site->string();
        site.policy_sha256 = manifest_inputs.front().sha256;
    }
    report::ReportModel model;
    {
        auto db = store::QueryHandle::open(dir / "evidence.db");
        if (!db) return db.error();
        auto m = report::build_model(*db, std::move(assessments), controls, headings, run, site);
        if (!m) return m.error();
        model = std::move(m.value());
    }
    timings.end("report model");
    if (previous) model.diff = report::compare_with_previous(previous->audit, model);
    // Streamed and hashed on the way to its file: the exports and the PDF
    // name report.json by this digest.
    std::string report_json_sha256;
    if (auto st = sign::write_file_exclusive_streamed(dir / "report.json", 0644,
                                                      [&](std::ostream& file) {
                                                          sign::HashingOstream out(file);
                                                          report::write_json(model, out);
                                                          report_json_sha256 = out.finish();
                                                      });
        !st)
        return st.error();
    if (report_json_sha256.empty())
        return core::make_diag("E407", "cannot hash report.json while writing it",
                               "check the free disk space and the OpenSSL installation", (dir / "report.json").string());
    timings.end("report.json");
    // The PDF (the slowest to lay out; its footer names report.json by its
    // digest) is drawn on another core meanwhile (with --threads 1, at the
    // end). Every way out of this function waits for it: the future's
    // destructor joins.
    const auto draw_pdf = [&model, &dir, &report_json_sha256] {
        return report::write_pdf(model, dir / "report.pdf", report_json_sha256);
    };
    std::future<core::Status> pdf =
        std::async(worker_threads(o) > 1 ? std::launch::async : std::launch::deferred, draw_pdf);
    const auto pdf_written = [&pdf]() { return pdf.valid() ? pdf.get() : core::ok_status(); };
    if (auto st = write_output(dir / "report.html", report::render_html(model)); !st) return st.error();
    // The exports carry the SHA-256 of report.json's exact bytes.
    const report::ExportBinding binding{report_json_sha256, model.site.name,
                                        [](std::string_view text) { return sign::sha256_hex(text); }};
    // Streamed: a large audit's exports are never held whole in memory.
    if (auto st = sign::write_file_exclusive_streamed(dir / "report.oscal.json", 0644,
                                                      [&](std::ostream& out) { report::write_oscal(model, binding, out); });
        !st)
        return st.error();
    if (auto st = sign::write_file_exclusive_streamed(dir / "report.ocsf.jsonl", 0644,
                                                      [&](std::ostream& out) { report::write_ocsf(model, binding, out); });
        !st)
        return st.error();
    if (auto st = write_output(dir / "signer-cert.pem", signer->cert_pem); !st) return st.error();
    timings.end("HTML, OSCAL, OCSF");
    if (auto st = pdf_written(); !st) return st.error();
    timings.end("PDF (the rest of it)");

    // 5. Sign, then publish the folder in one rename.
    std::vector<std::string> outputs = {"evidence.db", kStoreKeyFile, "report.json", "report.html", "report.pdf",
                                        "report.oscal.json", "report.ocsf.jsonl", "signer-cert.pem"};
    for (const auto& c : *captures)
        if (c.given == "-") outputs.push_back("inputs/stdin.pcap");
    outputs.insert(outputs.end(), content_outputs.begin(), content_outputs.end());
    if (o.extra_outputs) {  // vcaudit investigate: its files are sealed with the rest
        auto db = store::QueryHandle::open(dir / "evidence.db");
        if (!db) return db.error();
        auto extra = o.extra_outputs(dir, *db);
        if (!extra) return extra.error();
        outputs.insert(outputs.end(), extra->begin(), extra->end());
    }
    auto exported = record_exports(ledger, dir, outputs);
    if (!exported) return exported.error();
    if (auto st = write_signed_manifest(dir, outputs, manifest_inputs, signer->identity, run.finished, ledger.head(),
                                        *exported);
        !st)
        return st.error();
    timings.end("custody, manifest, signature");
    if (auto st = staging->commit(); !st) return st.error();

    AuditOutcome out;
    out.out = std::filesystem::absolute(o.out);
    out.verdict = model.verdict;
    out.failed_rules = model.status_counts["fail"] + model.control_counts["fail"];
    out.errored_rules = model.status_counts["error"];
    out.exit_code = out.failed_rules > 0 ? kExitFindings : out.errored_rules > 0 ? kExitIncomplete : kExitOk;
    return out;
}

}  // namespace vca::pipeline
