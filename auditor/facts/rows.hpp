// Typed fact rows. Each row names its table and lists its cells in the
// schema's column order (schema.cpp); facts_test checks the two agree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/facts/value.hpp"

namespace vca::facts {

using Cells = std::vector<Value>;

struct InputRow {
    static constexpr std::string_view kTable = "inputs";
    std::int64_t input_id = 0;
    std::string path, kind, sha256;
    std::int64_t size = 0;
    std::optional<std::string> format, linktype;
    std::optional<std::int64_t> frames;
    std::optional<double> first_ts, last_ts;
    std::optional<bool> complete;
    [[nodiscard]] Cells cells() const {
        return {input_id, path, kind, sha256, size, opt_text(format), opt_text(linktype),
                opt_int(frames), opt_real(first_ts), opt_real(last_ts), opt_bool(complete)};
    }
};

struct AnomalyRow {
    static constexpr std::string_view kTable = "anomalies";
    std::int64_t input_id = 0;
    std::optional<std::int64_t> flow_id;
    std::optional<double> ts;
    std::string name, detail;
    std::optional<std::int64_t> frame;
    std::int64_t count = 1;
    [[nodiscard]] Cells cells() const {
        return {input_id, opt_int(flow_id), opt_real(ts), name, detail, opt_int(frame), count};
    }
};

struct FlowRow {
    static constexpr std::string_view kTable = "flows";
    std::int64_t flow_id = 0, input_id = 0;
    std::string transport, src_ip;
    std::int64_t src_port = 0;
    std::string dst_ip;
    std::int64_t dst_port = 0;
    double first_ts = 0, last_ts = 0;
    std::int64_t packets = 0, bytes = 0;
    std::optional<std::string> app;
    std::int64_t src_packets = 0, dst_packets = 0, first_frame = 0;
    [[nodiscard]] Cells cells() const {
        return {flow_id, input_id, transport, src_ip, src_port, dst_ip, dst_port, first_ts,
                last_ts, packets, bytes, opt_text(app), src_packets, dst_packets, first_frame};
    }
};

struct TlsSessionRow {
    static constexpr std::string_view kTable = "tls_sessions";
    std::int64_t flow_id = 0;
    bool dtls = false;
    std::optional<std::string> version, cipher, sni, alpn, ja3, ja4, cert_sha256, client_versions;
    std::optional<std::int64_t> cipher_id, client_ciphers;
    std::optional<double> ts;
    std::int64_t server_port = 0;
    std::optional<std::string> srtp_profile;
    [[nodiscard]] Cells cells() const {
        return {flow_id, std::int64_t{dtls ? 1 : 0}, opt_text(version), opt_text(cipher),
                opt_text(sni), opt_text(alpn), opt_text(ja3), opt_text(ja4),
                opt_text(cert_sha256), opt_text(client_versions), opt_int(cipher_id),
                opt_int(client_ciphers), opt_real(ts), server_port, opt_text(srtp_profile)};
    }
};

struct SipMessageRow {
    static constexpr std::string_view kTable = "sip_messages";
    std::int64_t flow_id = 0;
    double ts = 0;
    std::string transport;
    std::optional<std::string> method;
    std::optional<std::int64_t> status_code;
    std::optional<std::string> call_id, from_uri, to_uri, user_agent, cseq;
    std::string src_ip, dst_ip;
    bool has_sdp = false;
    std::int64_t frame = 0;
    [[nodiscard]] Cells cells() const {
        return {flow_id, ts, transport, opt_text(method), opt_int(status_code),
                opt_text(call_id), opt_text(from_uri), opt_text(to_uri), opt_text(user_agent),
                opt_text(cseq), src_ip, dst_ip, std::int64_t{has_sdp ? 1 : 0}, frame};
    }
};

struct SdpMediaRow {
    static constexpr std::string_view kTable = "sdp_media";
    std::int64_t flow_id = 0;
    std::optional<std::string> call_id;
    std::string media;
    std::optional<std::string> addr;
    std::int64_t port = 0;
    std::string proto;
    std::optional<std::string> crypto_suite;
    std::optional<bool> key_in_clear;
    std::optional<std::string> fingerprint;
    double ts = 0;
    std::optional<std::string> sip_method;
    std::optional<std::int64_t> sip_status;
    std::int64_t frame = 0;
    [[nodiscard]] Cells cells() const {
        return {flow_id, opt_text(call_id), media, opt_text(addr), port, proto,
                opt_text(crypto_suite), opt_bool(key_in_clear), opt_text(fingerprint), ts,
                opt_text(sip_method), opt_int(sip_status), frame};
    }
};

struct AttestationRow {
    static constexpr std::string_view kTable = "attestations";
    std::int64_t input_id = 0;
    std::string question_id, answer;
    std::optional<std::string> date, evidence_path, evidence_sha256, note;
    [[nodiscard]] Cells cells() const {
        return {input_id, question_id, answer, opt_text(date), opt_text(evidence_path), opt_text(evidence_sha256),
                opt_text(note)};
    }
};

struct FindingRow {
    static constexpr std::string_view kTable = "findings";
    std::string rule_id, status, severity, subject, detail, evidence;
    [[nodiscard]] Cells cells() const {
        return {rule_id, status, severity, subject, detail, evidence};
    }
};

struct AssessmentRow {
    static constexpr std::string_view kTable = "assessments";
    std::string rule_id, status, clause;
    std::int64_t violations = 0;
    std::string reason;
    [[nodiscard]] Cells cells() const { return {rule_id, status, clause, violations, reason}; }
};

struct HeadingRow {
    static constexpr std::string_view kTable = "headings";
    std::string heading_id;
    std::int64_t level = 0;
    std::string clause, current_ref, status, assessed_by;
    [[nodiscard]] Cells cells() const { return {heading_id, level, clause, current_ref, status, assessed_by}; }
};

struct RunRow {
    static constexpr std::string_view kTable = "runs";
    std::int64_t run_id = 1;
    double started = 0;
    std::string tool_version;
    std::int64_t schema_version = 0;
    std::string site;
    std::int64_t level = 0;
    std::string regime;
    [[nodiscard]] Cells cells() const {
        return {run_id, started, tool_version, schema_version, site, level, regime};
    }
};

}  // namespace vca::facts
