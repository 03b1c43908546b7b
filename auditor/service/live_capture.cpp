#include "auditor/service/live_capture.hpp"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <set>
#include <ostream>

#include "auditor/core/limits.hpp"
#include "auditor/core/version.hpp"
#include "auditor/engine/catalogue.hpp"
#include "auditor/pipeline/secret_setup.hpp"
#include "auditor/service/capture_records.hpp"
#include "auditor/service/capture_session.hpp"
#include "auditor/service/flow_id_offset_sink.hpp"
#include "auditor/service/privileges.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/decode/packet.hpp"
#include "probes/traffic/traffic_analyzer.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::service {
namespace {

// Facts are committed at least this often (and every kStoreBatchRows rows),
// so a crash loses at most this much analysis.
constexpr double kStoreFlushSeconds = 1.0;
// capture-session.json's counters are refreshed this often for `vcaudit status`.
constexpr double kStatusRefreshSeconds = 10.0;
// Start entries kept in capture-session.json (one per start of the service).
constexpr std::size_t kMaxSessionsKept = 1000;

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_stop_signal(int /*sig*/) { g_stop = 1; }

void install_stop_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a blocking wait returns at once
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
}

std::string user_name(uid_t uid) {
    passwd pw{};
    passwd* found = nullptr;
    char buf[4096];
    if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found != nullptr) return found->pw_name;
    return "uid " + std::to_string(uid);
}

std::string host_name() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
    return buf;
}

