#include "auditor/pipeline/previous_audit.hpp"

#include <nlohmann/json.hpp>

#include "reports/sign/file_io.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::pipeline {
namespace {

constexpr std::size_t kMaxPreviousReportBytes = 256U << 20U;  // a report.json, even of a huge site

}  // namespace

core::Result<LoadedPrevious> load_previous_audit(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dir / "manifest.json", ec) ||
        !std::filesystem::is_regular_file(dir / "report.json", ec))
        return core::make_diag("E175", dir.string() + ": not the folder of a vcaudit audit (no manifest.json/report.json)",
                               "pass --previous the output folder of the last audit");
    VerifyOptions vo;
    vo.allow_missing_inputs = true;  // the old captures may have been archived elsewhere
    auto checked = verify_folder(dir, vo);
    if (!checked) return checked.error();
    if (!checked->ok) {
        std::string first;
        for (const auto& l : checked->lines)
            if (l.rfind("ok", 0) != 0 && l.rfind("skipped", 0) != 0) {
                first = l;
                break;
            }
        return core::make_diag("E176", dir.string() + ": the previous audit does not verify (" + first + ")",
                               "run vcaudit verify on it; compare only with an intact report");
    }
    auto text = sign::read_file_bounded(dir / "report.json", kMaxPreviousReportBytes);
    if (!text) return text.error();
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("assessments") || !j["assessments"].is_array())
        return core::make_diag("E177", (dir / "report.json").string() + ": not a vcaudit report",
                               "pass --previous the output folder of the last audit");
    LoadedPrevious out;
    report::PreviousAudit& p = out.audit;
    p.dir = dir.string();
    if (j.contains("this_run") && j["this_run"].is_object()) p.started = j["this_run"].value("started", "");
    else if (j.contains("run") && j["run"].is_object()) p.started = j["run"].value("started", "");
    if (j.contains("summary") && j["summary"].is_object()) {
        p.verdict = j["summary"].value("verdict", "");
        for (const char* s : {"pass", "fail", "advisory", "not_assessed", "manual", "waived", "error"})
            if (j["summary"].contains(s) && j["summary"][s].is_number_integer()) p.status_counts[s] = j["summary"][s].get<int>();
    }
    for (const auto& a : j["assessments"]) {
        if (!a.is_object() || !a.contains("findings") || !a["findings"].is_array()) continue;
        for (const auto& f : a["findings"])
            if (f.is_object() && f.value("status", "") == "fail")
                p.open_findings.push_back({a.value("rule_id", ""), f.value("subject", ""), a.value("severity", "")});
    }
    auto manifest_hash = sign::sha256_file(dir / "manifest.json");
    if (!manifest_hash) return manifest_hash.error();
    p.manifest_sha256 = *manifest_hash;
    std::string report_hash = sign::sha256_hex(std::string_view(*text));
    out.report_json = {(dir / "report.json").string(), std::filesystem::absolute(dir / "report.json"), report_hash,
                       static_cast<std::int64_t>(text->size()), "previous_report"};
    return out;
}

}  // namespace vca::pipeline
