#include "auditor/investigate/timeline.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "auditor/investigate/fact_values.hpp"
#include "auditor/investigate/wording.hpp"
#include "reports/model/meeting_stats.hpp"

namespace vca::investigate {
namespace {

using Row = std::vector<facts::Value>;

struct Ctx {
    const store::QueryHandle& db;
    const InvestigationScope& scope;
    std::vector<TimelineEvent>& out;
    [[nodiscard]] store::Params nets() const { return {{"nets", scope.cidr_list()}}; }
};

std::optional<bool> inside_of(const Ctx& c, const facts::Value& v) {
    if (!c.scope.networks_declared() || is_null(v)) return std::nullopt;
    return int_of(v) == 1;
}

std::string hex_ssrc(std::int64_t ssrc) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08llx", static_cast<unsigned long long>(ssrc) & 0xffffffffULL);
    return buf;
}

std::string or_unknown(const std::string& s, const char* unknown = "?") { return s.empty() ? unknown : s; }

TimelineEvent base(double ts, std::string kind, const facts::Value& flow, const facts::Value& input,
                   const facts::Value& frame) {
    TimelineEvent e;
    e.ts = ts;
    e.kind = std::move(kind);
    e.flow_id = opt_int_of(flow);
    e.input_id = opt_int_of(input);
    e.frame = opt_int_of(frame);
    e.key = std::to_string(e.input_id.value_or(0)) + "/" + std::to_string(e.frame.value_or(0)) + "/" +
            std::to_string(e.flow_id.value_or(0));
    return e;
}

// Meetings as the report counts them (list_meetings), with the Call-ID of the
// SIP or H.323 call each one is, when the signalling names one.
core::Status add_meetings(Ctx& c) {
    auto meetings = report::list_meetings(c.db);
    if (!meetings) return meetings.error();
    auto ids = c.db.run(R"SQL(
SELECT 'SIP', call_id, min(ts), min(CASE WHEN method = 'INVITE' THEN src_ip END),
       min(CASE WHEN method = 'INVITE' THEN dst_ip END)
FROM sip_messages WHERE call_id IN (SELECT call_id FROM sip_messages WHERE method = 'INVITE') GROUP BY call_id
UNION ALL
SELECT 'H.323', call_id, min(ts), min(CASE WHEN message = 'setup' THEN src_ip END),
       min(CASE WHEN message = 'setup' THEN dst_ip END)
FROM h323_messages WHERE protocol = 'q931' AND call_id IS NOT NULL GROUP BY call_id
HAVING sum(message = 'setup') > 0
)SQL");
    if (!ids) return ids.error();
    for (const auto& m : *meetings) {
        std::string call_id;
        for (const auto& r : ids->rows)
            if (text_of(r[0]) == m.platform && real_of(r[2]) == m.start && text_of(r[3]) == m.caller &&
                text_of(r[4]) == m.callee) {
                call_id = text_of(r[1]);
                break;
            }
        const std::string who = or_unknown(m.caller) + " → " + or_unknown(m.callee);
        const std::string prot_vi = m.protection == "protected"     ? "được bảo vệ"
                                    : m.protection == "unprotected" ? "KHÔNG được bảo vệ"
                                                                    : "không rõ bảo vệ";
        for (int end = 0; end < 2; ++end) {
            TimelineEvent e;
            e.ts = end != 0 ? m.end : m.start;
            e.kind = end != 0 ? "meeting_end" : "meeting_start";
            e.refs = {{"platform", m.platform}, {"protection", m.protection}, {"caller", m.caller},
                      {"callee", m.callee}};
            if (!call_id.empty()) e.refs["call_id"] = call_id;
            e.key = m.platform + "/" + call_id + "/" + m.caller + "/" + m.callee;
            char dur[32];
            std::snprintf(dur, sizeof dur, "%.0f", m.end - m.start);
            if (end == 0) {
                e.summary_vi = "Cuộc họp " + m.platform + " bắt đầu: " + who + ", " + prot_vi +
                               (call_id.empty() ? "" : ", Call-ID " + call_id);
                e.summary_en = m.platform + " meeting starts: " + who + ", " + m.protection +
                               (call_id.empty() ? "" : ", Call-ID " + call_id);
            } else {
                e.summary_vi = "Cuộc họp " + m.platform + " kết thúc (" + dur + " giây): " + who;
                e.summary_en = m.platform + " meeting ends (" + dur + " s): " + who;
            }
            e.notable = m.protection == "unprotected";
            c.out.push_back(std::move(e));
        }
    }
    return core::ok_status();
}

// Who joined from where: INVITE, the final answer to it, BYE and CANCEL.
core::Status add_sip(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT m.ts, m.method, m.status_code, m.call_id, m.from_uri, m.to_uri, m.user_agent, m.src_ip, m.dst_ip,
       m.transport, m.flow_id, f.input_id, m.frame
FROM sip_messages AS m LEFT JOIN flows AS f USING (flow_id)
WHERE m.method IN ('INVITE', 'BYE', 'CANCEL')
   OR (m.method IS NULL AND m.status_code >= 200 AND m.cseq LIKE '% INVITE')
)SQL");
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        std::string method = text_of(r[1]);
        std::int64_t status = int_of(r[2]);
        std::string kind = method == "INVITE" ? "sip_invite" : method == "BYE" ? "sip_bye"
                           : method == "CANCEL" ? "sip_cancel" : "sip_answer";
        TimelineEvent e = base(real_of(r[0]), kind, r[10], r[11], r[12]);
        const std::string call_id = text_of(r[3]), from = text_of(r[4]), to = text_of(r[5]), ua = text_of(r[6]);
        const std::string path = text_of(r[7]) + " → " + text_of(r[8]) + " (" + text_of(r[9]) + ")";
        e.refs = {{"table", "sip_messages"}, {"call_id", call_id}};
        e.key += "/" + call_id;
        std::string agent_vi = ua.empty() ? "" : ", phần mềm \"" + ua + "\"";
        std::string agent_en = ua.empty() ? "" : ", agent \"" + ua + "\"";
        if (kind == "sip_invite") {
            e.summary_vi = "SIP INVITE: " + or_unknown(from) + " mời " + or_unknown(to) + ", " + path + agent_vi;
            e.summary_en = "SIP INVITE: " + or_unknown(from) + " calls " + or_unknown(to) + ", " + path + agent_en;
        } else if (kind == "sip_answer") {
            std::string code = std::to_string(status);
            bool accepted = status >= 200 && status < 300;
            e.summary_vi = "SIP " + code + (accepted ? " (nhận cuộc gọi) " : " (từ chối/kết thúc lời mời) ") +
                           path + agent_vi;
            e.summary_en = "SIP " + code + (accepted ? " (call answered) " : " (invitation refused/ended) ") + path +
                           agent_en;
        } else {
            e.summary_vi = "SIP " + method + " (rời cuộc họp): " + path + agent_vi;
            e.summary_en = "SIP " + method + " (leaves the meeting): " + path + agent_en;
        }
        if (!call_id.empty()) {
            e.summary_vi += ", Call-ID " + call_id;
            e.summary_en += ", Call-ID " + call_id;
        }
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

core::Status add_h323(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT h.ts, h.message, h.call_id, h.src_ip, h.dst_ip, h.calling_number, h.called_number, h.h235,
       h.flow_id, f.input_id, h.frame
FROM h323_messages AS h LEFT JOIN flows AS f USING (flow_id)
WHERE h.protocol = 'q931' AND h.message IN ('setup', 'connect', 'release_complete')
)SQL");
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        std::string msg = text_of(r[1]);
        std::string kind = msg == "setup" ? "h323_setup" : msg == "connect" ? "h323_connect" : "h323_release";
        TimelineEvent e = base(real_of(r[0]), kind, r[8], r[9], r[10]);
        const std::string call_id = text_of(r[2]);
        e.refs = {{"table", "h323_messages"}, {"call_id", call_id}};
        e.key += "/" + call_id;
        const std::string path = text_of(r[3]) + " → " + text_of(r[4]);
        std::string numbers;
        if (!text_of(r[5]).empty() || !text_of(r[6]).empty())
            numbers = ", " + or_unknown(text_of(r[5])) + " → " + or_unknown(text_of(r[6]));
        std::string h235_vi = is_null(r[7]) ? "" : int_of(r[7]) != 0 ? ", có H.235" : ", không H.235";
        std::string h235_en = is_null(r[7]) ? "" : int_of(r[7]) != 0 ? ", H.235 present" : ", no H.235";
        if (kind == "h323_setup") {
            e.summary_vi = "H.323 Setup (gọi vào cuộc họp): " + path + numbers + h235_vi;
            e.summary_en = "H.323 Setup (joins a call): " + path + numbers + h235_en;
        } else if (kind == "h323_connect") {
            e.summary_vi = "H.323 Connect (nhận cuộc gọi): " + path + h235_vi;
            e.summary_en = "H.323 Connect (call answered): " + path + h235_en;
        } else {
            e.summary_vi = "H.323 Release Complete (kết thúc): " + path;
            e.summary_en = "H.323 Release Complete (call ends): " + path;
        }
        e.summary_vi += ", callIdentifier " + or_unknown(call_id);
        e.summary_en += ", callIdentifier " + or_unknown(call_id);
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

// Each media channel an H.323 call opened (a Setup's fastStart offers are not
// channels yet), with whether H.235 encrypts it: plain ones are notable.
core::Status add_h323_channels(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT o.ts, o.src_ip, o.dst_ip, o.channel, o.media, o.codec, o.encrypted, o.encryption_algorithms, o.call_id,
       o.flow_id, f.input_id, o.frame, o.carrier
FROM h245_messages AS o LEFT JOIN flows AS f USING (flow_id)
WHERE o.message = 'openLogicalChannel' AND o.encrypted IS NOT NULL
  AND NOT (o.carrier = 'faststart' AND EXISTS (
    SELECT 1 FROM h323_messages AS h
    WHERE h.flow_id = o.flow_id AND h.frame = o.frame AND h.protocol = 'q931' AND h.message = 'setup'))
)SQL");
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        TimelineEvent e = base(real_of(r[0]), "h323_channel", r[9], r[10], r[11]);
        const std::string channel = is_null(r[3]) ? "?" : std::to_string(int_of(r[3]));
        e.refs = {{"table", "h245_messages"}, {"channel", channel}};
        if (!text_of(r[8]).empty()) e.refs["call_id"] = text_of(r[8]);
        e.key += "/" + channel;
        const bool encrypted = int_of(r[6]) != 0;
        const std::string media = or_unknown(text_of(r[4]), "media") + (text_of(r[5]).empty() ? "" : " " + text_of(r[5]));
        const std::string path = text_of(r[1]) + " → " + text_of(r[2]);
        const std::string algorithms = text_of(r[7]).empty() ? "" : " (" + text_of(r[7]) + ")";
        e.summary_vi = "Kênh media H.323 " + channel + " mở (" + text_of(r[12]) + "): " + media + ", " + path +
                       (encrypted ? ", mã hóa H.235" + algorithms : ", KHÔNG mã hóa H.235");
        e.summary_en = "H.323 media channel " + channel + " opened (" + text_of(r[12]) + "): " + media + ", " + path +
                       (encrypted ? ", H.235-encrypted" + algorithms : ", NOT H.235-encrypted");
        e.notable = !encrypted;
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

core::Status add_dtls(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT coalesce(t.ts, f.first_ts), f.src_ip, f.src_port, f.dst_ip, f.dst_port, t.version, t.srtp_profile,
       t.flow_id, f.input_id, f.first_frame, ip_in_cidrs(f.dst_ip, :nets)
FROM tls_sessions AS t JOIN flows AS f USING (flow_id) WHERE t.dtls = 1
)SQL",
                         c.nets());
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        TimelineEvent e = base(real_of(r[0]), "webrtc_dtls", r[7], r[8], r[9]);
        e.refs = {{"table", "tls_sessions"}};
        auto where = placement(c.scope.networks_declared(), inside_of(c, r[10]));
        const std::string path = endpoint(text_of(r[1]), int_of(r[2])) + " → " + endpoint(text_of(r[3]), int_of(r[4]));
        const std::string ver = or_unknown(text_of(r[5]), "DTLS"), prof = text_of(r[6]);
        e.summary_vi = "Phiên DTLS (WebRTC) " + ver + ": " + path + " " + where.vi +
                       (prof.empty() ? "" : ", SRTP " + prof);
        e.summary_en = "DTLS (WebRTC) session " + ver + ": " + path + " " + where.en +
                       (prof.empty() ? "" : ", SRTP " + prof);
        e.notable = inside_of(c, r[10]) == false;
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

