// The evidence schema, defined once. DDL (store), `vcaudit schema`, the rule
// loader's SQL check and the rule-case loader are all derived from this table.
// The core names listed in DESIGN.md are a public contract: add tables and
// columns freely, never rename them or change their meaning.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace vca::facts {

inline constexpr int kSchemaVersion = 5;

enum class ColumnType { Integer, Real, Text };

struct ColumnDef {
    std::string_view name;
    ColumnType type;
    std::string_view doc;
    bool primary_key = false;
};

struct TableDef {
    std::string_view name;
    std::string_view doc;
    std::span<const ColumnDef> columns;
};

// A view derived from the tables (e.g. calls from sip_messages): queryable by
// rules like a table, never written.
struct ViewDef {
    std::string_view name;
    std::string_view doc;
    std::string_view select;  // the SELECT that defines it
    std::string_view columns_doc;
};

// Every table, in creation order.
std::span<const TableDef> all_tables();

std::span<const ViewDef> all_views();

// True for a table or a view of the schema.
bool is_fact_relation(std::string_view name);

// nullptr when no such table.
const TableDef* find_table(std::string_view name);

// CREATE TABLE / CREATE INDEX statements for the whole schema.
std::string schema_ddl();

// CREATE INDEX IF NOT EXISTS statements (part of schema_ddl; a store
// upgraded in place gains them too).
std::string index_ddl();

// Human-readable listing of every table and column with its meaning.
std::string schema_text();

std::string_view to_sql_type(ColumnType t);

}  // namespace vca::facts
