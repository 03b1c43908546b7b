// timeline.json, exfiltration.json and timeline.html. The JSON files carry no
// wall-clock time (the signed manifest does), so the same facts give the
// same bytes. The HTML is one self-contained file: inline CSS, no script, no
// external link, every text from the evidence escaped.
#pragma once

#include <string>
#include <vector>

#include "auditor/investigate/evidence_extract.hpp"
#include "auditor/investigate/exfiltration.hpp"
#include "auditor/investigate/scope.hpp"
#include "auditor/investigate/timeline.hpp"

namespace vca::investigate {

struct ExtractDigest {
    std::string name, sha256;
};

struct RenderContext {
    std::string site_name;
    InvestigationScope scope;
    ExtractResult extract;
    std::vector<ExtractDigest> extract_digests;  // SHA-256 of each extract file
};

std::string render_timeline_json(const std::vector<TimelineEvent>& events, const RenderContext& ctx);
std::string render_exfiltration_json(const ExfiltrationReport& report, const RenderContext& ctx);
std::string render_timeline_html(const std::vector<TimelineEvent>& events, const ExfiltrationReport& report,
                                 const RenderContext& ctx);

}  // namespace vca::investigate
