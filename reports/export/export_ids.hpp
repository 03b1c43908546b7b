// Deterministic identifiers and times for the exports: the same model and
// binding always give the same UUIDs and timestamps, never a clock or RNG.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reports/export/export_binding.hpp"

namespace vca::report {

// RFC 4122 layout with version 5 and variant bits set, taken from the first 16
// bytes of SHA-256("vcaudit-export/1\n" + scope + "\n" + key). Falls back to a
// non-cryptographic digest only when the binding carries no hash function.
std::string export_uuid(const ExportBinding& binding, std::string_view scope, std::string_view key);

// "YYYY-MM-DDTHH:MM:SS[.fff]Z" (the model's run times) → Unix milliseconds.
std::optional<std::int64_t> iso_utc_to_epoch_ms(std::string_view iso);

}  // namespace vca::report
