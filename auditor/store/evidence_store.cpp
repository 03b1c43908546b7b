#include "auditor/store/evidence_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "auditor/core/limits.hpp"
#include "auditor/facts/schema.hpp"
#include "auditor/store/sql_functions.hpp"

namespace vca::store {

struct Db {
    sqlite3* handle = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> inserts;  // one cached INSERT per table
    ~Db() {
        for (auto& [_, stmt] : inserts) sqlite3_finalize(stmt);
        if (handle != nullptr) sqlite3_close_v2(handle);
    }
};

namespace {

std::string errmsg(sqlite3* db) { return db != nullptr ? sqlite3_errmsg(db) : "out of memory"; }

bool exec(sqlite3* db, const char* sql, std::string& error) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK) return true;
    error = msg != nullptr ? msg : errmsg(db);
    sqlite3_free(msg);
    return false;
}

void bind(sqlite3_stmt* stmt, int index, const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        sqlite3_bind_int64(stmt, index, *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
        sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
        sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(stmt, index);
    }
}

facts::Value column_value(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER: return std::int64_t{sqlite3_column_int64(stmt, i)};
        case SQLITE_FLOAT: return sqlite3_column_double(stmt, i);
        case SQLITE_NULL: return std::monostate{};
        default: {
            const unsigned char* t = sqlite3_column_text(stmt, i);
            return std::string(reinterpret_cast<const char*>(t),
                               static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
        }
    }
}

// Rule SQL may read and compute, nothing else: no writes, ATTACH, PRAGMA,
// schema changes or transactions (DESIGN.md "Rules").
int read_only_authorizer(void* /*unused*/, int action, const char* /*a*/, const char* /*b*/,
                         const char* /*db*/, const char* /*trigger*/) {
    switch (action) {
        case SQLITE_SELECT:
        case SQLITE_READ:
        case SQLITE_FUNCTION:
        case SQLITE_RECURSIVE:
            return SQLITE_OK;
        default:
            return SQLITE_DENY;
    }
}

// Live stores of schema 3 onwards differ from the current one only by added
// tables and columns, so a resumed capture keeps its folder across upgrades.
constexpr std::int64_t kOldestMigratableSchema = 3;

bool column_exists(sqlite3* db, std::string_view table, std::string_view column, bool& table_exists) {
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "PRAGMA table_info(" + std::string(table) + ")";
    bool found = false;
    table_exists = false;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK)
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            table_exists = true;
            const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
            if (name != nullptr && column == name) found = true;
        }
    sqlite3_finalize(stmt);
    return found;
}

// Adds what the current schema has and the store lacks (tables, columns),
// recreates the views, and sets the version, in one transaction. A missing
// key column cannot be added: that store is refused.
core::Status migrate_additively(sqlite3* db) {
    std::string sql = "BEGIN;";
    for (const auto& t : facts::all_tables()) {
        bool table_exists = false;
        column_exists(db, t.name, "", table_exists);
        if (!table_exists) {
            std::string cols;
            for (const auto& c : t.columns)
                cols += (cols.empty() ? "" : ", ") + std::string(c.name) + " " + std::string(facts::to_sql_type(c.type)) +
                        (c.primary_key ? " PRIMARY KEY" : "");
            sql += "CREATE TABLE " + std::string(t.name) + " (" + cols + ");";
            continue;
        }
        for (const auto& c : t.columns) {
            bool ignored = false;
            if (column_exists(db, t.name, c.name, ignored)) continue;
            if (c.primary_key)
                return core::make_diag("E127", "table " + std::string(t.name) + " lacks its key column " + std::string(c.name));
            sql += "ALTER TABLE " + std::string(t.name) + " ADD COLUMN " + std::string(c.name) + " " +
                   std::string(facts::to_sql_type(c.type)) + ";";
        }
    }
    for (const auto& v : facts::all_views())
        sql += "DROP VIEW IF EXISTS " + std::string(v.name) + "; CREATE VIEW " + std::string(v.name) + " AS " +
               std::string(v.select) + ";";
    sql += facts::index_ddl();
    sql += "PRAGMA user_version=" + std::to_string(facts::kSchemaVersion) + "; COMMIT;";
    std::string error;
    if (!exec(db, sql.c_str(), error)) {
        std::string ignored;
        exec(db, "ROLLBACK;", ignored);
        return core::make_diag("E127", error);
    }
    return core::ok_status();
}

}  // namespace

