#include "probes/creds/weak_list.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>
#include <unordered_set>

#include "auditor/core/limits.hpp"

namespace vca::probes::creds {
namespace {

using core::limits::kMaxWeakCandidates;
using core::limits::kMaxWeakListFileBytes;
using core::limits::kMaxWeakSecretLength;

constexpr const char* kFormatHint =
    "write 'candidates: [{secret: \"...\", source: \"...\"}]' or "
    "'groups: [{source: \"...\", secrets: [\"...\"]}]' (see policy/weak-secrets.yaml)";

std::string where(const std::filesystem::path& path, const YAML::Node& node) {
    if (!node.IsDefined() || node.Mark().line < 0) return path.string();
    return path.string() + ":" + std::to_string(node.Mark().line + 1);
}

class Loader {
public:
    explicit Loader(std::filesystem::path path) : path_(std::move(path)) {}

    // nullopt when added (or a duplicate), else the problem.
    std::optional<core::Diagnostic> add(const YAML::Node& secret, const YAML::Node& source, const YAML::Node& at) {
        if (!secret.IsDefined() || !secret.IsScalar())
            return core::make_diag("E232", "an entry has no 'secret' text", kFormatHint, where(path_, at));
        if (!source.IsDefined() || !source.IsScalar() || source.Scalar().empty())
            return core::make_diag("E232", "an entry has no 'source' text",
                                   "say where the secret comes from, e.g. source: \"vendor default: <product>\"",
                                   where(path_, at));
        const std::string& text = secret.Scalar();
        if (text.empty())
            return core::make_diag("E232", "an entry has an empty secret",
                                   "remove it: empty secrets are always judged weak", where(path_, secret));
        if (text.size() > kMaxWeakSecretLength)
            return core::make_diag("E233",
                                   "an entry is " + std::to_string(text.size()) + " bytes long, more than the " +
                                       std::to_string(kMaxWeakSecretLength) + " allowed",
                                   "shorten or remove that entry", where(path_, secret));
        if (!seen_.insert(text).second) return std::nullopt;
        if (out_.size() >= kMaxWeakCandidates)
            return core::make_diag("E234", "more than " + std::to_string(kMaxWeakCandidates) + " distinct entries",
                                   "keep the list to likely defaults and common passwords", where(path_, secret));
        out_.push_back(WeakCandidate{text, source.Scalar()});
        return std::nullopt;
    }

    core::Result<std::vector<WeakCandidate>> parse(const YAML::Node& root) {
        if (!root.IsMap())
            return core::make_diag("E232", "the weak-secret list must be a YAML mapping", kFormatHint,
                                   path_.string());
        const YAML::Node candidates = root["candidates"], groups = root["groups"];
        if (!candidates && !groups)
            return core::make_diag("E232", "no 'candidates' or 'groups' list", kFormatHint, path_.string());
        if (candidates) {
            if (!candidates.IsSequence())
                return core::make_diag("E232", "'candidates' must be a list", kFormatHint, where(path_, candidates));
            for (const auto& c : candidates) {
                if (!c.IsMap()) return core::make_diag("E232", "a candidate must be {secret, source}", kFormatHint,
                                                       where(path_, c));
                if (auto d = add(c["secret"], c["source"], c)) return *d;
            }
        }
        if (groups) {
            if (!groups.IsSequence())
                return core::make_diag("E232", "'groups' must be a list", kFormatHint, where(path_, groups));
            for (const auto& g : groups) {
                const YAML::Node secrets = g.IsMap() ? g["secrets"] : YAML::Node();
                if (!secrets || !secrets.IsSequence())
                    return core::make_diag("E232", "a group must be {source, secrets: [...]}", kFormatHint,
                                           where(path_, g));
                for (const auto& s : secrets)
                    if (auto d = add(s, g["source"], s)) return *d;
            }
        }
        return std::move(out_);
    }

private:
    std::filesystem::path path_;
    std::vector<WeakCandidate> out_;
    std::unordered_set<std::string> seen_;
};

}  // namespace

core::Result<std::vector<WeakCandidate>> load_weak_list(const std::filesystem::path& yaml_file) {
    std::error_code ec;
    auto size = std::filesystem::file_size(yaml_file, ec);
    std::ifstream in(yaml_file, std::ios::binary);
    if (ec || !in)
        return core::make_diag("E230", yaml_file.string() + ": cannot read the weak-secret list",
                               "check the path, or use the bundled policy/weak-secrets.yaml");
    if (size > kMaxWeakListFileBytes)
        return core::make_diag("E235",
                               yaml_file.string() + ": the weak-secret list is larger than " +
                                   std::to_string(kMaxWeakListFileBytes / (1024 * 1024)) + " MiB",
                               "keep the list to likely defaults and common passwords");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        return Loader(yaml_file).parse(YAML::Load(text));
    } catch (const YAML::Exception& e) {
        // yaml-cpp marks are 0-based; report 1-based lines like an editor.
        std::string loc = yaml_file.string();
        if (e.mark.line >= 0) loc += ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
        return core::make_diag("E231", "not valid YAML: " + e.msg, "fix the YAML syntax at that line", loc);
    }
}

}  // namespace vca::probes::creds
