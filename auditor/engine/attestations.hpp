// The site's answers to the questionnaire (an attestations file) and the
// documents they cite. Loaded and checked before the audit starts; the
// pipeline hashes the file and every document into the evidence.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/engine/catalogue.hpp"

namespace vca::engine {

struct Answer {
    std::string question;  // questionnaire item id
    std::string answer;    // yes | no | not_applicable
    std::string date;      // YYYY-MM-DD or empty
    std::vector<std::filesystem::path> evidence;  // resolved against the file's folder
    std::vector<std::string> evidence_given;      // as written in the file
    std::string note;
};

struct Attestations {
    std::filesystem::path file;
    std::vector<Answer> answers;
};

// Errors (one line each, naming file:line): unknown question, bad answer or
// date, a cited document that does not exist or cannot be read.
core::Result<Attestations> load_attestations(const std::filesystem::path& file, const Catalogue& catalogue);

}  // namespace vca::engine
