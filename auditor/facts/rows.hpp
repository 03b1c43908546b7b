// Typed fact rows. Each row names its table and lists its cells in the
// schema's column order (schema.cpp); facts_test checks the two agree.
#pragma once

#include <array>
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

struct ContentMatchRow {
    static constexpr std::string_view kTable = "content_matches";
    std::string rule, ns, tags;
    std::optional<std::int64_t> flow_id, input_id, offset;
    std::string scope;
    std::optional<std::string> direction;
    std::optional<double> ts;
    std::optional<std::string> object_sha256, object_name;
    std::optional<std::int64_t> object_size;
    [[nodiscard]] Cells cells() const {
        return {rule, ns, tags, opt_int(flow_id), opt_int(input_id), opt_int(offset), scope, opt_text(direction),
                opt_real(ts), opt_text(object_sha256), opt_text(object_name), opt_int(object_size)};
    }
};

struct ContentObjectRow {
    static constexpr std::string_view kTable = "content_objects";
    std::string object_sha256, scope;
    std::optional<std::int64_t> flow_id, input_id;
    std::optional<std::string> direction;
    std::optional<double> ts;
    std::string name;
    std::optional<std::string> content_type;
    std::int64_t size = 0;
    bool complete = true;
    std::optional<std::string> carved_path;
    std::optional<std::int64_t> frame;
    [[nodiscard]] Cells cells() const {
        return {object_sha256, scope, opt_int(flow_id), opt_int(input_id), opt_text(direction), opt_real(ts), name,
                opt_text(content_type), size, std::int64_t{complete ? 1 : 0}, opt_text(carved_path), opt_int(frame)};
    }
};

struct CustodyRow {
    static constexpr std::string_view kTable = "custody";
    std::int64_t seq = 0;
    std::string ts, action, actor, subject;
    std::optional<std::string> sha256;
    std::string detail, prev_hash, entry_hash;
    [[nodiscard]] Cells cells() const {
        return {seq, ts, action, actor, subject, opt_text(sha256), detail, prev_hash, entry_hash};
    }
};