core::Status add_media(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT r.first_ts, r.last_ts, r.src_ip, r.src_port, r.dst_ip, r.dst_port, r.ssrc, r.codec, r.payload_type,
       r.packets, r.bytes, r.encrypted, r.flow_id, f.input_id, r.first_frame, ip_in_cidrs(r.dst_ip, :nets)
FROM rtp_streams AS r LEFT JOIN flows AS f USING (flow_id)
)SQL",
                         c.nets());
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        TimelineEvent e = base(real_of(r[0]), "media_stream", r[12], r[13], r[14]);
        std::string ssrc = hex_ssrc(int_of(r[6]));
        e.refs = {{"table", "rtp_streams"}, {"ssrc", ssrc}};
        e.key += "/" + ssrc;
        auto inside = inside_of(c, r[15]);
        auto where = placement(c.scope.networks_declared(), inside);
        auto enc = opt_int_of(r[11]);
        std::string codec = text_of(r[7]).empty() ? "PT " + std::to_string(int_of(r[8])) : text_of(r[7]);
        char dur[32];
        std::snprintf(dur, sizeof dur, "%.1f", real_of(r[1]) - real_of(r[0]));
        const std::string path = endpoint(text_of(r[2]), int_of(r[3])) + " → " + endpoint(text_of(r[4]), int_of(r[5]));
        const std::string packets = std::to_string(int_of(r[9])), bytes = std::to_string(int_of(r[10]));
        e.summary_vi = "Luồng media " + codec + " SSRC " + ssrc + ": " + path + " " + where.vi + ", " +
                       encrypted_vi(enc) + ", " + packets + " gói, " + bytes + " byte, " + dur + " giây";
        e.summary_en = "Media stream " + codec + " SSRC " + ssrc + ": " + path + " " + where.en + ", " +
                       encrypted_en(enc) + ", " + packets + " packets, " + bytes + " bytes, " + dur + " s";
        e.notable = inside == false || enc == std::int64_t{0};
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

