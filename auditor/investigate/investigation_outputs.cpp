#include "auditor/investigate/investigation_outputs.hpp"

#include <set>

#include "auditor/investigate/evidence_extract.hpp"
#include "auditor/investigate/exfiltration.hpp"
#include "auditor/investigate/fact_values.hpp"
#include "auditor/investigate/investigation_render.hpp"
#include "auditor/investigate/timeline.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::investigate {
namespace {

// Each capture with the input number the audit gave it (same path, in order).
core::Result<std::vector<CaptureSource>> capture_sources(const std::filesystem::path& dir,
                                                         const store::QueryHandle& db,
                                                         const std::vector<std::string>& pcaps) {
    auto rows = db.run("SELECT input_id, path FROM inputs WHERE kind = 'pcap' ORDER BY input_id");
    if (!rows) return rows.error();
    std::set<std::int64_t> used;
    std::vector<CaptureSource> out;
    for (const auto& given : pcaps) {
        CaptureSource c;
        c.given = given;
        c.file = given == "-" ? dir / "inputs" / "stdin.pcap" : std::filesystem::path(given);
        for (const auto& r : rows->rows) {
            std::int64_t id = int_of(r[0]);
            if (text_of(r[1]) == given && used.count(id) == 0) {
                c.input_id = id;
                used.insert(id);
                break;
            }
        }
        if (c.input_id == 0)
            return core::make_diag("E197", given + ": capture not found among the recorded inputs",
                                   "this is a bug: please report it");
        out.push_back(std::move(c));
    }
    return out;
}

core::Status write_new(const std::filesystem::path& file, const std::string& text) {
    return sign::write_file_exclusive(file, text, 0644, false);
}

}  // namespace

core::Result<InvestigationSummary> write_investigation_outputs(const std::filesystem::path& dir,
                                                               const store::QueryHandle& db,
                                                               const InvestigationInputs& in) {
    auto events = build_timeline(db, in.scope);
    if (!events) return events.error();
    auto exfil = find_exfiltration(db, in.scope);
    if (!exfil) return exfil.error();
    auto captures = capture_sources(dir, db, in.pcaps);
    if (!captures) return captures.error();
    auto extract = write_evidence_extract(dir, *captures, exfil->evidence_flows, in.scope.window);
    if (!extract) return extract.error();

    RenderContext ctx{in.site_name, in.scope, *extract, {}};
    InvestigationSummary s;
    for (const auto& f : extract->files) {
        auto sha = sign::sha256_file(dir / f.name);
        if (!sha) return sha.error();
        ctx.extract_digests.push_back({f.name, *sha});
        s.extracted_packets += f.packets;
        s.files.push_back(f.name);
    }
    if (auto st = write_new(dir / "timeline.json", render_timeline_json(*events, ctx)); !st) return st.error();
    if (auto st = write_new(dir / "timeline.html", render_timeline_html(*events, *exfil, ctx)); !st) return st.error();
    if (auto st = write_new(dir / "exfiltration.json", render_exfiltration_json(*exfil, ctx)); !st) return st.error();
    s.files.insert(s.files.begin(), {"timeline.json", "timeline.html", "exfiltration.json"});
    s.events = events->size();
    s.paths = exfil->paths.size();
    s.evidence_flows = exfil->evidence_flows.size();
    return s;
}

}  // namespace vca::investigate
