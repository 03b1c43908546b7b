#include "auditor/store/sql_functions.hpp"

#include <sqlite3.h>

#include <string_view>
#include <vector>

#include "auditor/core/net_address.hpp"
#include "auditor/core/version_compare.hpp"

namespace vca::store {
namespace {

std::string_view text_arg(sqlite3_value* v) {
    const unsigned char* t = sqlite3_value_text(v);
    if (t == nullptr) return {};
    return {reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

// The CIDR list is a rule input, the same for every row: SQLite keeps the
// parsed list with the statement (auxdata) while that argument stays constant.
void ip_in_cidrs(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    using Nets = std::vector<core::Cidr>;
    const auto* nets = static_cast<const Nets*>(sqlite3_get_auxdata(ctx, 1));
    Nets parsed;
    if (nets == nullptr) {
        parsed = core::parse_cidr_list(text_arg(argv[1]));
        // SQLite may free the copy at once (a non-constant argument): use our own.
        sqlite3_set_auxdata(ctx, 1, new Nets(parsed), [](void* p) { delete static_cast<Nets*>(p); });
        nets = &parsed;
    }
    sqlite3_result_int(ctx, core::ip_in_cidrs(text_arg(argv[0]), *nets) ? 1 : 0);
}

// Lists in rule inputs are "a, b,c": separators are commas and spaces, and
// comparison ignores ASCII case ("TCP/23" matches "tcp/23").
bool list_contains(std::string_view list, std::string_view value) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find_first_of(", ", start);
        if (end == std::string_view::npos) end = list.size();
        std::string_view item = list.substr(start, end - start);
        if (!item.empty() && item.size() == value.size()) {
            bool same = true;
            for (std::size_t i = 0; i < item.size() && same; ++i) same = lower(item[i]) == lower(value[i]);
            if (same) return true;
        }
        start = end + 1;
    }
    return false;
}

void in_list(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int(ctx, list_contains(text_arg(argv[1]), text_arg(argv[0])) ? 1 : 0);
}

// version_cmp(a, b): -1, 0 or 1, comparing version strings numerically by
// segment (core/version_compare.hpp); NULL when either is NULL.
void version_cmp(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int(ctx, core::compare_versions(text_arg(argv[0]), text_arg(argv[1])));
}

}  // namespace

void register_sql_functions(sqlite3* db) {
    sqlite3_create_function_v2(db, "in_list", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, in_list, nullptr,
                               nullptr, nullptr);
    sqlite3_create_function_v2(db, "ip_in_cidrs", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                               ip_in_cidrs, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "version_cmp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                               version_cmp, nullptr, nullptr, nullptr);
}

}  // namespace vca::store