core::Status add_content_objects(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT coalesce(o.ts, f.first_ts, 0), o.scope, o.direction, o.name, o.content_type, o.size, o.object_sha256,
       o.complete, o.flow_id, o.input_id, o.frame, f.src_ip, f.dst_ip, f.dst_port, ip_in_cidrs(f.dst_ip, :nets)
FROM content_objects AS o LEFT JOIN flows AS f USING (flow_id)
)SQL",
                         c.nets());
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        TimelineEvent e = base(real_of(r[0]), "file_transfer", r[8], r[9], r[10]);
        const std::string sha = text_of(r[6]), dir = text_of(r[2]), scope = text_of(r[1]);
        e.refs = {{"table", "content_objects"}, {"object_sha256", sha}, {"scope", scope}};
        e.key += "/" + sha;
        std::string what = "\"" + text_of(r[3]) + "\" (" + scope + ", " + std::to_string(int_of(r[5])) + " bytes" +
                           (text_of(r[4]).empty() ? "" : ", " + text_of(r[4])) + ", SHA-256 " + sha.substr(0, 16) + "…" +
                           (int_of(r[7]) == 0 ? ", incomplete" : "") + ")";
        if (is_null(r[8])) {
            e.summary_vi = "Tệp được đưa vào điều tra: " + what;
            e.summary_en = "File given to the investigation: " + what;
        } else {
            auto where = placement(c.scope.networks_declared(), inside_of(c, r[14]));
            const std::string path = text_of(r[11]) + " → " + endpoint(text_of(r[12]), int_of(r[13]));
            bool up = dir == "to_server";
            e.summary_vi = std::string(up ? "Tải LÊN " : "Tải xuống ") + what + ": " + path + " (máy chủ " + where.vi + ")";
            e.summary_en = std::string(up ? "Upload " : "Download ") + what + ": " + path + " (server " + where.en + ")";
            e.notable = up && inside_of(c, r[14]) == false;
        }
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

