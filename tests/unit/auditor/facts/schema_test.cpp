#include <gtest/gtest.h>

#include "auditor/facts/rows.hpp"
#include "auditor/facts/schema.hpp"

namespace vca::facts {
namespace {

template <typename Row>
void expect_row_matches_schema() {
    const TableDef* t = find_table(Row::kTable);
    ASSERT_NE(t, nullptr) << Row::kTable;
    EXPECT_EQ(Row{}.cells().size(), t->columns.size()) << Row::kTable;
}

TEST(Schema, EveryRowTypeMatchesItsTable) {
    expect_row_matches_schema<InputRow>();
    expect_row_matches_schema<AnomalyRow>();
    expect_row_matches_schema<FlowRow>();
    expect_row_matches_schema<TlsSessionRow>();
    expect_row_matches_schema<SipMessageRow>();
    expect_row_matches_schema<SdpMediaRow>();
    expect_row_matches_schema<FindingRow>();
    expect_row_matches_schema<AssessmentRow>();
    expect_row_matches_schema<RunRow>();
    expect_row_matches_schema<AttestationRow>();
    expect_row_matches_schema<HeadingRow>();
    expect_row_matches_schema<CredentialRow>();
    expect_row_matches_schema<DeviceRow>();
    expect_row_matches_schema<DeviceSettingRow>();
    expect_row_matches_schema<SiteDeviceRow>();
    expect_row_matches_schema<RtpStreamRow>();
    expect_row_matches_schema<H323MessageRow>();
    expect_row_matches_schema<H245MessageRow>();
    expect_row_matches_schema<RtspMessageRow>();
    expect_row_matches_schema<ContentMatchRow>();
    expect_row_matches_schema<CustodyRow>();
    expect_row_matches_schema<ContentObjectRow>();
}

// The DESIGN.md contract: these names must never disappear.
TEST(Schema, CoreContractColumnsExist) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> contract = {
        {"inputs", {"input_id", "path", "kind", "sha256", "size"}},
        {"anomalies", {"input_id", "flow_id", "ts", "name", "detail"}},
        {"flows", {"flow_id", "transport", "src_ip", "src_port", "dst_ip", "dst_port", "first_ts",
                   "last_ts", "packets", "bytes", "app"}},
        {"tls_sessions", {"flow_id", "dtls", "version", "cipher", "sni", "alpn", "ja3", "ja4",
                          "cert_sha256"}},
        {"certificates", {"cert_sha256", "subject", "issuer", "not_before", "not_after",
                          "key_type", "key_bits", "sig_alg", "self_signed"}},
        {"sip_messages", {"flow_id", "ts", "transport", "method", "status_code", "call_id",
                          "from_uri", "to_uri", "user_agent"}},
        {"sdp_media", {"flow_id", "call_id", "media", "addr", "port", "proto", "crypto_suite",
                       "key_in_clear", "fingerprint"}},
        {"rtp_streams", {"flow_id", "ssrc", "payload_type", "packets", "bytes", "first_ts",
                         "last_ts", "encrypted", "basis"}},
        {"credentials", {"flow_id", "ts", "protocol", "username", "secret_kind",
                         "secret_redacted", "weak", "outcome"}},
        {"device_settings", {"device_id", "input_id", "key", "value", "raw_key", "line", "weak"}},
        {"devices", {"device_id", "input_id", "vendor", "model", "firmware", "role"}},
        {"content_matches", {"rule", "namespace", "tags", "flow_id", "input_id", "offset"}},
        {"findings", {"rule_id", "status", "severity", "subject", "detail", "evidence"}},
    };
    for (const auto& [table, columns] : contract) {
        const TableDef* t = find_table(table);
        ASSERT_NE(t, nullptr) << table;
        for (const auto& col : columns) {
            bool found = false;
            for (const auto& c : t->columns) found = found || c.name == col;
            EXPECT_TRUE(found) << table << "." << col;
        }
    }
}

TEST(Schema, DdlMentionsEveryTable) {
    std::string ddl = schema_ddl();
    for (const auto& t : all_tables())
        EXPECT_NE(ddl.find("CREATE TABLE " + std::string(t.name) + " ("), std::string::npos);
}

}  // namespace
}  // namespace vca::facts