core::Result<EvidenceStore> EvidenceStore::create(const std::filesystem::path& path) {
    std::error_code ec;
    if (path != ":memory:" && std::filesystem::exists(path, ec))
        return core::make_diag("E120", path.string() + ": evidence store already exists",
                               "write each audit into a new output folder");
    auto db = std::make_unique<Db>();
    int rc = sqlite3_open_v2(path.c_str(), &db->handle,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return core::make_diag("E121", path.string() + ": cannot create the evidence store: " +
                                           errmsg(db->handle),
                               "check that the output folder is writable");
    std::string error;
    // One writer, written once: no need for a rollback journal's durability
    // during the load; the pipeline hashes the file only after close().
    if (!exec(db->handle, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", error) ||
        !exec(db->handle, facts::schema_ddl().c_str(), error) ||
        !exec(db->handle, ("PRAGMA user_version=" + std::to_string(facts::kSchemaVersion)).c_str(), error))
        return core::make_diag("E122", path.string() + ": cannot write the schema: " + error);
    register_sql_functions(db->handle);
    return EvidenceStore(std::move(db));
}

core::Result<EvidenceStore> EvidenceStore::open_existing(const std::filesystem::path& path) {
    auto db = std::make_unique<Db>();
    if (sqlite3_open_v2(path.c_str(), &db->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
        return core::make_diag("E125", path.string() + ": cannot reopen the evidence store: " + errmsg(db->handle));
    std::string error;
    if (!exec(db->handle, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", error))
        return core::make_diag("E125", path.string() + ": " + error);
    register_sql_functions(db->handle);
    return EvidenceStore(std::move(db));
}

core::Result<EvidenceStore> EvidenceStore::open_live(const std::filesystem::path& path) {
    std::error_code ec;
    bool existed = std::filesystem::exists(path, ec);
    auto db = std::make_unique<Db>();
    if (sqlite3_open_v2(path.c_str(), &db->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK)
        return core::make_diag("E126", path.string() + ": cannot open the live evidence store: " + errmsg(db->handle),
                               "check that the capture folder is writable by the capture user");
    sqlite3_busy_timeout(db->handle, 5000);  // `vcaudit status` or sqlite3 may read meanwhile
    std::string error;
    if (!exec(db->handle, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", error))
        return core::make_diag("E126", path.string() + ": " + error);
    if (existed) {
        sqlite3_stmt* stmt = nullptr;
        std::int64_t version = -1;
        if (sqlite3_prepare_v2(db->handle, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            version = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        if (version >= kOldestMigratableSchema && version < facts::kSchemaVersion) {
            if (auto st = migrate_additively(db->handle); !st)
                return core::make_diag("E127", path.string() + ": cannot bring the evidence store from schema " +
                                                   std::to_string(version) + " to " +
                                                   std::to_string(facts::kSchemaVersion) + ": " + st.error().message,
                                       "capture into a new folder");
        } else if (version != facts::kSchemaVersion) {
            return core::make_diag("E127", path.string() + ": evidence store has schema version " +
                                               std::to_string(version) + ", this vcaudit writes " +
                                               std::to_string(facts::kSchemaVersion),
                                   "capture into a new folder");
        }
    } else if (!exec(db->handle, ("BEGIN; " + facts::schema_ddl() + "; PRAGMA user_version=" +
                                  std::to_string(facts::kSchemaVersion) + "; COMMIT;")
                                     .c_str(),
                     error)) {
        return core::make_diag("E122", path.string() + ": cannot write the schema: " + error);
    }
    register_sql_functions(db->handle);
    return EvidenceStore(std::move(db));
}

core::Result<std::map<std::int64_t, std::string>> EvidenceStore::recorded_inputs() {
    if (auto st = flush(); !st) return st.error();
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_->handle, "SELECT input_id, path FROM inputs", -1, &stmt, nullptr) != SQLITE_OK)
        return core::make_diag("E123", errmsg(db_->handle));
    std::map<std::int64_t, std::string> out;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const unsigned char* t = sqlite3_column_text(stmt, 1);
        out[sqlite3_column_int64(stmt, 0)] = t != nullptr ? reinterpret_cast<const char*>(t) : "";
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return core::make_diag("E123", errmsg(db_->handle));
    return out;
}

core::Result<std::int64_t> EvidenceStore::max_flow_id() {
    if (auto st = flush(); !st) return st.error();
    std::int64_t best = 0;
    for (const auto& table : facts::all_tables()) {
        bool has = false;
        for (const auto& c : table.columns) has = has || c.name == "flow_id";
        if (!has) continue;
        std::string sql = "SELECT max(flow_id) FROM " + std::string(table.name);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_->handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            return core::make_diag("E123", errmsg(db_->handle));
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_INTEGER)
            best = std::max<std::int64_t>(best, sqlite3_column_int64(stmt, 0));
        sqlite3_finalize(stmt);
    }
    return best;
}

core::Result<std::optional<std::pair<std::int64_t, std::string>>> EvidenceStore::custody_tail() {
    if (auto st = flush(); !st) return st.error();
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_->handle, "SELECT seq, entry_hash FROM custody ORDER BY seq DESC LIMIT 1", -1, &stmt,
                           nullptr) != SQLITE_OK)
        return core::make_diag("E123", errmsg(db_->handle));
    std::optional<std::pair<std::int64_t, std::string>> out;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const unsigned char* t = sqlite3_column_text(stmt, 1);
        out = std::make_pair(sqlite3_column_int64(stmt, 0),
                             std::string(t != nullptr ? reinterpret_cast<const char*>(t) : ""));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return core::make_diag("E123", errmsg(db_->handle));
    return out;
}

core::Status EvidenceStore::update_input(std::int64_t input_id, std::int64_t frames, std::optional<double> first_ts,
                                         std::optional<double> last_ts, bool complete) {
    if (auto st = flush(); !st) return st;
    sqlite3_stmt* stmt = nullptr;
    const char* sql = "UPDATE inputs SET frames = ?, first_ts = ?, last_ts = ?, complete = ? WHERE input_id = ?";
    if (sqlite3_prepare_v2(db_->handle, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return core::make_diag("E123", errmsg(db_->handle));
    bind(stmt, 1, frames);
    bind(stmt, 2, facts::opt_real(first_ts));
    bind(stmt, 3, facts::opt_real(last_ts));
    bind(stmt, 4, std::int64_t{complete ? 1 : 0});
    bind(stmt, 5, input_id);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return core::make_diag("E123", errmsg(db_->handle));
    return core::ok_status();
}

EvidenceStore::EvidenceStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}
EvidenceStore::EvidenceStore(EvidenceStore&&) noexcept = default;
EvidenceStore& EvidenceStore::operator=(EvidenceStore&&) noexcept = default;
EvidenceStore::~EvidenceStore() {
    if (db_) (void)close();
}

void EvidenceStore::emit(std::string_view table_name, const facts::Cells& cells) {
    if (!first_error_.empty()) return;
    std::string key(table_name);
    auto it = db_->inserts.find(key);
    if (it == db_->inserts.end()) {
        const facts::TableDef* table = facts::find_table(table_name);
        if (table == nullptr || table->columns.size() != cells.size()) {
            first_error_ = "internal: row does not match table " + key;
            return;
        }
        // Tables keyed by content (certificates by hash) keep the first copy.
        bool keyed = table->columns[0].primary_key && table->columns[0].type == facts::ColumnType::Text;
        std::string sql = std::string(keyed ? "INSERT OR IGNORE INTO " : "INSERT INTO ") + key + " VALUES (";
        for (std::size_t i = 0; i < cells.size(); ++i) sql += i == 0 ? "?" : ",?";
        sql += ")";
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(db_->handle, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
            SQLITE_OK) {
            first_error_ = errmsg(db_->handle);
            return;
        }
        it = db_->inserts.emplace(key, stmt).first;
    }
    if (in_batch_ == 0) {
        std::string error;
        if (!exec(db_->handle, "BEGIN", error)) {
            first_error_ = error;
            return;
        }
    }
    sqlite3_stmt* stmt = it->second;
    for (std::size_t i = 0; i < cells.size(); ++i) bind(stmt, static_cast<int>(i + 1), cells[i]);
    if (sqlite3_step(stmt) != SQLITE_DONE) first_error_ = errmsg(db_->handle);
    sqlite3_reset(stmt);
    ++rows_;
    if (++in_batch_ >= core::limits::kStoreBatchRows) (void)flush();
}

core::Status EvidenceStore::insert_named(const std::string& table_name,
                                         const std::map<std::string, facts::Value>& row) {
    const facts::TableDef* table = facts::find_table(table_name);
    if (table == nullptr)
        return core::make_diag("E301", "unknown fact table '" + table_name + "'",
                               "see `vcaudit schema` for the table names");
    facts::Cells cells(table->columns.size());
    std::size_t used = 0;
    for (std::size_t i = 0; i < table->columns.size(); ++i) {
        auto it = row.find(std::string(table->columns[i].name));
        if (it != row.end()) {
            cells[i] = it->second;
            ++used;
        }
    }
    if (used != row.size()) {
        for (const auto& [name, _] : row) {
            bool known = false;
            for (const auto& c : table->columns) known = known || c.name == name;
            if (!known)
                return core::make_diag("E302", "unknown column '" + name + "' in table '" + table_name + "'",
                                       "see `vcaudit schema` for the column names");
        }
    }
    emit(table_name, cells);
    return core::ok_status();
}

core::Status EvidenceStore::flush() {
    if (in_batch_ > 0) {
        in_batch_ = 0;
        std::string error;
        if (!exec(db_->handle, "COMMIT", error) && first_error_.empty()) first_error_ = error;
    }
    if (!first_error_.empty())
        return core::make_diag("E123", "writing the evidence store failed: " + first_error_,
                               "check free disk space in the output folder");
    return core::ok_status();
}

core::Status EvidenceStore::close() {
    if (!db_) return core::ok_status();
    core::Status st = flush();
    db_.reset();
    return st;
}

core::Result<QueryHandle> QueryHandle::open(const std::filesystem::path& path) { return open_uri(path, true); }

core::Result<QueryHandle> QueryHandle::open_live(const std::filesystem::path& path) { return open_uri(path, false); }

core::Result<QueryHandle> QueryHandle::open_uri(const std::filesystem::path& path, bool immutable) {
    auto db = std::make_unique<Db>();
    // immutable=1: the file will not change under us, so SQLite needs no locks
    // or journal and never writes beside the evidence file. A live store is
    // read through its write-ahead log, with the usual locks.
    std::string uri = "file:";
    for (char c : std::filesystem::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#') {  // URI-reserved in SQLite file names
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            uri += buf;
        } else {
            uri += c;
        }
    }
    uri += immutable ? "?mode=ro&immutable=1" : "?mode=ro";
    int rc = sqlite3_open_v2(uri.c_str(), &db->handle,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return core::make_diag("E124", path.string() + ": cannot open the evidence store: " +
                                           errmsg(db->handle));
    if (!immutable) sqlite3_busy_timeout(db->handle, 5000);  // the capture may be committing
    sqlite3_limit(db->handle, SQLITE_LIMIT_ATTACHED, 0);
    register_sql_functions(db->handle);
    sqlite3_set_authorizer(db->handle, read_only_authorizer, nullptr);
    return QueryHandle(std::move(db));
}

QueryHandle::QueryHandle(std::unique_ptr<Db> db) : db_(std::move(db)) {}
QueryHandle::QueryHandle(QueryHandle&&) noexcept = default;
QueryHandle& QueryHandle::operator=(QueryHandle&&) noexcept = default;
QueryHandle::~QueryHandle() = default;

namespace {

struct Stmt {
    sqlite3_stmt* s = nullptr;
    ~Stmt() { sqlite3_finalize(s); }
};

core::Status prepare(sqlite3* db, const std::string& sql, Stmt& out) {
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &out.s, &tail) != SQLITE_OK)
        return core::make_diag("E303", errmsg(db));
    if (out.s == nullptr) return core::make_diag("E304", "the query is empty");
    for (; tail != nullptr && *tail != '\0'; ++tail) {
        if (*tail != ' ' && *tail != '\n' && *tail != '\t' && *tail != '\r' && *tail != ';')
            return core::make_diag("E305", "only one SQL statement is allowed");
    }
    return core::ok_status();
}

}  // namespace

core::Result<std::vector<std::string>> QueryHandle::check(const std::string& sql) const {
    Stmt stmt;
    if (auto st = prepare(db_->handle, sql, stmt); !st) return st.error();
    if (!sqlite3_stmt_readonly(stmt.s)) return core::make_diag("E306", "the query would write");
    std::vector<std::string> cols;
    for (int i = 0; i < sqlite3_column_count(stmt.s); ++i) cols.emplace_back(sqlite3_column_name(stmt.s, i));
    return cols;
}

core::Result<std::vector<std::string>> QueryHandle::parameters(const std::string& sql) const {
    Stmt stmt;
    if (auto st = prepare(db_->handle, sql, stmt); !st) return st.error();
    std::vector<std::string> names;
    for (int i = 1; i <= sqlite3_bind_parameter_count(stmt.s); ++i) {
        const char* n = sqlite3_bind_parameter_name(stmt.s, i);
        if (n == nullptr || (n[0] != ':' && n[0] != '$' && n[0] != '@'))
            return core::make_diag("E307", "use named parameters (:name), not '?'");
        names.emplace_back(n + 1);
    }
    return names;
}

core::Result<QueryResult> QueryHandle::run(const std::string& sql, const Params& params) const {
    Stmt stmt;
    if (auto st = prepare(db_->handle, sql, stmt); !st) return st.error();
    for (int i = 1; i <= sqlite3_bind_parameter_count(stmt.s); ++i) {
        const char* n = sqlite3_bind_parameter_name(stmt.s, i);
        if (n == nullptr) return core::make_diag("E307", "use named parameters (:name), not '?'");
        auto it = params.find(n + 1);
        if (it == params.end())
            return core::make_diag("E308", std::string("no value for parameter ") + n,
                                   "declare it under the rule's inputs");
        bind(stmt.s, i, it->second);
    }
    QueryResult out;
    int ncol = sqlite3_column_count(stmt.s);
    for (int i = 0; i < ncol; ++i) out.columns.emplace_back(sqlite3_column_name(stmt.s, i));
    for (;;) {
        int rc = sqlite3_step(stmt.s);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return core::make_diag("E309", errmsg(db_->handle));
        std::vector<facts::Value> row;
        row.reserve(static_cast<std::size_t>(ncol));
        for (int i = 0; i < ncol; ++i) row.push_back(column_value(stmt.s, i));
        out.rows.push_back(std::move(row));
    }
    return out;
}

std::int64_t QueryHandle::count(const std::string& table) const {
    if (!facts::is_fact_relation(table)) return 0;
    auto r = run("SELECT count(*) FROM " + table);
    if (!r || r->rows.empty()) return 0;
    const auto* n = std::get_if<std::int64_t>(&r->rows[0][0]);
    return n != nullptr ? *n : 0;
}

std::string to_text(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6f", *d);
        return buf;
    }
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return "";
}

}  // namespace vca::store