core::Status add_content_matches(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT coalesce(m.ts, f.first_ts, 0), m.rule, m."namespace", m.tags, m.scope, m.direction, m.object_name,
       m.object_sha256, m.flow_id, m.input_id, m."offset", f.src_ip, f.dst_ip
FROM content_matches AS m LEFT JOIN flows AS f USING (flow_id)
)SQL");
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        TimelineEvent e = base(real_of(r[0]), "content_match", r[8], r[9], facts::Value{});
        const std::string rule = text_of(r[1]), sha = text_of(r[7]);
        e.refs = {{"table", "content_matches"}, {"rule", rule}, {"namespace", text_of(r[2])}, {"tags", text_of(r[3])},
                  {"object_sha256", sha}, {"offset", text_of(r[10])}};
        e.key += "/" + rule + "/" + sha + "/" + text_of(r[10]);
        std::string where = is_null(r[8]) ? "" : " (" + text_of(r[11]) + " ↔ " + text_of(r[12]) + ")";
        std::string obj = text_of(r[6]).empty() ? text_of(r[4]) : "\"" + text_of(r[6]) + "\"";
        e.summary_vi = "Nội dung khớp luật YARA " + rule + " [" + text_of(r[3]) + "] trong " + obj + where;
        e.summary_en = "Content matched YARA rule " + rule + " [" + text_of(r[3]) + "] in " + obj + where;
        e.notable = true;
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

