// SQL functions the rule packs may call, registered on every connection.
#pragma once

struct sqlite3;

namespace vca::store {

// ip_in_cidrs(ip TEXT, cidrs TEXT) → 1 if ip is inside any of the comma- or
// space-separated CIDRs, 0 if not, NULL if ip is NULL.
// in_list(value, list TEXT) → 1 if value (text or number) is one of the comma-
// or space-separated items of list, ignoring ASCII case; NULL if value is NULL.
void register_sql_functions(sqlite3* db);

}  // namespace vca::store
