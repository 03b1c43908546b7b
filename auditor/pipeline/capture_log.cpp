#include "auditor/pipeline/capture_log.hpp"

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "auditor/facts/rows.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::pipeline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json to_json(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return nullptr;
}

std::optional<double> opt_real(const facts::Value& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::nullopt;
}

std::optional<std::int64_t> opt_int(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    return std::nullopt;
}

std::string text(const facts::Value& v) {
    const auto* s = std::get_if<std::string>(&v);
    return s != nullptr ? *s : std::string();
}

core::Diagnostic not_a_capture_folder(const fs::path& dir, const std::string& why) {
    return core::make_diag("E185", dir.string() + ": " + why,
                           "give --capture-dir the folder `vcaudit capture --dir` wrote (it holds evidence.db)");
}

}  // namespace

core::Result<fs::path> capture_log_store(const fs::path& capture_dir) {
    const fs::path db = capture_dir / "evidence.db";
    std::error_code ec;
    if (!fs::is_regular_file(db, ec)) return not_a_capture_folder(capture_dir, "no evidence.db in this folder");
    auto q = store::QueryHandle::open_live(db);
    if (!q) return not_a_capture_folder(capture_dir, "evidence.db does not open: " + q.error().message);
    auto check = q->run("SELECT count(*) FROM capture_sessions");
    if (!check) return not_a_capture_folder(capture_dir, "evidence.db is not a live-capture store of this version");
    return db;
}

core::Status import_capture_log(const fs::path& log_store, const std::vector<CaptureInput>& captures,
                                const fs::path& staging_dir, std::int64_t& next_id, store::EvidenceStore& store,
                                std::vector<std::string>& outputs) {
    auto q = store::QueryHandle::open_live(log_store);
    if (!q) return q.error();
    json log = {{"store", log_store.string()}, {"files", json::array()}, {"sessions", json::array()}};
    std::optional<double> first, last;
    std::map<std::int64_t, std::vector<facts::AnomalyRow>> drops;  // by this audit's input id
    for (const auto& c : captures) {
        auto rows = q->run("SELECT input_id, path, first_ts, last_ts FROM inputs WHERE kind = 'pcap' AND sha256 = :sha",
                           {{"sha", c.sha256}});
        if (!rows) return rows.error();
        for (const auto& r : rows->rows) {
            json file = {{"sha256", c.sha256}, {"live_path", text(r[1])}, {"dropped", json::array()}};
            if (auto a = opt_real(r[2])) first = first ? std::min(*first, *a) : *a;
            if (auto b = opt_real(r[3])) last = last ? std::max(*last, *b) : *b;
            auto anomalies = q->run("SELECT ts, detail, count FROM anomalies WHERE name = 'capture_dropped' AND "
                                    "input_id = :id ORDER BY ts",
                                    {{"id", r[0]}});
            if (!anomalies) return anomalies.error();
            for (const auto& a : anomalies->rows) {
                facts::AnomalyRow row;
                row.input_id = c.input_id;
                row.ts = opt_real(a[0]);
                row.name = "capture_dropped";
                row.detail = text(a[1]);
                row.count = opt_int(a[2]).value_or(1);
                drops[c.input_id].push_back(row);
                file["dropped"].push_back({{"ts", to_json(a[0])}, {"count", row.count}, {"detail", row.detail}});
            }
            log["files"].push_back(file);
        }
    }
    std::vector<facts::CaptureSessionRow> sessions;
    if (first && last) {
        auto rows = q->run(
            "SELECT session_id, host, iface, filter, started_by, run_as, started, ended, clean_stop, packets_received, "
            "dropped_kernel, dropped_iface, files_written, ntp_synchronised, clock_source FROM capture_sessions "
            "WHERE started <= :last AND coalesce(ended, :last) >= :first ORDER BY started",
            {{"first", *first}, {"last", *last}});
        if (!rows) return rows.error();
        for (const auto& r : rows->rows) {
            facts::CaptureSessionRow s;
            s.session_id = text(r[0]);
            s.host = text(r[1]);
            s.iface = text(r[2]);
            s.filter = text(r[3]);
            s.started_by = text(r[4]);
            s.run_as = text(r[5]);
            s.started = opt_real(r[6]).value_or(0);
            s.ended = opt_real(r[7]);
            s.clean_stop = opt_int(r[8]).value_or(0) != 0;
            s.packets_received = opt_int(r[9]);
            s.dropped_kernel = opt_int(r[10]);
            s.dropped_iface = opt_int(r[11]);
            s.files_written = opt_int(r[12]).value_or(0);
            if (auto n = opt_int(r[13])) s.ntp_synchronised = *n != 0;
            s.clock_source = text(r[14]);
            json sj = json::object();
            for (std::size_t i = 0; i < rows->columns.size(); ++i) sj[rows->columns[i]] = to_json(r[i]);
            log["sessions"].push_back(sj);
            sessions.push_back(std::move(s));
        }
    }
    // What was imported is itself an input: written, hashed and signed with the report.
    const std::string bytes = log.dump(2) + "\n";
    fs::create_directories(staging_dir / "inputs");
    {
        std::ofstream out(staging_dir / "inputs" / "capture-log.json", std::ios::binary);
        out << bytes;
        if (!out) return core::make_diag("E186", (staging_dir / "inputs" / "capture-log.json").string() + ": cannot write",
                                         "check free space in the output folder");
    }
    const std::string sha = sign::sha256_hex(std::string_view(bytes));
    const auto size = static_cast<std::int64_t>(bytes.size());
    store.add(facts::InputRow{next_id++, log_store.string(), "capture_log", sha, size, {}, {}, {}, {}, {}, true});
    outputs.push_back("inputs/capture-log.json");
    for (const auto& [_, rows] : drops)
        for (const auto& r : rows) store.add(r);
    for (const auto& s : sessions) store.add(s);
    return store.flush();
}

}  // namespace vca::pipeline