// Credentials: only what the store keeps redacted. secret_hmac is not read.
core::Status add_credentials(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT k.ts, k.protocol, k.username, k.secret_kind, k.secret_redacted, k.weak, k.outcome, k.mechanism,
       k.client_ip, k.server_ip, k.server_port, k.cleartext, k.flow_id, f.input_id, k.frame
FROM credentials AS k LEFT JOIN flows AS f USING (flow_id)
)SQL");
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        TimelineEvent e = base(real_of(r[0]), "credential", r[12], r[13], r[14]);
        const std::string proto = text_of(r[1]), user = text_of(r[2]);
        e.refs = {{"table", "credentials"}, {"protocol", proto}, {"secret_kind", text_of(r[3])},
                  {"secret_redacted", text_of(r[4])}, {"outcome", text_of(r[6])}};
        e.key += "/" + proto + "/" + user;
        bool clear = int_of(r[11]) == 1;
        const std::string path = text_of(r[8]) + " → " + endpoint(text_of(r[9]), int_of(r[10]));
        std::string weak_vi = is_null(r[5]) ? "" : int_of(r[5]) == 1 ? ", mật khẩu YẾU/mặc định" : "";
        std::string weak_en = is_null(r[5]) ? "" : int_of(r[5]) == 1 ? ", WEAK/default secret" : "";
        e.summary_vi = "Đăng nhập " + proto + " (" + text_of(r[7]) + ") tài khoản \"" + user + "\", " + text_of(r[3]) +
                       " " + text_of(r[4]) + (clear ? ", lộ RÕ trên mạng" : "") + weak_vi + ", kết quả " +
                       text_of(r[6]) + ": " + path;
        e.summary_en = proto + " login (" + text_of(r[7]) + ") as \"" + user + "\", " + text_of(r[3]) + " " +
                       text_of(r[4]) + (clear ? ", readable on the wire" : "") + weak_en + ", outcome " +
                       text_of(r[6]) + ": " + path;
        e.notable = clear;
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

