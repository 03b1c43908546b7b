// Manual controls and the per-heading view. A questionnaire item is open
// (manual) until answered; "yes" with a document is pass (fail when the
// document is older than the item allows), "no" is fail. Each catalogue
// heading of the level then takes the worst status of its rules and control.
#pragma once

#include <string>
#include <vector>

#include "auditor/engine/catalogue.hpp"
#include "auditor/engine/evaluator.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::engine {

struct ControlAssessment {
    const Question* question = nullptr;
    std::string status;  // pass, fail, manual, not_assessed
    std::string reason;
    std::string answer, date, evidence, evidence_sha256, note;
};

// Items of the questionnaire that apply at `level`, judged from the attestations table.
std::vector<ControlAssessment> evaluate_controls(const Catalogue& catalogue, int level, const std::string& today,
                                                 const store::QueryHandle& db);

struct HeadingResult {
    const CatalogueEntry* entry = nullptr;
    std::string clause;   // legacy clause at the level (or basis text)
    std::string current;  // current-regime reference
    std::string status;   // pass, fail, manual, not_assessed, error, not_applicable
    std::string how;      // "VC-SIP-001, VC-MEDIA-001; Q-POLICY-ISSUED" or the N/A reason
};

// Every heading of the level with its status in this run.
std::vector<HeadingResult> heading_results(const Catalogue& catalogue, int level,
                                           const std::vector<Assessment>& assessments,
                                           const std::vector<ControlAssessment>& controls);

// How each heading of the level is accounted for (no run needed): status
// "automated", "manual", "automated+manual", "not_applicable" or "unaccounted".
std::vector<HeadingResult> heading_accounting(const Catalogue& catalogue, int level);

}  // namespace vca::engine
