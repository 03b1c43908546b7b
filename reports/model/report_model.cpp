#include "reports/model/report_model.hpp"

#include "reports/model/meeting_stats.hpp"

#include <algorithm>

namespace vca::report {
namespace {

std::int64_t as_int(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    return 0;
}

double as_double(const facts::Value& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return 0;
}

// Spans of separate capture files are merged, so a day with no file (lost
// or deleted by retention) does not count as covered.
Coverage coverage_of(const std::vector<InputEntry>& inputs, const std::optional<AuditPeriod>& period) {
    Coverage c;
    c.period = period;
    std::vector<std::pair<double, double>> spans;
    for (const auto& in : inputs)
        if (in.kind == "pcap" && in.frames > 0) spans.emplace_back(in.first_ts, std::max(in.first_ts, in.last_ts));
    if (spans.empty()) return c;
    std::sort(spans.begin(), spans.end());
    c.has_traffic = true;
    c.first_ts = spans.front().first;
    double lo = spans.front().first, hi = spans.front().second;
    auto close_span = [&] {
        c.last_ts = std::max(c.last_ts, hi);
        if (period) c.covered_s += covered_seconds(*period, lo, hi);
    };
    for (const auto& [a, b] : spans) {
        if (a > hi) {
            close_span();
            lo = a;
        }
        hi = std::max(hi, b);
    }
    close_span();
    return c;
}

}  // namespace

std::string overall_verdict(const std::map<std::string, int>& c, const std::map<std::string, int>& controls) {
    auto n = [](const std::map<std::string, int>& m, const char* k) {
        auto it = m.find(k);
        return it == m.end() ? 0 : it->second;
    };
    if (n(c, "fail") + n(controls, "fail") > 0) return "fail";
    // Open questions count as incomplete; items the site declares not
    // applicable (not_assessed) are shown but do not hold the verdict back.
    if (n(c, "error") + n(c, "not_assessed") + n(c, "manual") + n(controls, "manual") > 0) return "incomplete";
    return "pass";
}

core::Result<ReportModel> build_model(const store::QueryHandle& db, std::vector<engine::Assessment> assessments,
                                      std::vector<engine::ControlAssessment> controls,
                                      std::vector<engine::HeadingResult> headings, RunInfo run, SiteInfo site) {
    ReportModel m;
    m.run = std::move(run);
    m.site = std::move(site);
    auto inputs = db.run(
        "SELECT input_id, path, kind, sha256, size, coalesce(format,''), coalesce(linktype,''), "
        "coalesce(frames,0), coalesce(complete,1), coalesce(first_ts,0), coalesce(last_ts,0) "
        "FROM inputs ORDER BY input_id");
    if (!inputs) return inputs.error();
    for (const auto& r : inputs->rows) {
        InputEntry e;
        e.input_id = as_int(r[0]);
        e.path = store::to_text(r[1]);
        e.kind = store::to_text(r[2]);
        e.sha256 = store::to_text(r[3]);
        e.size = as_int(r[4]);
        e.format = store::to_text(r[5]);
        e.linktype = store::to_text(r[6]);
        e.frames = as_int(r[7]);
        e.complete = as_int(r[8]) != 0;
        e.first_ts = as_double(r[9]);
        e.last_ts = as_double(r[10]);
        m.counts.frames += e.frames;
        m.inputs.push_back(e);
    }
    m.coverage = coverage_of(m.inputs, m.run.period);
    auto anomalies = db.run(
        "SELECT name, sum(count), min(detail) FROM anomalies GROUP BY name ORDER BY sum(count) DESC, name");
    if (!anomalies) return anomalies.error();
    for (const auto& r : anomalies->rows) {
        m.anomalies.push_back({store::to_text(r[0]), as_int(r[1]), store::to_text(r[2])});
        m.counts.anomalies += as_int(r[1]);
        if (m.anomalies.back().name == "capture_dropped") m.coverage.capture_dropped = as_int(r[1]);
    }
    m.content_flags_total = db.count("content_matches");
    auto flags = db.run(
        "SELECT rule, coalesce(namespace,''), coalesce(tags,''), coalesce(scope,''), coalesce(direction,''), "
        "coalesce(object_name,''), coalesce(object_sha256,''), coalesce(ts,0), coalesce(object_size,0), "
        "coalesce(flow_id,0) FROM content_matches ORDER BY ts, rule, object_sha256 LIMIT " +
        std::to_string(kMaxContentFlags));
    if (!flags) return flags.error();
    for (const auto& r : flags->rows)
        m.content_flags.push_back({store::to_text(r[0]), store::to_text(r[1]), store::to_text(r[2]),
                                   store::to_text(r[3]), store::to_text(r[4]), store::to_text(r[5]),
                                   store::to_text(r[6]), as_double(r[7]), as_int(r[8]), as_int(r[9])});
    m.counts.flows = db.count("flows");
    m.counts.tls_sessions = db.count("tls_sessions");
    m.counts.sip_messages = db.count("sip_messages");
    m.counts.sdp_media = db.count("sdp_media");
    auto meetings = meeting_stats(db, m.site.allowed_networks);
    if (!meetings) return meetings.error();
    m.meetings = std::move(meetings.value());
    // A failure of a rule the level only recommends is advice, not a failed verdict.
    for (const auto& a : assessments) ++m.status_counts[a.status == "fail" && a.advisory ? "advisory" : a.status];
    m.assessments = std::move(assessments);
    for (const auto& c : controls) ++m.control_counts[c.status];
    m.controls = std::move(controls);
    m.headings = std::move(headings);
    m.verdict = overall_verdict(m.status_counts, m.control_counts);
    return m;
}

}  // namespace vca::report