core::Status add_turn(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT t.ts, t.relayed_ip, t.relayed_port, t.mapped_ip, t.mapped_port, t.lifetime_s, t.flow_id, f.input_id,
       t.frame, f.src_ip, f.dst_ip, f.dst_port, ip_in_cidrs(t.relayed_ip, :nets)
FROM turn_relays AS t LEFT JOIN flows AS f USING (flow_id)
)SQL",
                         c.nets());
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        TimelineEvent e = base(real_of(r[0]), "turn_allocation", r[6], r[7], r[8]);
        const std::string relay = endpoint(text_of(r[1]), int_of(r[2]));
        e.refs = {{"table", "turn_relays"}, {"relayed", relay}};
        e.key += "/" + relay;
        auto inside = inside_of(c, r[12]);
        auto where = placement(c.scope.networks_declared(), inside);
        const std::string server = endpoint(text_of(r[10]), int_of(r[11]));
        e.summary_vi = "Máy chủ TURN " + server + " cấp địa chỉ chuyển tiếp " + relay + " " + where.vi + " cho " +
                       text_of(r[9]) + " (thời hạn " + std::to_string(int_of(r[5])) + " giây)";
        e.summary_en = "TURN server " + server + " granted relayed address " + relay + " " + where.en + " to " +
                       text_of(r[9]) + " (lifetime " + std::to_string(int_of(r[5])) + " s)";
        e.notable = inside == false;
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

// TLS to hosts outside the allowed networks (every TLS session when none are declared).
core::Status add_tls_external(Ctx& c) {
    auto rows = c.db.run(R"SQL(
SELECT coalesce(t.ts, f.first_ts), f.src_ip, f.dst_ip, f.dst_port, t.sni, t.version, t.flow_id, f.input_id,
       f.first_frame, ip_in_cidrs(f.dst_ip, :nets)
FROM tls_sessions AS t JOIN flows AS f USING (flow_id) WHERE t.dtls = 0
)SQL",
                         c.nets());
    if (!rows) return rows.error();
    for (const auto& r : rows->rows) {
        auto inside = inside_of(c, r[9]);
        if (inside == true) continue;
        TimelineEvent e = base(real_of(r[0]), "tls_external", r[6], r[7], r[8]);
        const std::string sni = text_of(r[4]);
        e.refs = {{"table", "tls_sessions"}, {"sni", sni}};
        auto where = placement(c.scope.networks_declared(), inside);
        const std::string path = text_of(r[1]) + " → " + endpoint(text_of(r[2]), int_of(r[3]));
        std::string name = sni.empty() ? "(không có SNI)" : sni;
        std::string name_en = sni.empty() ? "(no SNI)" : sni;
        e.summary_vi = "Phiên TLS " + or_unknown(text_of(r[5]), "") + " tới " + name + ": " + path + " " + where.vi;
        e.summary_en = "TLS " + or_unknown(text_of(r[5]), "") + " session to " + name_en + ": " + path + " " + where.en;
        e.notable = inside == false;
        c.out.push_back(std::move(e));
    }
    return core::ok_status();
}

}  // namespace

void sort_events(std::vector<TimelineEvent>& events) {
    std::stable_sort(events.begin(), events.end(), [](const TimelineEvent& a, const TimelineEvent& b) {
        return std::tie(a.ts, a.kind, a.key, a.summary_en) < std::tie(b.ts, b.kind, b.key, b.summary_en);
    });
}

core::Result<std::vector<TimelineEvent>> build_timeline(const store::QueryHandle& db, const InvestigationScope& scope) {
    std::vector<TimelineEvent> all;
    Ctx c{db, scope, all};
    for (auto* add : {add_meetings, add_sip, add_h323, add_h323_channels, add_dtls, add_media, add_content_objects, add_content_matches,
                      add_credentials, add_turn, add_tls_external})
        if (auto st = add(c); !st) return st.error();
    std::vector<TimelineEvent> kept;
    for (auto& e : all)
        if (scope.window.contains(e.ts)) kept.push_back(std::move(e));
    sort_events(kept);
    return kept;
}

}  // namespace vca::investigate