std::optional<std::string> unhex(const std::string& text) {
    std::string out;
    auto nib = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string t = text.substr(0, text.find_first_of("\r\n"));
    if (t.size() != 64) return std::nullopt;
    for (std::size_t i = 0; i < t.size(); i += 2) {
        int hi = nib(t[i]), lo = nib(t[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

// The store's HMAC key: kept from the first start, so hashes of equal
// secrets stay comparable across restarts.
core::Result<std::unique_ptr<probes::creds::SecretGuard>> open_secret_guard(
    std::vector<probes::creds::WeakCandidate> candidates, const std::filesystem::path& dir) {
    std::filesystem::path file = dir / pipeline::kStoreKeyFile;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return pipeline::create_secret_guard(std::move(candidates), dir);
    auto text = sign::read_file_bounded(file, 1024);
    if (!text) return text.error();
    auto key = unhex(*text);
    if (!key) return core::make_diag("E165", file.string() + ": not a key written by vcaudit", "restore it or use a new --dir");
    return std::make_unique<probes::creds::SecretGuard>(std::move(candidates), std::move(*key));
}

nlohmann::json counters_json(const probes::capture::CaptureStats& s, double now) {
    return {{"received", s.received}, {"dropped", s.dropped}, {"if_dropped", s.if_dropped},
            {"known", s.known}, {"updated", iso_utc(now)}};
}

}  // namespace

core::Result<LiveCaptureSummary> run_live_capture(const LiveCaptureOptions& o, std::ostream& log) {
    install_stop_handlers();
    // 1. Everything that can be checked before the interface is opened.
    auto user = resolve_capture_user(o.user);
    if (!user) return user.error();
    auto weak = pipeline::load_weak_candidates(engine::default_data_paths().weak_secrets, engine::SitePolicy{});
    if (!weak) return weak.error();
    if (auto st = check_capture_dir(o.dir); !st) return st.error();
    const std::filesystem::path dir = std::filesystem::absolute(o.dir).lexically_normal();
    CaptureContext ctx;
    ctx.dir = dir;
    ctx.iface = o.iface;
    ctx.filter = o.filter;
    const char* sudo_user = std::getenv("SUDO_USER");
    ctx.host = host_name();
    ctx.started_by = (sudo_user != nullptr ? std::string(sudo_user) : user_name(::getuid())) + "@" + ctx.host;
    ctx.run_as = user->name;
    ctx.clock = read_clock_state();  // before the drop: timedatectl may need the system bus

    // 2. The only privileged step, then no privileges at all.
    probes::capture::LiveOptions lo;
    lo.iface = o.iface;
    lo.filter = o.filter;
    lo.buffer_bytes = o.buffer_bytes;
    auto source = probes::capture::LiveSource::open(lo);
    if (!source) return source.error();
    const int linktype = source->linktype();
    if (!probes::decode::linktype_supported(linktype))
        return core::make_diag("E153", "interface " + o.iface + ": link type " +
                                           probes::capture::linktype_name(linktype) + " is not supported",
                               "capture on an Ethernet, Linux cooked (any), raw IP or loopback interface");
    ctx.linktype = probes::capture::linktype_name(linktype);
    if (auto st = prepare_capture_dir(dir, *user); !st) return st.error();  // created only now: no folder for a typo
    if (auto st = drop_privileges(*user); !st) return st.error();
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        return core::make_diag("E162", dir.string() + ": not writable by the capture user " + user->name,
                               "chown " + user->name + " " + dir.string() + " or pass --user");
    const std::filesystem::path pcap_dir = dir / kPcapSubdir;
    std::error_code ec;
    if (std::filesystem::create_directory(pcap_dir, ec))
        std::filesystem::permissions(pcap_dir, std::filesystem::perms(0750), ec);  // not the umask's choice
    if (ec) return core::make_diag("E162", pcap_dir.string() + ": cannot create: " + ec.message());
    if (auto st = claim_pid_file(dir); !st) return st.error();
    struct PidRelease {
        std::filesystem::path d;
        ~PidRelease() { release_pid_file(d); }
    } pid_release{dir};

    // 3. The store, resumed if it exists; files a crash left unrecorded first.
    auto store = store::EvidenceStore::open_live(dir / kStoreFile);
    if (!store) return store.error();
    // Custody: this capture's entries continue the store's ledger (a resumed
    // capture chains onto the last entry of the run before).
    auto tail = store->custody_tail();
    if (!tail) return tail.error();
    pipeline::CustodyLedger ledger(ctx.started_by + " (running as " + ctx.run_as + ")", pipeline::custody_now,
                                   *tail ? (*tail)->second : std::string(pipeline::kCustodyGenesis),
                                   *tail ? (*tail)->first + 1 : 1);
    ctx.ledger = &ledger;
    ledger.append(*store, "run", dir.string(), std::nullopt,
                  std::string("vcaudit ") + core::kToolVersion + " capture " + (*tail ? "resumed" : "started") +
                      " on interface " + o.iface + (o.filter.empty() ? "" : ", filter '" + o.filter + "'"));
    auto guard = open_secret_guard(std::move(*weak), dir);
    if (!guard) return guard.error();
    auto recorded = store->recorded_inputs();
    if (!recorded) return recorded.error();
    std::set<std::string> recorded_paths;
    std::int64_t next_id = 1;
    for (const auto& [id, path] : *recorded) {
        recorded_paths.insert(path);
        next_id = std::max(next_id, id + 1);
    }
    probes::capture::HashFile hash = [](const std::filesystem::path& p) { return sign::sha256_file(p); };
    LiveCaptureSummary summary;
    nlohmann::json doc = read_session_file(dir);
    nlohmann::json recovered = nlohmann::json::array();
    for (const auto& f : probes::capture::list_capture_files(pcap_dir)) {
        next_id = std::max(next_id, f.sequence + 1);
        std::string rel = std::filesystem::relative(f.path, dir).generic_string();
        if (recorded_paths.count(rel) != 0) continue;
        probes::capture::ClosedFile c = probes::capture::describe_unclosed_file(f, hash);
        if (recorded->count(c.sequence) != 0) c.sequence = next_id++;  // the id was taken: keep ids unique
        if (auto st = record_closed_file(*store, c, ctx); !st) return st.error();
        log << "recovered " << rel << ": left open by an earlier run, recorded with complete=0 (" << c.packets
            << " packets readable)\n";
        recovered.push_back(rel);
        ++summary.files_recovered;
    }
    // A session still "running" died without a clean stop: its row is
    // written now, with ended NULL (a row already there is kept as it is).
    for (auto& s : doc["sessions"]) {
        auto state = s.is_object() ? s.find("state") : s.end();
        if (state == s.end() || !state->is_string() || *state != "running") continue;
        if (auto row = capture_session_row(s)) store->add(*row);
        s["state"] = "interrupted";
    }
    if (auto st = store->flush(); !st) return st.error();

    const double started = now_unix();
    nlohmann::json session = {
        {"session_id", iso_utc(started) + "/" + std::to_string(::getpid())}, {"started", iso_utc(started)},
        {"started_ts", started}, {"pid", ::getpid()}, {"tool_version", core::kToolVersion},
        {"host", ctx.host}, {"started_by", ctx.started_by}, {"run_as", ctx.run_as}, {"iface", o.iface},
        {"filter", o.filter}, {"linktype", ctx.linktype}, {"snaplen", source->snaplen()},
        {"buffer_bytes", o.buffer_bytes},
        {"rotation", {{"max_file_bytes", o.rotation.max_file_bytes}, {"max_file_seconds", o.rotation.max_file_seconds},
                      {"keep_seconds", o.rotation.keep_seconds}, {"keep_bytes", o.rotation.keep_bytes}}},
        {"clock", {{"ntp_synchronised", ctx.clock.ntp_synchronised ? nlohmann::json(*ctx.clock.ntp_synchronised)
                                                                    : nlohmann::json(nullptr)},
                   {"source", ctx.clock.source}}},
        {"first_input_id", next_id}, {"recovered_files", recovered}, {"state", "running"},
        {"files_closed", 0}, {"files_deleted", 0}, {"counters", counters_json({}, started)}};
    doc["sessions"].push_back(session);
    while (doc["sessions"].size() > kMaxSessionsKept) doc["sessions"].erase(doc["sessions"].begin());
    auto& current = doc["sessions"].back();
    if (auto st = write_session_file(dir, doc); !st) return st.error();
    log << "capturing on " << o.iface << (o.filter.empty() ? "" : " (filter '" + o.filter + "')") << " into "
        << dir.string() << " as user " << user->name << "\n";

    // 4. Capture and analysis.
    auto flow_base = store->max_flow_id();
    if (!flow_base) return flow_base.error();
    current["first_flow_id"] = *flow_base + 1;
    FlowIdOffsetSink facts_sink(*store, *flow_base);
    probes::traffic::TrafficAnalyzer analyzer(facts_sink, {}, guard->get());
    probes::capture::CaptureStats counted{};
    std::optional<core::Diagnostic> failure;
    probes::capture::WriterHooks hooks;
    hooks.hash = hash;
    std::int64_t last_closed_input = 0;  // input the drops counted at the stop are charged to
    hooks.closed = [&](const probes::capture::ClosedFile& f) {
        last_closed_input = f.sequence;
        auto stats = source->stats();
        record_drops(*store, f.sequence, f.last_ts, stats, counted);
        if (auto st = record_closed_file(*store, f, ctx); !st && !failure) failure = st.error();
        ++summary.files_closed;
        current["files_closed"] = summary.files_closed;
        current["last_closed"] = {{"name", std::filesystem::relative(f.path, dir).generic_string()},
                                  {"sha256", f.sha256}, {"packets", f.packets}, {"size", f.size},
                                  {"why", f.why}, {"closed", iso_utc(now_unix())}};
        current["counters"] = counters_json(stats, now_unix());
        (void)write_session_file(dir, doc);
        log << "closed " << f.name << " (" << f.why << "): " << f.packets << " packets, sha256 "
            << (f.sha256.empty() ? "unavailable" : f.sha256) << "\n";
    };
    hooks.deleted = [&](const std::filesystem::path& p, const std::string& why) {
        current["files_deleted"] = current.value("files_deleted", 0) + 1;
        log << "retention (" << why << "): deleted " << p.filename().string() << "\n";
    };
    auto writer = probes::capture::RotatingWriter::open(pcap_dir, linktype, source->snaplen(), o.rotation, next_id,
                                                        hooks);
    if (!writer) return writer.error();
    writer->enforce_retention(started);

    probes::capture::PacketRecord rec;
    std::string error;
    double last_flush = started, last_status = started;
    while (g_stop == 0 && !failure) {
        probes::capture::LiveStatus st = source->next(rec, probes::capture::defaults::kPollMilliseconds, error);
        double now = now_unix();
        if (st == probes::capture::LiveStatus::Packet) {
            auto placed = writer->write(rec, now);
            if (!placed) {
                failure = placed.error();
                break;
            }
            ++summary.packets;
            auto data = rec.bytes.first(std::min(rec.bytes.size(), core::limits::kMaxFrameBytes));
            analyzer.on_frame({placed->sequence, placed->frame_number, rec.ts(), linktype, data, rec.orig_len});
        } else if (st == probes::capture::LiveStatus::Error) {
            if (g_stop == 0)
                failure = core::make_diag("E154", "interface " + o.iface + ": capture failed: " + error,
                                          "check the interface still exists; restart to resume");
            break;
        } else if (auto t = writer->tick(now); !t) {
            failure = t.error();
            break;
        }
        if (now - last_flush >= kStoreFlushSeconds) {
            if (auto f = store->flush(); !f) failure = f.error();
            last_flush = now;
        }
        if (now - last_status >= kStatusRefreshSeconds) {
            current["counters"] = counters_json(source->stats(), now);
            (void)write_session_file(dir, doc);
            last_status = now;
        }
    }

    // 5. Stop: open flows out, the current file closed and recorded, drops counted.
    analyzer.finish();
    double stopped = now_unix();
    if (auto st = writer->close("stop", stopped); !st && !failure) failure = st.error();
    summary.stats = source->stats();
    // Also packets lost after the last file closed, so the anomalies add up
    // to the session's counters.
    record_drops(*store, last_closed_input, std::nullopt, summary.stats, counted);
    current["state"] = failure ? "failed" : "stopped";
    current["stopped"] = iso_utc(stopped);
    current["stopped_ts"] = stopped;
    current["counters"] = counters_json(summary.stats, stopped);
    if (auto row = capture_session_row(current)) store->add(*row);
    if (auto st = store->close(); !st && !failure) {
        failure = st.error();
        current["state"] = "failed";
    }
    if (failure) current["error"] = failure->line();
    (void)write_session_file(dir, doc);
    if (failure) return *failure;
    return summary;
}

}  // namespace vca::service
