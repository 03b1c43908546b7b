// Turns scan results into fact rows: one content_matches row per matching
// rule, and an anomalies row for a scan or a file-tree walk that fell short.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auditor/facts/rows.hpp"
#include "auditor/scan/file_tree_scan.hpp"
#include "auditor/scan/scanner.hpp"

namespace vca::scan {

// What was scanned, as content_matches describes it.
struct ObjectContext {
    std::string scope;  // tcp_stream, udp_payload, http_body, ftp_file, sip_body, file
    std::optional<std::int64_t> flow_id, input_id;
    std::optional<std::string> direction;  // to_server / to_client (traffic); none for files
    std::optional<double> ts;              // first byte's capture time, or the file's mtime
    std::optional<std::string> object_sha256, object_name;
    std::optional<std::int64_t> object_size;  // bytes scanned
};

facts::ContentMatchRow content_match_row(const Match& match, const ObjectContext& object);
std::vector<facts::ContentMatchRow> content_match_rows(const ScanOutcome& outcome, const ObjectContext& object);

// The context of one file of a tree scan (scope "file").
ObjectContext file_object(const FileScanResult& file, std::optional<std::int64_t> input_id);

// Anomaly for a scan that did not finish (yara_scan_timeout,
// yara_scan_truncated, yara_scan_error); none when the status is ok.
std::optional<facts::AnomalyRow> scan_anomaly(const ScanOutcome& outcome, const ObjectContext& object,
                                              std::int64_t input_id);

// Anomaly for a note of the tree walk (name kept, detail "<path>: <detail>").
facts::AnomalyRow tree_note_anomaly(const TreeNote& note, std::int64_t input_id);

}  // namespace vca::scan
