#include "auditor/pipeline/content_scan.hpp"

#include <nlohmann/json.hpp>

#include <utility>

#include "auditor/engine/rule_loader.hpp"
#include "auditor/facts/rows.hpp"
#include "auditor/scan/file_tree_scan.hpp"
#include "auditor/scan/match_rows.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::pipeline {

namespace fs = std::filesystem;
namespace content = probes::content;

namespace {

constexpr const char* kCarvedDir = "carved";

void add_scan_rows(facts::FactSink& sink, const scan::ScanOutcome& outcome, const scan::ObjectContext& ctx,
                   std::int64_t input_id) {
    for (const auto& row : scan::content_match_rows(outcome, ctx)) sink.add(row);
    if (auto a = scan::scan_anomaly(outcome, ctx, input_id)) sink.add(*a);
}

// SHA-256 of the bytes the file-tree walk reads, through reports/sign.
class OpenSslHasher final : public scan::StreamHasher {
public:
    void update(core::Bytes chunk) override { digest_.update(std::span<const std::uint8_t>(chunk.data(), chunk.size())); }
    std::string finish() override { return digest_.finish(); }

private:
    sign::Sha256Stream digest_;
};

}  // namespace

fs::path bundled_yara_dir() { return engine::default_rules_dir().parent_path() / "yara"; }

core::Result<std::shared_ptr<const scan::RuleSet>> compile_content_rules(const ContentScanSettings& settings) {
    if (!settings.scans()) return std::shared_ptr<const scan::RuleSet>();
    for (const auto& folder : settings.files) {  // refused before any output exists
        std::error_code ec;
        if (!fs::is_directory(folder, ec))
            return core::make_diag(scan::kErrFileTree, "not a folder", "pass the folder that holds the files to --files",
                                   folder.string());
    }
    scan::RuleSetSpec spec;
    if (!settings.no_bundled_yara) spec.bundled_dir = bundled_yara_dir();
    for (const auto& p : settings.yara)
        if (!p.empty()) spec.user_paths.push_back(p);
    return scan::RuleSet::compile(spec);
}

bool carved_scope(std::string_view scope) {
    return scope == content::kScopeHttpBody || scope == content::kScopeFtpFile || scope == content::kScopeSipBody;
}

core::Result<std::unique_ptr<ContentScan>> ContentScan::create(facts::FactSink& sink,
                                                               std::shared_ptr<const scan::RuleSet> rules,
                                                               fs::path out_dir) {
    std::optional<scan::Scanner> scanner;
    if (rules) {
        auto s = scan::Scanner::create(std::move(rules));
        if (!s) return s.error();
        scanner.emplace(std::move(s.value()));
    }
    return std::unique_ptr<ContentScan>(new ContentScan(sink, std::move(scanner), std::move(out_dir)));
}

ContentScan::ContentScan(facts::FactSink& sink, std::optional<scan::Scanner> scanner, fs::path out_dir)
    : sink_(sink), scanner_(std::move(scanner)), out_dir_(std::move(out_dir)) {}

core::Status ContentScan::status() const {
    if (error_) return *error_;
    return core::ok_status();
}

// Writes carved/<sha256> (read-only) and carved/<sha256>.json once per hash;
// the carved path, or nullopt after an error (kept for status()).
std::optional<std::string> ContentScan::carve(const content::ContentObject& o, const std::string& sha256) {
    const std::string rel = std::string(kCarvedDir) + "/" + sha256;
    if (carved_.count(sha256) != 0) return rel;
    if (error_) return std::nullopt;
    std::error_code ec;
    fs::create_directories(out_dir_ / kCarvedDir, ec);
    if (ec) {
        error_ = core::make_diag("E510", "cannot create the folder for carved files: " + ec.message(),
                                 "free disk space or choose another --out", (out_dir_ / kCarvedDir).string());
        return std::nullopt;
    }
    const std::string_view bytes(reinterpret_cast<const char*>(o.bytes.data()), o.bytes.size());
    if (auto st = sign::write_file_exclusive(out_dir_ / rel, bytes, 0444, false); !st) {
        error_ = st.error();
        return std::nullopt;
    }
    nlohmann::ordered_json meta;
    meta["sha256"] = sha256;
    meta["name"] = o.name;
    meta["scope"] = o.scope;
    meta["flow_id"] = o.flow_id;
    meta["input_id"] = o.input_id;
    meta["direction"] = o.direction;
    meta["ts"] = o.ts;
    meta["frame"] = o.frame;
    meta["content_type"] = o.content_type ? nlohmann::ordered_json(*o.content_type) : nlohmann::ordered_json();
    meta["size"] = o.bytes.size();
    meta["complete"] = o.complete;
    // Names come from the traffic: invalid UTF-8 is replaced, never refused.
    const std::string text = meta.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    if (auto st = sign::write_file_exclusive(out_dir_ / (rel + ".json"), text, 0444, false); !st) {
        error_ = st.error();
        return std::nullopt;
    }
    carved_.insert(sha256);
    outputs_.push_back(rel);
    outputs_.push_back(rel + ".json");
    return rel;
}

