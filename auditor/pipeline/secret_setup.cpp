#include "auditor/pipeline/secret_setup.hpp"

#include <set>

#include "auditor/core/limits.hpp"
#include "probes/creds/weak_list.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/random.hpp"

namespace vca::pipeline {
namespace {

std::string hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

}  // namespace

core::Result<std::vector<probes::creds::WeakCandidate>> load_weak_candidates(
    const std::filesystem::path& bundled, const engine::SitePolicy& site) {
    auto list = probes::creds::load_weak_list(bundled);
    if (!list) return list.error();
    if (site.weak_secrets) {
        auto extra = probes::creds::load_weak_list(*site.weak_secrets);
        if (!extra) return extra.error();
        std::set<std::string> have;
        for (const auto& c : *list) have.insert(c.secret);
        for (auto& c : *extra)
            if (have.insert(c.secret).second) list->push_back(std::move(c));
        // Every digest seen is recomputed once per candidate: the bound holds for the merged list too.
        if (list->size() > core::limits::kMaxWeakCandidates)
            return core::make_diag("E234", site.weak_secrets->string() + ": the bundled and site lists together hold " +
                                               std::to_string(list->size()) + " entries (limit " +
                                               std::to_string(core::limits::kMaxWeakCandidates) + ")",
                                   "keep the site's list to its own additions");
    }
    return list;
}

core::Result<std::unique_ptr<probes::creds::SecretGuard>> create_secret_guard(
    std::vector<probes::creds::WeakCandidate> candidates, const std::filesystem::path& dir) {
    auto key = sign::random_bytes(32);
    if (!key) return key.error();
    // The key file is what makes the store's hashes comparable later (same
    // secret on two devices); it is as sensitive as the store, so 0600.
    if (auto st = sign::write_file_exclusive(dir / kStoreKeyFile, hex(*key) + "\n", 0600, false); !st)
        return st.error();
    return std::make_unique<probes::creds::SecretGuard>(std::move(candidates), std::move(*key));
}

}  // namespace vca::pipeline
