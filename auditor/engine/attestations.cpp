#include "auditor/engine/attestations.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>

namespace vca::engine {
namespace {

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

}  // namespace

core::Result<Attestations> load_attestations(const std::filesystem::path& file, const Catalogue& catalogue) {
    std::ifstream probe(file);
    if (!probe)
        return core::make_diag("E220", file.string() + ": cannot read the attestations file",
                               "check the path given to --attestations or the site policy's 'attestations'");
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& e) {
        std::string loc = file.string();
        if (e.mark.line >= 0) loc += ":" + std::to_string(e.mark.line + 1);
        return core::make_diag("E221", "not valid YAML: " + e.msg, "fix the YAML syntax at that line", loc);
    }
    Attestations out;
    out.file = file;
    YAML::Node answers = root["answers"];
    if (!answers || !answers.IsSequence())
        return core::make_diag("E222", "the attestations file needs an 'answers' list", "see examples/attestations.yaml",
                               file.string());
    for (const auto& n : answers) {
        std::string where = file.string() + ":" + std::to_string(n.Mark().line + 1);
        try {
            Answer a;
            a.question = n["question"] ? n["question"].as<std::string>() : "";
            a.answer = n["answer"] ? n["answer"].as<std::string>() : "";
            // YAML reads a bare yes/no as a boolean; accept both spellings.
            if (a.answer == "true") a.answer = "yes";
            if (a.answer == "false") a.answer = "no";
            if (catalogue.question(a.question) == nullptr)
                return core::make_diag("E223", "unknown question '" + a.question + "'",
                                       "use an id from policy/questionnaire.yaml", where);
            if (a.answer != "yes" && a.answer != "no" && a.answer != "not_applicable")
                return core::make_diag("E224", "answer must be yes, no or not_applicable", {}, where);
            if (n["date"]) {
                a.date = n["date"].as<std::string>();
                if (!is_date(a.date)) return core::make_diag("E225", "date must be YYYY-MM-DD", {}, where);
            }
            if (n["note"]) a.note = n["note"].as<std::string>();
            if (auto ev = n["evidence"]) {
                std::vector<std::string> given;
                if (ev.IsSequence())
                    for (const auto& e : ev) given.push_back(e.as<std::string>());
                else
                    given.push_back(ev.as<std::string>());
                for (const auto& g : given) {
                    std::filesystem::path p(g);
                    if (p.is_relative()) p = file.parent_path() / p;
                    std::ifstream doc(p, std::ios::binary);
                    if (!doc)
                        return core::make_diag("E226", "evidence document '" + g + "' cannot be read",
                                               "put the document beside the attestations file or fix the path", where);
                    a.evidence.push_back(p);
                    a.evidence_given.push_back(g);
                }
            }
            out.answers.push_back(std::move(a));
        } catch (const YAML::Exception& e) {
            return core::make_diag("E221", "invalid answer: " + e.msg, {}, where);
        }
    }
    return out;
}

}  // namespace vca::engine
