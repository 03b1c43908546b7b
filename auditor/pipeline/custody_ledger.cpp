#include "auditor/pipeline/custody_ledger.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

#include "auditor/core/utc_time.hpp"
#include "auditor/facts/rows.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::pipeline {
namespace {

void field(std::string& out, std::string_view v) {
    out += std::to_string(v.size());
    out += ':';
    out += v;
    out += '\n';
}

std::string describe(const CustodyEntry& e) {
    return "entry " + std::to_string(e.seq) + " (" + e.action + " " + e.subject + ", " + e.ts + ")";
}

std::int64_t as_int(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    return 0;
}

}  // namespace

std::string custody_entry_hash(const CustodyEntry& e) {
    std::string text = "vcaudit-custody/1\n";
    field(text, e.prev_hash);
    field(text, std::to_string(e.seq));
    field(text, e.ts);
    field(text, e.action);
    field(text, e.actor);
    field(text, e.subject);
    field(text, e.sha256 ? *e.sha256 : std::string("-"));
    field(text, e.detail);
    return sign::sha256_hex(std::string_view(text));
}

std::string current_actor() {
    std::string user;
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (getpwuid_r(geteuid(), &pw, buf.data(), buf.size(), &found) == 0 && found != nullptr)
        user = found->pw_name;
    else
        user = "uid " + std::to_string(geteuid());
    if (const char* sudo = std::getenv("SUDO_USER"); sudo != nullptr && *sudo != '\0' && user != sudo)
        user += std::string(" (sudo from ") + sudo + ")";
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    return user + "@" + (host[0] != '\0' ? host : "unknown-host");
}

std::string custody_now() { return core::iso_utc_now(); }

CustodyLedger::CustodyLedger(std::string actor, Clock clock, std::string head, std::int64_t next_seq)
    : actor_(std::move(actor)), clock_(std::move(clock)), head_(std::move(head)), next_seq_(next_seq) {}

CustodyEntry CustodyLedger::next(std::string action, std::string subject, std::optional<std::string> sha256,
                                 std::string detail) {
    CustodyEntry e;
    e.seq = next_seq_++;
    e.ts = clock_();
    e.action = std::move(action);
    e.actor = actor_;
    e.subject = std::move(subject);
    e.sha256 = std::move(sha256);
    e.detail = std::move(detail);
    e.prev_hash = head_;
    e.entry_hash = custody_entry_hash(e);
    head_ = e.entry_hash;
    return e;
}

CustodyEntry CustodyLedger::append(facts::FactSink& sink, std::string action, std::string subject,
                                   std::optional<std::string> sha256, std::string detail) {
    CustodyEntry e = next(std::move(action), std::move(subject), std::move(sha256), std::move(detail));
    sink.add(facts::CustodyRow{e.seq, e.ts, e.action, e.actor, e.subject, e.sha256, e.detail, e.prev_hash,
                               e.entry_hash});
    return e;
}

ChainCheck check_chain(const std::vector<CustodyEntry>& entries, std::string_view start_prev, std::int64_t start_seq) {
    ChainCheck c;
    c.head = std::string(start_prev);
    std::int64_t want_seq = start_seq;
    for (const auto& e : entries) {
        if (e.seq != want_seq) {
            c.ok = false;
            c.problem = describe(e) + ": expected entry " + std::to_string(want_seq) +
                        " here — an entry was removed, inserted or reordered";
            return c;
        }
        if (e.prev_hash != c.head) {
            c.ok = false;
            c.problem = describe(e) + ": does not link to the entry before it (prev_hash " + e.prev_hash +
                        ", expected " + c.head + ")";
            return c;
        }
        if (custody_entry_hash(e) != e.entry_hash) {
            c.ok = false;
            c.problem = describe(e) + ": its content was changed after it was recorded (hash does not match)";
            return c;
        }
        c.head = e.entry_hash;
        ++c.entries;
        ++want_seq;
    }
    return c;
}

core::Result<std::vector<CustodyEntry>> read_store_ledger(const store::QueryHandle& db) {
    auto rows = db.run(
        "SELECT seq, ts, action, actor, subject, sha256, detail, prev_hash, entry_hash FROM custody ORDER BY rowid");
    if (!rows) return rows.error();
    std::vector<CustodyEntry> out;
    for (const auto& r : rows->rows) {
        CustodyEntry e;
        e.seq = as_int(r[0]);
        e.ts = store::to_text(r[1]);
        e.action = store::to_text(r[2]);
        e.actor = store::to_text(r[3]);
        e.subject = store::to_text(r[4]);
        if (!std::holds_alternative<std::monostate>(r[5])) e.sha256 = store::to_text(r[5]);
        e.detail = store::to_text(r[6]);
        e.prev_hash = store::to_text(r[7]);
        e.entry_hash = store::to_text(r[8]);
        out.push_back(std::move(e));
    }
    return out;
}

core::Result<std::vector<CustodyEntry>> read_ledger_log(const std::filesystem::path& file) {
    std::vector<CustodyEntry> out;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return out;
    std::ifstream in(file, std::ios::binary);
    if (!in) return core::make_diag("E170", file.string() + ": cannot be read", "check the file's permissions");
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object())
            return core::make_diag("E171", file.string() + ":" + std::to_string(number) + ": not a ledger entry",
                                   "the custody log was damaged; keep the file and report it");
        CustodyEntry e;
        e.seq = j.value("seq", std::int64_t{0});
        e.ts = j.value("ts", "");
        e.action = j.value("action", "");
        e.actor = j.value("actor", "");
        e.subject = j.value("subject", "");
        if (j.contains("sha256") && j["sha256"].is_string()) e.sha256 = j["sha256"].get<std::string>();
        e.detail = j.value("detail", "");
        e.prev_hash = j.value("prev_hash", "");
        e.entry_hash = j.value("entry_hash", "");
        out.push_back(std::move(e));
    }
    return out;
}

core::Status append_ledger_log(const std::filesystem::path& file, const CustodyEntry& e) {
    nlohmann::json j = {{"seq", e.seq},       {"ts", e.ts},           {"action", e.action},
                        {"actor", e.actor},   {"subject", e.subject}, {"detail", e.detail},
                        {"prev_hash", e.prev_hash}, {"entry_hash", e.entry_hash}};
    j["sha256"] = e.sha256 ? nlohmann::json(*e.sha256) : nlohmann::json(nullptr);
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    // O_APPEND: entries are only ever added at the end, never rewritten.
    int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return core::make_diag("E172", file.string() + ": cannot be appended to",
                               "make the report folder writable, or pass --no-record");
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return core::make_diag("E172", file.string() + ": write failed", "check free disk space");
    return core::ok_status();
}

}  // namespace vca::pipeline
