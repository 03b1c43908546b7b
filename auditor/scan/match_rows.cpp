#include "auditor/scan/match_rows.hpp"

namespace vca::scan {

facts::ContentMatchRow content_match_row(const Match& match, const ObjectContext& object) {
    facts::ContentMatchRow row;
    row.rule = match.rule;
    row.ns = match.ns;
    row.tags = match.tags;
    row.flow_id = object.flow_id;
    row.input_id = object.input_id;
    row.offset = static_cast<std::int64_t>(match.offset);
    row.scope = object.scope;
    row.direction = object.direction;
    row.ts = object.ts;
    row.object_sha256 = object.object_sha256;
    row.object_name = object.object_name;
    row.object_size = object.object_size;
    return row;
}

std::vector<facts::ContentMatchRow> content_match_rows(const ScanOutcome& outcome, const ObjectContext& object) {
    std::vector<facts::ContentMatchRow> rows;
    rows.reserve(outcome.matches.size());
    for (const auto& m : outcome.matches) rows.push_back(content_match_row(m, object));
    return rows;
}

ObjectContext file_object(const FileScanResult& file, std::optional<std::int64_t> input_id) {
    ObjectContext o;
    o.scope = "file";
    o.input_id = input_id;
    o.ts = file.mtime;
    o.object_sha256 = file.sha256;
    o.object_name = file.relative_path;
    o.object_size = static_cast<std::int64_t>(file.scanned_bytes);
    return o;
}

std::optional<facts::AnomalyRow> scan_anomaly(const ScanOutcome& outcome, const ObjectContext& object,
                                              std::int64_t input_id) {
    std::string name;
    std::string why;
    switch (outcome.status) {
        case ScanStatus::ok: return std::nullopt;
        case ScanStatus::timeout:
            name = "yara_scan_timeout";
            why = "scan stopped by the timeout; matches may be missing";
            break;
        case ScanStatus::too_large_truncated:
            name = "yara_scan_truncated";
            why = "only the start of the object was scanned";
            break;
        case ScanStatus::error:
            name = "yara_scan_error";
            why = outcome.error.empty() ? "libyara failed" : outcome.error;
            break;
    }
    facts::AnomalyRow row;
    row.input_id = input_id;
    row.flow_id = object.flow_id;
    row.ts = object.ts;
    row.name = name;
    row.detail = object.scope + (object.object_name ? " " + *object.object_name : std::string()) + ": " + why;
    return row;
}

facts::AnomalyRow tree_note_anomaly(const TreeNote& note, std::int64_t input_id) {
    facts::AnomalyRow row;
    row.input_id = input_id;
    row.name = note.name;
    row.detail = (note.relative_path.empty() ? std::string(".") : note.relative_path) + ": " + note.detail;
    return row;
}

}  // namespace vca::scan