struct CaptureSessionRow {
    static constexpr std::string_view kTable = "capture_sessions";
    std::string session_id, host, iface, filter, started_by, run_as;
    double started = 0;
    std::optional<double> ended;
    bool clean_stop = false;
    std::optional<std::int64_t> packets_received, dropped_kernel, dropped_iface;
    std::int64_t files_written = 0;
    std::optional<bool> ntp_synchronised;
    std::string clock_source;
    [[nodiscard]] Cells cells() const {
        return {session_id, host, iface, filter, started_by, run_as, started, opt_real(ended),
                std::int64_t{clean_stop ? 1 : 0}, opt_int(packets_received), opt_int(dropped_kernel),
                opt_int(dropped_iface), files_written, opt_bool(ntp_synchronised), clock_source};
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
    std::optional<std::string> srtp_profile, client_cipher_suites;
    std::optional<std::string> resumed;
    std::optional<std::int64_t> client_offered_resumption;
    std::optional<std::string> server_alpn, app_guess, app_basis;
    [[nodiscard]] Cells cells() const {
        return {flow_id, std::int64_t{dtls ? 1 : 0}, opt_text(version), opt_text(cipher),
                opt_text(sni), opt_text(alpn), opt_text(ja3), opt_text(ja4),
                opt_text(cert_sha256), opt_text(client_versions), opt_int(cipher_id),
                opt_int(client_ciphers), opt_real(ts), server_port, opt_text(srtp_profile),
                opt_text(client_cipher_suites), opt_text(resumed), opt_int(client_offered_resumption),
                opt_text(server_alpn), opt_text(app_guess), opt_text(app_basis)};
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

struct CredentialRow {
    static constexpr std::string_view kTable = "credentials";
    std::int64_t flow_id = 0;
    double ts = 0;
    std::string protocol, username, secret_kind, secret_redacted;
    std::optional<bool> weak;
    std::string outcome, mechanism, client_ip, server_ip;
    std::int64_t server_port = 0;
    bool cleartext = false;
    std::optional<std::string> secret_hmac, realm, algorithm, qop;
    std::optional<bool> nonce_reused;
    std::optional<std::string> weak_source, target;
    std::int64_t frame = 0;
    [[nodiscard]] Cells cells() const {
        return {flow_id, ts, protocol, username, secret_kind, secret_redacted, opt_bool(weak), outcome, mechanism,
                client_ip, server_ip, server_port, std::int64_t{cleartext ? 1 : 0}, opt_text(secret_hmac),
                opt_text(realm), opt_text(algorithm), opt_text(qop), opt_bool(nonce_reused), opt_text(weak_source),
                opt_text(target), frame};
    }
};

struct DeviceRow {
    static constexpr std::string_view kTable = "devices";
    std::string device_id;
    std::int64_t input_id = 0;
    std::optional<std::string> vendor, product, model, firmware, mgmt_address;
    std::string role, format;
    [[nodiscard]] Cells cells() const {
        return {device_id, input_id, opt_text(vendor), opt_text(product), opt_text(model), opt_text(firmware),
                opt_text(mgmt_address), role, format};
    }
};

struct SiteDeviceRow {
    static constexpr std::string_view kTable = "site_devices";
    std::string name, address, vendor, model, role, min_firmware;
    std::int64_t configs = 0;
    [[nodiscard]] Cells cells() const { return {name, address, vendor, model, role, min_firmware, configs}; }
};

struct DeviceSettingRow {
    static constexpr std::string_view kTable = "device_settings";
    std::string device_id;
    std::int64_t input_id = 0;
    std::optional<std::string> key;
    std::string value, raw_key;
    std::int64_t line = 0;
    std::string source = "file";
    bool placeholder = false, secret = false;
    std::optional<bool> weak;
    std::optional<std::string> secret_hmac;
    [[nodiscard]] Cells cells() const {
        return {device_id, input_id, opt_text(key), value, raw_key, line, source,
                std::int64_t{placeholder ? 1 : 0}, std::int64_t{secret ? 1 : 0}, opt_bool(weak),
                opt_text(secret_hmac)};
    }
};

struct RtpStreamRow {
    static constexpr std::string_view kTable = "rtp_streams";
    // Core columns (DESIGN.md "Facts").
    std::int64_t flow_id = 0;
    std::int64_t ssrc = 0;
    std::int64_t payload_type = 0;  // the type most packets carried
    std::int64_t packets = 0;
    std::int64_t bytes = 0;         // UDP payload octets: RTP header, payload, padding, SRTP tag
    double first_ts = 0, last_ts = 0;
    std::optional<bool> encrypted;
    std::string basis;              // payload, sdp_profile, dtls_srtp, insufficient_data, ambiguous
    // Proposed columns.
    std::int64_t direction = 0;     // 0: from the flow's initiator, 1: towards it
    std::string src_ip;
    std::int64_t src_port = 0;
    std::string dst_ip;
    std::int64_t dst_port = 0;
    std::string payload_types;      // every type seen, ascending, comma-separated ("8,13")
    std::optional<std::string> codec;        // RFC 3551 name of a static payload_type
    std::optional<std::int64_t> clock_rate;  // Hz: static type, or told by the signalling
    std::int64_t lost = 0;          // RFC 3550 A.3 expected - received (negative with duplicates)
    std::int64_t seq_cycles = 0;    // wraps of the 16-bit sequence number
    std::optional<double> jitter_ms, max_jitter_ms;  // RFC 3550 A.8 at the end / highest; NULL without a clock rate
    std::int64_t rtcp_packets = 0;  // RTCP compounds whose sender SSRC is this stream's
    std::optional<std::int64_t> srtp_auth_tag_bytes;  // payload length beyond the timestamp step (G.711/G.722 only)
    std::optional<double> entropy_bits;   // Shannon entropy of the sampled payload octets, bits per octet
    std::optional<double> payload_chi2;   // chi-square of the sampled octets against uniform (255 df)
    std::int64_t sampled_bytes = 0;       // payload octets in the sample
    std::optional<std::string> signalled; // sdp_rtp, sdp_srtp, dtls_srtp: what the signalling said; NULL if nothing
    std::int64_t first_frame = 0;

    [[nodiscard]] Cells cells() const {
        return {flow_id, ssrc, payload_type, packets, bytes, first_ts, last_ts, opt_bool(encrypted), basis,
                direction, src_ip, src_port, dst_ip, dst_port, payload_types, opt_text(codec),
                opt_int(clock_rate), lost, seq_cycles, opt_real(jitter_ms), opt_real(max_jitter_ms), rtcp_packets,
                opt_int(srtp_auth_tag_bytes), opt_real(entropy_bits), opt_real(payload_chi2), sampled_bytes,
                opt_text(signalled), first_frame};
    }
};

// One H.225.0 message: call signalling (Q.931 on TCP 1720) or RAS (UDP 1719).
struct H323MessageRow {
    static constexpr std::string_view kTable = "h323_messages";
    // Column names in cells() order, for the schema and for tests.
    static constexpr std::array<std::string_view, 28> kColumns = {
        "flow_id", "ts", "frame", "transport", "src_ip", "dst_ip", "protocol", "message", "h225_body",
        "h225_version", "protocol_id", "call_reference", "call_reference_flag", "request_seq_num", "call_id",
        "conference_id", "tokens", "crypto_tokens", "h235", "h245_tunnelling", "fast_start", "has_h245_address",
        "h245_address", "cause", "display", "calling_number", "called_number", "undecoded"};
    std::int64_t flow_id = 0;
    double ts = 0;
    std::int64_t frame = 0;
    std::string transport, src_ip, dst_ip, protocol, message;
    std::optional<std::string> h225_body;
    std::optional<std::int64_t> h225_version;
    std::optional<std::string> protocol_id;
    std::optional<std::int64_t> call_reference;
    std::optional<bool> call_reference_flag;
    std::optional<std::int64_t> request_seq_num;
    std::optional<std::string> call_id, conference_id;
    std::optional<bool> tokens, crypto_tokens, h235, h245_tunnelling, fast_start, has_h245_address;
    std::optional<std::string> h245_address;
    std::optional<std::int64_t> cause;
    std::optional<std::string> display, calling_number, called_number, undecoded;
    [[nodiscard]] Cells cells() const {
        return {flow_id, ts, frame, transport, src_ip, dst_ip, protocol, message, opt_text(h225_body),
                opt_int(h225_version), opt_text(protocol_id), opt_int(call_reference),
                opt_bool(call_reference_flag), opt_int(request_seq_num), opt_text(call_id),
                opt_text(conference_id), opt_bool(tokens), opt_bool(crypto_tokens), opt_bool(h235),
                opt_bool(h245_tunnelling), opt_bool(fast_start), opt_bool(has_h245_address),
                opt_text(h245_address), opt_int(cause), opt_text(display), opt_text(calling_number),
                opt_text(called_number), opt_text(undecoded)};
    }
};

// One H.245 control message: on the separate H.245 connection, tunnelled in
// H.225.0 (h245Control) or a fastStart OpenLogicalChannel. Logical channel
// messages say what media a channel carries and whether H.235 protects it.
struct H245MessageRow {
    static constexpr std::string_view kTable = "h245_messages";
    static constexpr std::array<std::string_view, 23> kColumns = {
        "flow_id", "ts", "frame", "carrier", "src_ip", "dst_ip", "call_id", "kind", "message", "channel",
        "data_type", "media", "codec", "encrypted", "encryption_algorithms", "bidirectional", "session_id",
        "media_addr", "media_port", "control_addr", "control_port", "encryption_sync", "undecoded"};
    std::int64_t flow_id = 0;
    double ts = 0;
    std::int64_t frame = 0;
    std::string carrier, src_ip, dst_ip;
    std::optional<std::string> call_id;
    std::string kind, message;
    std::optional<std::int64_t> channel;
    std::optional<std::string> data_type, media, codec;
    std::optional<bool> encrypted;
    std::optional<std::string> encryption_algorithms;
    std::optional<bool> bidirectional;
    std::optional<std::int64_t> session_id;
    std::optional<std::string> media_addr;
    std::optional<std::int64_t> media_port;
    std::optional<std::string> control_addr;
    std::optional<std::int64_t> control_port;
    std::optional<bool> encryption_sync;
    std::optional<std::string> undecoded;
    [[nodiscard]] Cells cells() const {
        return {flow_id, ts, frame, carrier, src_ip, dst_ip, opt_text(call_id), kind, message, opt_int(channel),
                opt_text(data_type), opt_text(media), opt_text(codec), opt_bool(encrypted),
                opt_text(encryption_algorithms), opt_bool(bidirectional), opt_int(session_id), opt_text(media_addr),
                opt_int(media_port), opt_text(control_addr), opt_int(control_port), opt_bool(encryption_sync),
                opt_text(undecoded)};
    }
};

// One RTSP request or response (cameras, recorders: RFC 2326, RFC 7826).
// URIs are kept with their userinfo and secret query values redacted.
struct RtspMessageRow {
    static constexpr std::string_view kTable = "rtsp_messages";
    static constexpr std::array<std::string_view, 23> kColumns = {
        "flow_id", "ts", "frame", "src_ip", "dst_ip", "version", "method", "status_code", "uri", "cseq",
        "session", "transport_profile", "transport_mode", "interleaved", "interleaved_channels", "client_port",
        "server_port", "media_mode", "auth_scheme", "user_agent", "content_type", "content_base", "has_sdp"};
    std::int64_t flow_id = 0;
    double ts = 0;
    std::int64_t frame = 0;
    std::string src_ip, dst_ip, version;
    std::optional<std::string> method;
    std::optional<std::int64_t> status_code;
    std::optional<std::string> uri;
    std::optional<std::int64_t> cseq;
    std::optional<std::string> session, transport_profile, transport_mode;
    std::optional<bool> interleaved;
    std::optional<std::string> interleaved_channels;
    std::optional<std::int64_t> client_port, server_port;
    std::optional<std::string> media_mode, auth_scheme, user_agent, content_type, content_base;
    bool has_sdp = false;
    [[nodiscard]] Cells cells() const {
        return {flow_id, ts, frame, src_ip, dst_ip, version, opt_text(method), opt_int(status_code), opt_text(uri),
                opt_int(cseq), opt_text(session), opt_text(transport_profile), opt_text(transport_mode),
                opt_bool(interleaved), opt_text(interleaved_channels), opt_int(client_port), opt_int(server_port),
                opt_text(media_mode), opt_text(auth_scheme), opt_text(user_agent), opt_text(content_type),
                opt_text(content_base), std::int64_t{has_sdp ? 1 : 0}};
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
