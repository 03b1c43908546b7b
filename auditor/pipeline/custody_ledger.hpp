// Chain of custody: an append-only ledger of who acquired each input, every
// run, every output written and every verification. Each entry's hash covers
// the previous entry's hash, so changing, removing or reordering any entry
// breaks every link after it. Entries made during an audit live in the
// evidence store (and the last hash is signed in the manifest); entries made
// after signing (verifications) go to custody.jsonl beside it, chained on.
// The hash layout is documented in docs/custody.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::pipeline {

// prev_hash of the first entry.
inline constexpr std::string_view kCustodyGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";
inline constexpr const char* kCustodyLogFile = "custody.jsonl";

struct CustodyEntry {
    std::int64_t seq = 0;
    std::string ts, action, actor, subject;
    std::optional<std::string> sha256;
    std::string detail, prev_hash, entry_hash;
};

// SHA-256 over prev_hash and every field, each written as "<byte length>:<bytes>\n"
// so no two different entries can encode to the same text.
std::string custody_entry_hash(const CustodyEntry& e);

// "user@host"; under sudo, "root (sudo from alice)@host".
std::string current_actor();

// Current UTC time, ISO 8601 to the second.
std::string custody_now();

class CustodyLedger {
public:
    using Clock = std::function<std::string()>;
    explicit CustodyLedger(std::string actor, Clock clock = custody_now, std::string head = std::string(kCustodyGenesis),
                           std::int64_t next_seq = 1);

    // Builds the next entry, chains it and writes it to `sink`.
    CustodyEntry append(facts::FactSink& sink, std::string action, std::string subject,
                        std::optional<std::string> sha256, std::string detail);

    // Builds and chains the next entry without writing it anywhere.
    CustodyEntry next(std::string action, std::string subject, std::optional<std::string> sha256, std::string detail);

    [[nodiscard]] const std::string& head() const { return head_; }
    [[nodiscard]] std::int64_t entries() const { return next_seq_ - 1; }

private:
    std::string actor_;
    Clock clock_;
    std::string head_;
    std::int64_t next_seq_;
};

struct ChainCheck {
    bool ok = true;
    std::int64_t entries = 0;
    std::string head;     // entry_hash of the last entry (or the starting hash if none)
    std::string problem;  // names the first broken link; "" when ok
};

// Recomputes every link, starting from `start_prev` and sequence `start_seq`.
ChainCheck check_chain(const std::vector<CustodyEntry>& entries, std::string_view start_prev = kCustodyGenesis,
                       std::int64_t start_seq = 1);

// The ledger inside an evidence store, in sequence order.
core::Result<std::vector<CustodyEntry>> read_store_ledger(const store::QueryHandle& db);

// custody.jsonl: one JSON object per line; a missing file is an empty ledger.
core::Result<std::vector<CustodyEntry>> read_ledger_log(const std::filesystem::path& file);
core::Status append_ledger_log(const std::filesystem::path& file, const CustodyEntry& e);

}  // namespace vca::pipeline