void ContentScan::on_object(const content::ContentObject& o) {
    ++objects_;
    const std::string sha256 = sign::sha256_hex(std::span<const std::uint8_t>(o.bytes));
    facts::ContentObjectRow row;
    row.object_sha256 = sha256;
    row.scope = o.scope;
    row.flow_id = o.flow_id;
    row.input_id = o.input_id;
    row.direction = o.direction;
    row.ts = o.ts;
    row.name = o.name;
    row.content_type = o.content_type;
    row.size = static_cast<std::int64_t>(o.bytes.size());
    row.complete = o.complete;
    if (o.frame > 0) row.frame = o.frame;
    if (carved_scope(o.scope)) row.carved_path = carve(o, sha256);
    sink_.add(row);
    if (!scanner_) return;
    scan::ObjectContext ctx;
    ctx.scope = o.scope;
    ctx.flow_id = o.flow_id;
    ctx.input_id = o.input_id;
    ctx.direction = o.direction;
    ctx.ts = o.ts;
    ctx.object_sha256 = sha256;
    ctx.object_name = o.name;
    ctx.object_size = static_cast<std::int64_t>(std::min(o.bytes.size(), scanner_->options().max_bytes));
    add_scan_rows(sink_, scanner_->scan(o.bytes), ctx, o.input_id);
}

core::Status ContentScan::record_rules(const scan::RuleSet& rules, std::int64_t& next_id,
                                       std::vector<ManifestInput>& manifest_inputs) {
    for (const auto& src : rules.sources()) {
        auto sha256 = sign::sha256_file(src.path);
        if (!sha256) return sha256.error();
        std::error_code ec;
        const auto size = static_cast<std::int64_t>(fs::file_size(src.path, ec));
        sink_.add(facts::InputRow{next_id++, src.path.string(), "yara_rules", *sha256, size, {}, {}, {}, {}, {}, true});
        manifest_inputs.push_back({src.path.string(), fs::absolute(src.path), *sha256, size, "yara_rules"});
    }
    return core::ok_status();
}

core::Status ContentScan::scan_folders(const std::vector<fs::path>& folders, std::int64_t& next_id,
                                       std::vector<ManifestInput>& manifest_inputs) {
    if (!scanner_) return core::ok_status();
    for (const auto& folder : folders) {
        // Each file is hashed from the very bytes YARA scans, then hashed again
        // from disk: a file that changed meanwhile is refused, as a capture is.
        auto tree = scan::scan_file_tree(folder, *scanner_, [] { return std::make_unique<OpenSslHasher>(); });
        if (!tree) return tree.error();
        std::optional<std::int64_t> first_id;
        for (const auto& file : tree->files) {
            const fs::path path = folder / file.relative_path;
            auto sha256 = sign::sha256_file(path);
            if (!sha256) return sha256.error();
            if (file.sha256 && *file.sha256 != *sha256)
                return core::make_diag("E108", path.string() + ": the file changed while it was being scanned",
                                       "scan a copy that is no longer being written");
            const std::int64_t id = next_id++;
            if (!first_id) first_id = id;
            const auto size = static_cast<std::int64_t>(file.size);
            sink_.add(facts::InputRow{id, path.string(), "file", *sha256, size, {}, {}, {}, {}, {}, true});
            manifest_inputs.push_back({path.string(), fs::absolute(path), *sha256, size, "file"});
            scan::ObjectContext ctx = scan::file_object(file, id);
            ctx.object_sha256 = *sha256;
            facts::ContentObjectRow row;
            row.object_sha256 = *sha256;
            row.scope = "file";
            row.input_id = id;
            row.ts = file.mtime;
            row.name = file.relative_path;
            row.size = size;
            row.complete = file.outcome.status == scan::ScanStatus::ok;
            sink_.add(row);
            add_scan_rows(sink_, file.outcome, ctx, id);
        }
        for (const auto& note : tree->notes) sink_.add(scan::tree_note_anomaly(note, first_id.value_or(0)));
    }
    return core::ok_status();
}

}  // namespace vca::pipeline
