#include "auditor/service/capture_records.hpp"

#include <cstdint>

#include "auditor/facts/rows.hpp"

namespace vca::service {

core::Status record_closed_file(store::EvidenceStore& store, const probes::capture::ClosedFile& file,
                                const CaptureContext& ctx) {
    std::string rel = std::filesystem::relative(file.path, ctx.dir).generic_string();
    facts::InputRow row;
    row.input_id = file.sequence;
    row.path = rel;
    row.kind = "pcap";
    row.sha256 = file.sha256;
    row.size = file.size;
    row.format = "pcap";
    row.linktype = ctx.linktype;
    row.frames = file.packets;
    row.first_ts = file.first_ts;
    row.last_ts = file.last_ts;
    row.complete = file.complete;
    store.add(row);
    if (!file.complete) {
        facts::AnomalyRow a;
        a.input_id = file.sequence;
        a.ts = file.last_ts;
        a.name = "capture_interrupted";
        a.detail = rel + ": the capture stopped without closing this file (crash or kill); " +
                   std::to_string(file.packets) +
                   " packets are readable, and flows still open at that time were never written";
        store.add(a);
    }
    if (file.sha256.empty()) {
        facts::AnomalyRow a;
        a.input_id = file.sequence;
        a.name = "capture_hash_failed";
        a.detail = rel + ": " + file.hash_error;
        store.add(a);
    }
    if (ctx.ledger != nullptr) {
        std::string clock = !ctx.clock.ntp_synchronised ? "unknown"
                            : *ctx.clock.ntp_synchronised ? "synchronised"
                                                          : "NOT synchronised";
        ctx.ledger->append(store, "capture_file", rel, file.sha256.empty() ? std::nullopt : std::optional(file.sha256),
                           "captured on " + ctx.host + " interface " + ctx.iface + ", filter " +
                               (ctx.filter.empty() ? std::string("none") : "'" + ctx.filter + "'") +
                               ", started by " + ctx.started_by + ", running as " + ctx.run_as + ", host clock NTP " +
                               clock + " (" + ctx.clock.source + "), " + std::to_string(file.packets) + " packets" +
                               (file.complete ? "" : ", file left open by a crash and recovered"));
    }
    return store.flush();
}

void record_drops(store::EvidenceStore& store, std::int64_t input_id, std::optional<double> ts,
                  const probes::capture::CaptureStats& now, probes::capture::CaptureStats& last) {
    if (!now.known) return;
    // The counters only grow while the handle is open; guard against a wrap anyway.
    auto delta = [](std::uint64_t a, std::uint64_t b) { return a >= b ? a - b : a; };
    std::uint64_t kernel = delta(now.dropped, last.dropped);
    std::uint64_t iface = delta(now.if_dropped, last.if_dropped);
    std::uint64_t received = delta(now.received, last.received);
    last = now;
    if (kernel + iface == 0) return;
    facts::AnomalyRow a;
    a.input_id = input_id;
    a.ts = ts;
    a.name = "capture_dropped";
    a.detail = "live capture lost packets: " + std::to_string(kernel) + " dropped by the kernel (buffer full), " +
               std::to_string(iface) + " by the interface, of " + std::to_string(received) +
               " received since the previous count; raise --buffer-mb or narrow --filter";
    a.count = static_cast<std::int64_t>(kernel + iface);
    store.add(a);
}

namespace {

std::optional<std::string> text_field(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

std::optional<double> number_field(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

std::optional<std::int64_t> count_field(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    // Signed in memory, unsigned once read back from the file.
    if (it == j.end() || !it->is_number_integer()) return std::nullopt;
    if (it->is_number_unsigned()) {
        auto v = it->get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    auto v = it->get<std::int64_t>();
    if (v < 0) return std::nullopt;
    return v;
}

}  // namespace

std::optional<facts::CaptureSessionRow> capture_session_row(const nlohmann::json& session) {
    if (!session.is_object()) return std::nullopt;
    auto id = text_field(session, "session_id");
    auto started = number_field(session, "started_ts");
    auto state = text_field(session, "state");
    if (!id || !started || !state) return std::nullopt;
    facts::CaptureSessionRow row;
    row.session_id = *id;
    row.host = text_field(session, "host").value_or("");
    row.iface = text_field(session, "iface").value_or("");
    row.filter = text_field(session, "filter").value_or("");
    row.started_by = text_field(session, "started_by").value_or("");
    row.run_as = text_field(session, "run_as").value_or("");
    row.started = *started;
    row.clean_stop = *state == "stopped";
    // An end time is only trusted from the process that ended: after a crash
    // the sidecar still says "running" and the last refresh is not the end.
    if (*state == "stopped" || *state == "failed") row.ended = number_field(session, "stopped_ts");
    if (auto c = session.find("counters"); c != session.end() && c->is_object()) {
        auto known = c->find("known");
        if (known != c->end() && known->is_boolean() && known->get<bool>()) {
            row.packets_received = count_field(*c, "received");
            row.dropped_kernel = count_field(*c, "dropped");
            row.dropped_iface = count_field(*c, "if_dropped");
        }
    }
    row.files_written = count_field(session, "files_closed").value_or(0);
    if (auto clock = session.find("clock"); clock != session.end() && clock->is_object()) {
        auto ntp = clock->find("ntp_synchronised");
        if (ntp != clock->end() && ntp->is_boolean()) row.ntp_synchronised = ntp->get<bool>();
        row.clock_source = text_field(*clock, "source").value_or("unknown");
    } else {
        row.clock_source = "unknown";
    }
    return row;
}

}  // namespace vca::service
