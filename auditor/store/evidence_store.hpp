// EvidenceStore: the SQLite evidence database, the only code that includes
// sqlite3.h. Writing goes through FactSink with batched prepared inserts
// inside transactions; rules read through QueryHandle, a read-only
// connection whose authorizer refuses anything but SELECT.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "auditor/facts/fact_sink.hpp"

namespace vca::store {

struct Db;  // RAII owner of a sqlite3 connection and its statements

class EvidenceStore final : public facts::FactSink {
public:
    // Creates a new database at `path` with the whole schema. Refuses an
    // existing file: evidence is never appended to a store of another run.
    static core::Result<EvidenceStore> create(const std::filesystem::path& path);

    // Reopens a store written by create() to add the rule results.
    static core::Result<EvidenceStore> open_existing(const std::filesystem::path& path);

    // The store of a long-running capture: created with the schema if
    // missing, else reopened to append (refused if its schema version
    // differs). Write-ahead log and synchronous=NORMAL, so a crash or kill
    // leaves every committed batch intact and the file consistent.
    static core::Result<EvidenceStore> open_live(const std::filesystem::path& path);

    // input_id → path of every recorded input (resuming a live capture).
    core::Result<std::map<std::int64_t, std::string>> recorded_inputs();

    // Largest flow_id in any table (0 if none): a resumed capture numbers
    // its flows after it, since facts of flows not yet ended may exist.
    core::Result<std::int64_t> max_flow_id();

    // The custody ledger's last entry (seq, entry_hash), or nothing if it is
    // empty: a resumed capture chains its entries onto it.
    core::Result<std::optional<std::pair<std::int64_t, std::string>>> custody_tail();

    EvidenceStore(EvidenceStore&&) noexcept;
    EvidenceStore& operator=(EvidenceStore&&) noexcept;
    ~EvidenceStore() override;

    void emit(std::string_view table, const facts::Cells& cells) override;

    // Inserts a row given as column → value; unknown tables or columns are
    // errors (used for rule-case fixtures, where a typo must not pass silently).
    core::Status insert_named(const std::string& table, const std::map<std::string, facts::Value>& row);

    // Completes an input's row once it has been read to its end (or cut).
    core::Status update_input(std::int64_t input_id, std::int64_t frames, std::optional<double> first_ts,
                              std::optional<double> last_ts, bool complete);

    // Commits the open batch. Errors met while writing (disk full...) are kept
    // and returned here, since FactSink::emit cannot fail on the data plane.
    core::Status flush();

    // Flushes and closes; the file is complete afterwards.
    core::Status close();

    [[nodiscard]] std::int64_t rows_written() const { return rows_; }

private:
    explicit EvidenceStore(std::unique_ptr<Db> db);
    std::unique_ptr<Db> db_;
    std::size_t in_batch_ = 0;
    std::int64_t rows_ = 0;
    std::string first_error_;
};

struct QueryResult {
    std::vector<std::string> columns;
    std::vector<std::vector<facts::Value>> rows;
};

using Params = std::map<std::string, facts::Value>;  // named parameters, without the ':'

// A read-only connection for rule SQL and reports.
class QueryHandle {
public:
    static core::Result<QueryHandle> open(const std::filesystem::path& path);
    // The store of a running capture (open_live above): read with its
    // write-ahead log, so batches committed a moment ago are seen.
    static core::Result<QueryHandle> open_live(const std::filesystem::path& path);

    QueryHandle(QueryHandle&&) noexcept;
    QueryHandle& operator=(QueryHandle&&) noexcept;
    ~QueryHandle();

    // Prepares without running: returns the result column names, or the
    // SQLite error (unknown table/column, refused operation...).
    core::Result<std::vector<std::string>> check(const std::string& sql) const;

    // Parameter names the statement uses (":name" → "name").
    core::Result<std::vector<std::string>> parameters(const std::string& sql) const;

    core::Result<QueryResult> run(const std::string& sql, const Params& params = {}) const;

    // Number of rows in `table` (0 for an unknown table).
    std::int64_t count(const std::string& table) const;

private:
    explicit QueryHandle(std::unique_ptr<Db> db);
    static core::Result<QueryHandle> open_uri(const std::filesystem::path& path, bool immutable);
    std::unique_ptr<Db> db_;
};

// Text of a value as a report shows it (NULL → "").
std::string to_text(const facts::Value& v);

}  // namespace vca::store
