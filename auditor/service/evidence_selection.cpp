#include "auditor/service/evidence_selection.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "auditor/service/capture_session.hpp"
#include "auditor/store/evidence_store.hpp"
#include "probes/capture/rotating_writer.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::service {
namespace {

// Wall time in "capture-YYYYMMDDTHHMMSSZ-N.pcap" (when the writer opened it).
std::optional<double> name_time(const std::string& name) {
    constexpr std::size_t kAt = 8;  // after "capture-"
    if (name.size() < kAt + 16) return std::nullopt;
    std::tm tm{};
    int fields[6] = {};
    const std::size_t starts[6] = {0, 4, 6, 9, 11, 13}, lengths[6] = {4, 2, 2, 2, 2, 2};
    for (int i = 0; i < 6; ++i)
        for (std::size_t k = 0; k < lengths[i]; ++k) {
            char c = name[kAt + starts[i] + k];
            if (c < '0' || c > '9') return std::nullopt;
            fields[i] = fields[i] * 10 + (c - '0');
        }
    tm.tm_year = fields[0] - 1900;
    tm.tm_mon = fields[1] - 1;
    tm.tm_mday = fields[2];
    tm.tm_hour = fields[3];
    tm.tm_min = fields[4];
    tm.tm_sec = fields[5];
    return static_cast<double>(timegm(&tm));
}

std::string percent(double fraction) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100.0);
    return buf;
}

}  // namespace

nlohmann::json Coverage::to_json() const {
    auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    return {{"period_from_ts", period_from}, {"period_to_ts", period_to},
            {"evidence_first_ts", opt(evidence_first)}, {"evidence_last_ts", opt(evidence_last)},
            {"evidence_first", evidence_first ? local_time_text(*evidence_first) : ""},
            {"evidence_last", evidence_last ? local_time_text(*evidence_last) : ""},
            {"covered_seconds", covered_seconds},
            {"covered_fraction", period_to > period_from ? covered_seconds / (period_to - period_from) : 0.0},
            {"partial", partial}, {"note", note}};
}

Coverage measure_coverage(const EvaluationPeriod& period, const std::vector<EvidenceFile>& files) {
    Coverage c;
    c.period_from = period.from_ts;
    c.period_to = period.to_ts;
    for (const auto& f : files) {
        c.evidence_first = c.evidence_first ? std::min(*c.evidence_first, f.first_ts) : f.first_ts;
        c.evidence_last = c.evidence_last ? std::max(*c.evidence_last, f.last_ts) : f.last_ts;
    }
    if (!c.evidence_first) {
        c.note = "no closed capture file has packets in this period";
        return c;
    }
    const double lo = std::max(period.from_ts, *c.evidence_first);
    const double hi = std::min(period.to_ts, *c.evidence_last);
    c.covered_seconds = hi > lo ? hi - lo : 0.0;
    c.partial = *c.evidence_first > period.from_ts + kCoverageSlackSeconds ||
                *c.evidence_last < period.to_ts - kCoverageSlackSeconds;
    const double length = period.to_ts - period.from_ts;
    c.note = c.partial ? "partial: the evidence covers " + percent(length > 0 ? c.covered_seconds / length : 0.0) +
                             " of the period, from " + local_time_text(lo) + " to " + local_time_text(hi)
                       : "the evidence covers the whole period";
    return c;
}

core::Result<EvidenceSelection> select_evidence(const std::filesystem::path& dir, const EvaluationPeriod& period) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dir / kStoreFile, ec))
        return core::make_diag("E166", dir.string() + ": not a capture folder (no " + kStoreFile + ")",
                               "pass the --dir given to vcaudit capture or serve");
    // The capture records a file in the store when it closes it: the file
    // still being written is not there yet, so it is never read here.
    std::map<std::int64_t, std::string> recorded;
    {
        auto store = store::EvidenceStore::open_live(dir / kStoreFile);
        if (!store) return store.error();
        auto inputs = store->recorded_inputs();
        if (!inputs) return inputs.error();
        recorded = std::move(inputs.value());
    }
    EvidenceSelection sel;
    const std::string prefix = std::string(kPcapSubdir) + "/";
    for (const auto& [id, rel] : recorded) {
        if (!rel.starts_with(prefix)) continue;
        const std::filesystem::path file = dir / rel;
        const std::string name = file.filename().string();
        auto seq = probes::capture::capture_file_sequence(name);
        if (!seq || !std::filesystem::is_regular_file(file, ec)) continue;  // deleted by retention
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0) continue;
        const double mtime = static_cast<double>(st.st_mtim.tv_sec) + static_cast<double>(st.st_mtim.tv_nsec) * 1e-9;
        const auto size = static_cast<std::uint64_t>(st.st_size);
        // Files that cannot hold packets of the period are not read.
        if (auto opened = name_time(name); opened && *opened - kFileNameClockSlackSeconds >= period.to_ts) continue;
        if (mtime < period.from_ts) continue;
        auto described = probes::capture::describe_unclosed_file(
            {file, name, *seq, size, mtime},
            [](const std::filesystem::path& p) { return sign::sha256_file(p); });
        if (described.sha256.empty()) {
            ++sel.unreadable;
            sel.problems.push_back(described.hash_error);
            continue;
        }
        if (described.packets == 0 || !described.first_ts || !described.last_ts) continue;
        if (*described.last_ts < period.from_ts || *described.first_ts >= period.to_ts) continue;
        sel.files.push_back({rel, file, described.sha256, described.packets, *described.first_ts, *described.last_ts});
    }
    std::sort(sel.files.begin(), sel.files.end(),
              [](const EvidenceFile& a, const EvidenceFile& b) { return a.first_ts < b.first_ts; });
    sel.coverage = measure_coverage(period, sel.files);
    return sel;
}

}  // namespace vca::service
