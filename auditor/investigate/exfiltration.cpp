#include "auditor/investigate/exfiltration.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "auditor/investigate/fact_values.hpp"
#include "auditor/investigate/meeting_parties.hpp"
#include "auditor/investigate/wording.hpp"
#include "reports/model/meeting_stats.hpp"

namespace vca::investigate {
namespace {

using Row = std::vector<facts::Value>;

nlohmann::json json_of(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return nullptr;
}

// The named columns [first, last) of a row, as one fact reference.
nlohmann::json fact_of(const std::string& table, const store::QueryResult& q, const Row& r, std::size_t first,
                       std::size_t last) {
    nlohmann::json f = nlohmann::json::object();
    f["table"] = table;
    for (std::size_t i = first; i < last && i < r.size(); ++i) f[q.columns[i]] = json_of(r[i]);
    return f;
}

struct Ctx {
    const store::QueryHandle& db;
    const InvestigationScope& scope;
    ExfiltrationReport& report;
    [[nodiscard]] store::Params nets() const { return {{"nets", scope.cidr_list()}}; }
    // Outside when the networks are declared and the address is not in them;
    // every address counts when they are not declared.
    [[nodiscard]] bool outside(const facts::Value& inside) const {
        return !scope.networks_declared() || int_of(inside) == 0;
    }
    [[nodiscard]] bool inside(const facts::Value& inside) const {
        return !scope.networks_declared() || int_of(inside) == 1;
    }
    void add(ExfiltrationPath p) {
        if (!scope.window.overlaps(p.first_ts, p.last_ts)) return;
        std::sort(p.flow_ids.begin(), p.flow_ids.end());
        p.flow_ids.erase(std::unique(p.flow_ids.begin(), p.flow_ids.end()), p.flow_ids.end());
        report.paths.push_back(std::move(p));
    }
};

std::string where_en(const Ctx& c) { return c.scope.networks_declared() ? "outside the allowed networks" : "(allowed networks not declared)"; }
std::string where_vi(const Ctx& c) { return c.scope.networks_declared() ? "ngoài mạng cho phép" : "(chưa khai báo mạng cho phép)"; }

core::Status media_outside(Ctx& c) {
    auto q = c.db.run(R"SQL(
SELECT r.flow_id AS flow_id, r.ssrc AS ssrc, r.src_ip AS src_ip, r.src_port AS src_port, r.dst_ip AS dst_ip,
       r.dst_port AS dst_port, r.first_ts AS first_ts, r.last_ts AS last_ts, r.packets AS packets, r.bytes AS bytes,
       r.encrypted AS encrypted, r.codec AS codec, r.payload_type AS payload_type,
       (SELECT group_concat(DISTINCT d.call_id) FROM sdp_media AS d
        WHERE d.addr = r.dst_ip AND d.port = r.dst_port) AS signalled_in_call,
       ip_in_cidrs(r.src_ip, :nets) AS src_inside, ip_in_cidrs(r.dst_ip, :nets) AS dst_inside
FROM rtp_streams AS r
)SQL",
                      c.nets());
    if (!q) return q.error();
    for (const auto& r : q->rows) {
        if (!c.inside(r[14]) || !c.outside(r[15])) continue;
        ExfiltrationPath p;
        p.kind = "media_outside";
        p.first_ts = real_of(r[6]);
        p.last_ts = real_of(r[7]);
        p.destination = endpoint(text_of(r[4]), int_of(r[5]));
        p.flow_ids = {int_of(r[0])};
        p.facts.push_back(fact_of("rtp_streams", *q, r, 0, 14));
        auto enc = opt_int_of(r[10]);
        const std::string from = endpoint(text_of(r[2]), int_of(r[3]));
        const std::string counts = std::to_string(int_of(r[8])) + " packets, " + std::to_string(int_of(r[9])) + " bytes";
        p.summary_vi = "Media từ " + from + " được gửi tới " + p.destination + " " + where_vi(c) + ", " +
                       encrypted_vi(enc) + ", " + std::to_string(int_of(r[8])) + " gói";
        p.summary_en = "Media from " + from + " sent to " + p.destination + " " + where_en(c) + ", " +
                       encrypted_en(enc) + ", " + counts;
        if (!text_of(r[13]).empty()) {
            p.summary_vi += ", do cuộc gọi " + text_of(r[13]) + " báo trước (SDP)";
            p.summary_en += ", signalled by call " + text_of(r[13]) + " (SDP)";
        }
        c.add(std::move(p));
    }
    return core::ok_status();
}

core::Status turn_outside(Ctx& c) {
    auto q = c.db.run(R"SQL(
SELECT t.flow_id AS flow_id, t.ts AS ts, t.relayed_ip AS relayed_ip, t.relayed_port AS relayed_port,
       t.mapped_ip AS mapped_ip, t.mapped_port AS mapped_port, t.lifetime_s AS lifetime_s, t.frame AS frame,
       f.src_ip AS client_ip, f.dst_ip AS server_ip, f.dst_port AS server_port, f.last_ts AS flow_last_ts,
       ip_in_cidrs(t.relayed_ip, :nets) AS relayed_inside
FROM turn_relays AS t LEFT JOIN flows AS f USING (flow_id)
)SQL",
                      c.nets());
    if (!q) return q.error();
    for (const auto& r : q->rows) {
        if (!c.outside(r[12])) continue;
        ExfiltrationPath p;
        p.kind = "turn_relay_outside";
        p.first_ts = real_of(r[1]);
        p.last_ts = std::max(p.first_ts, real_of(r[11]));
        p.destination = endpoint(text_of(r[2]), int_of(r[3]));
        p.flow_ids = {int_of(r[0])};
        p.facts.push_back(fact_of("turn_relays", *q, r, 0, 11));
        const std::string server = endpoint(text_of(r[9]), int_of(r[10]));
        p.summary_vi = "Máy chủ TURN " + server + " cấp cho " + text_of(r[8]) + " địa chỉ chuyển tiếp " + p.destination +
                       " " + where_vi(c) + ": media có thể đi qua đó";
        p.summary_en = "TURN server " + server + " granted " + text_of(r[8]) + " the relayed address " + p.destination +
                       " " + where_en(c) + ": media can flow through it";
        c.add(std::move(p));
    }
    return core::ok_status();
}

core::Status uploads_outside(Ctx& c, const std::vector<report::MeetingRow>& meetings) {
    auto q = c.db.run(R"SQL(
SELECT o.flow_id AS flow_id, o.ts AS ts, o.scope AS scope, o.name AS name, o.size AS size,
       o.object_sha256 AS object_sha256, o.content_type AS content_type, o.complete AS complete, o.frame AS frame,
       f.src_ip AS src_ip, f.src_port AS src_port, f.dst_ip AS dst_ip, f.dst_port AS dst_port,
       f.first_ts AS flow_first_ts, f.last_ts AS flow_last_ts,
       ip_in_cidrs(f.src_ip, :nets) AS src_inside, ip_in_cidrs(f.dst_ip, :nets) AS dst_inside
FROM content_objects AS o JOIN flows AS f USING (flow_id)
WHERE o.direction = 'to_server' AND o.scope IN ('http_body', 'ftp_file')
)SQL",
                      c.nets());
    if (!q) return q.error();
    int away_from_meetings = 0;
    for (const auto& r : q->rows) {
        // The receiving host: the HTTP server; for FTP data (the server may
        // open the connection, active mode) whichever end lies outside.
        std::string host;
        if (c.outside(r[16])) host = endpoint(text_of(r[11]), int_of(r[12]));
        else if (text_of(r[2]) == "ftp_file" && c.outside(r[15])) host = endpoint(text_of(r[9]), int_of(r[10]));
        if (host.empty()) continue;
        double ts = opt_real_of(r[1]).value_or(real_of(r[13]));
        const report::MeetingRow* during = nullptr;
        for (const auto& m : meetings)
            if (ts >= m.start && ts <= m.end + c.scope.after_meeting_s) {
                during = &m;
                break;
            }
        if (during == nullptr) {
            ++away_from_meetings;
            continue;
        }
        ExfiltrationPath p;
        p.kind = "upload_outside";
        p.first_ts = ts;
        p.last_ts = std::max(ts, real_of(r[14]));
        p.destination = host;
        p.flow_ids = {int_of(r[0])};
        p.facts.push_back(fact_of("content_objects", *q, r, 0, 13));
        nlohmann::json meeting = {{"table", "meetings"}, {"platform", during->platform}, {"start", during->start},
                                  {"end", during->end}, {"caller", during->caller}, {"callee", during->callee}};
        p.facts.push_back(meeting);
        bool in_meeting = ts <= during->end;
        char mins[32];
        std::snprintf(mins, sizeof mins, "%.0f", (ts - during->end) / 60.0);
        const std::string what = "\"" + text_of(r[3]) + "\" (" + std::to_string(int_of(r[4])) + " bytes, " +
                                 text_of(r[2]) + ")";
        p.summary_vi = "Tải lên " + what + " tới " + host + " " + where_vi(c) +
                       (in_meeting ? ", trong lúc họp " : ", " + std::string(mins) + " phút sau cuộc họp ") +
                       during->platform + " " + during->caller + " → " + during->callee;
        p.summary_en = "Upload " + what + " to " + host + " " + where_en(c) +
                       (in_meeting ? ", during the " : ", " + std::string(mins) + " min after the ") + during->platform +
                       " meeting " + during->caller + " → " + during->callee;
        c.add(std::move(p));
    }
    if (away_from_meetings > 0)
        c.report.notes.push_back(std::to_string(away_from_meetings) +
                                 " lượt tải lên máy chủ ngoài không gần cuộc họp nào: có trong dòng thời gian, không "
                                 "tính là đường rò rỉ — upload(s) to hosts outside happened away from any meeting "
                                 "window; they are on the timeline (file_transfer) but not listed as paths");
    return core::ok_status();
}

// A meeting's media source also sending to an address that takes part in no
// call running at that time: an unexpected recorder.
core::Status recorders(Ctx& c, const std::vector<CallParties>& calls) {
    auto q = c.db.run(R"SQL(
SELECT flow_id AS flow_id, ssrc AS ssrc, src_ip AS src_ip, src_port AS src_port, dst_ip AS dst_ip,
       dst_port AS dst_port, first_ts AS first_ts, last_ts AS last_ts, packets AS packets, bytes AS bytes,
       encrypted AS encrypted
FROM rtp_streams
)SQL");
    if (!q) return q.error();
    for (const auto& r : q->rows) {
        const std::string src = text_of(r[2]), dst = text_of(r[4]);
        double first = real_of(r[6]), last = real_of(r[7]);
        std::vector<const CallParties*> own;
        std::set<std::string> known;
        for (const auto& call : calls) {
            if (!call.overlaps(first, last)) continue;
            known.insert(call.parties.begin(), call.parties.end());
            if (call.media_sources.count(src) != 0) own.push_back(&call);
        }
        if (own.empty() || known.count(dst) != 0) continue;
        ExfiltrationPath p;
        p.kind = "recorder_third_party";
        p.first_ts = first;
        p.last_ts = last;
        p.destination = endpoint(dst, int_of(r[5]));
        p.flow_ids = {int_of(r[0])};
        p.facts.push_back(fact_of("rtp_streams", *q, r, 0, 11));
        std::string ids;
        for (const auto* call : own) {
            ids += (ids.empty() ? "" : ", ") + call->platform + " " + call->call_id;
            nlohmann::json parties = nlohmann::json::array();
            for (const auto& a : call->parties) parties.push_back(a);
            p.facts.push_back({{"table", call->platform == "SIP" ? "sip_messages" : "h323_messages"},
                               {"call_id", call->call_id}, {"parties", parties}});
        }
        p.summary_vi = "Media của cuộc họp (" + ids + ") từ " + src + " còn được gửi tới " + p.destination +
                       ", một địa chỉ không tham gia cuộc gọi nào: có thể là thiết bị ghi lén";
        p.summary_en = "Media of the meeting (" + ids + ") from " + src + " was also sent to " + p.destination +
                       ", an address that is a party of no call: possibly an unexpected recorder";
        c.add(std::move(p));
    }
    return core::ok_status();
}

core::Status undeclared_devices(Ctx& c) {
    auto inv = c.db.run("SELECT DISTINCT address FROM site_devices WHERE address <> '' ORDER BY address");
    if (!inv) return inv.error();
    std::string declared;
    for (const auto& r : inv->rows) declared += (declared.empty() ? "" : ",") + text_of(r[0]);
    c.report.inventory_declared = !declared.empty();
    if (declared.empty()) {
        c.report.notes.push_back(
            "chính sách của đơn vị không có danh mục thiết bị kèm địa chỉ: chưa đối chiếu thiết bị tham gia họp — no "
            "device inventory with addresses in the site policy: devices joining meetings were not checked against it");
        return core::ok_status();
    }
    auto q = c.db.run(R"SQL(
WITH joins AS (
  SELECT 'SIP' AS platform, src_ip, call_id, ts, flow_id, frame,
         coalesce(method, CAST(status_code AS TEXT)) AS message, user_agent AS agent
  FROM sip_messages
  WHERE method = 'INVITE' OR (method IS NULL AND status_code BETWEEN 200 AND 299 AND cseq LIKE '% INVITE')
  UNION ALL
  SELECT 'H.323', src_ip, call_id, ts, flow_id, frame, message, NULL
  FROM h323_messages WHERE protocol = 'q931' AND message IN ('setup', 'connect')
)
SELECT platform, src_ip, call_id, ts, flow_id, frame, message, agent,
       ip_in_cidrs(src_ip, :nets) AS inside, ip_in_cidrs(src_ip, :devices) AS declared
FROM joins ORDER BY src_ip, ts, flow_id, frame
)SQL",
                      {{"nets", c.scope.cidr_list()}, {"devices", declared}});
    if (!q) return q.error();
    std::map<std::string, ExfiltrationPath> by_device;
    for (const auto& r : q->rows) {
        if (int_of(r[9]) == 1 || !c.inside(r[8])) continue;
        const std::string ip = text_of(r[1]);
        ExfiltrationPath& p = by_device[ip];
        double ts = real_of(r[3]);
        if (p.kind.empty()) {
            p.kind = "undeclared_device";
            p.destination = ip;
            p.first_ts = p.last_ts = ts;
        }
        p.first_ts = std::min(p.first_ts, ts);
        p.last_ts = std::max(p.last_ts, ts);
        p.flow_ids.push_back(int_of(r[4]));
        p.facts.push_back(fact_of(text_of(r[0]) == "SIP" ? "sip_messages" : "h323_messages", *q, r, 0, 8));
    }
    for (auto& [ip, p] : by_device) {
        std::set<std::string> calls;
        for (const auto& f : p.facts) calls.insert(f.value("call_id", ""));
        std::string ids;
        for (const auto& id : calls) ids += (ids.empty() ? "" : ", ") + id;
        p.summary_vi = "Thiết bị " + ip + " không có trong danh mục thiết bị của đơn vị đã tham gia cuộc họp (" + ids + ")";
        p.summary_en = "Device " + ip + ", not in the site's device inventory, joined meeting(s) (" + ids + ")";
        c.add(std::move(p));
    }
    return core::ok_status();
}

core::Status content_outside(Ctx& c) {
    auto q = c.db.run(R"SQL(
SELECT m.flow_id AS flow_id, coalesce(m.ts, f.first_ts) AS ts, m.rule AS rule, m."namespace" AS "namespace",
       m.tags AS tags, m.scope AS scope, m.direction AS direction, m.object_name AS object_name,
       m.object_sha256 AS object_sha256, m.object_size AS object_size, m."offset" AS "offset",
       f.src_ip AS src_ip, f.src_port AS src_port, f.dst_ip AS dst_ip, f.dst_port AS dst_port,
       f.last_ts AS flow_last_ts,
       ip_in_cidrs(f.src_ip, :nets) AS src_inside, ip_in_cidrs(f.dst_ip, :nets) AS dst_inside
FROM content_matches AS m JOIN flows AS f USING (flow_id)
)SQL",
                      c.nets());
    if (!q) return q.error();
    for (const auto& r : q->rows) {
        // Data travelling to the client went to the flow's initiator.
        bool to_client = text_of(r[6]) == "to_client";
        const facts::Value& receiver_inside = to_client ? r[16] : r[17];
        if (!c.outside(receiver_inside)) continue;
        ExfiltrationPath p;
        p.kind = "content_outside";
        p.first_ts = real_of(r[1]);
        p.last_ts = std::max(p.first_ts, real_of(r[15]));
        p.destination = to_client ? endpoint(text_of(r[11]), int_of(r[12])) : endpoint(text_of(r[13]), int_of(r[14]));
        p.flow_ids = {int_of(r[0])};
        nlohmann::json f = fact_of("content_matches", *q, r, 0, 11);
        const std::string tags = text_of(r[4]);
        bool classified = tags.find("classification") != std::string::npos;
        f["classified"] = classified;
        p.facts.push_back(f);
        const std::string obj = text_of(r[7]).empty() ? text_of(r[5]) : "\"" + text_of(r[7]) + "\"";
        p.summary_vi = std::string(classified ? "Nội dung MANG DẤU MẬT" : "Nội dung") + " (luật " + text_of(r[2]) +
                       ") trong " + obj + " được gửi tới " + p.destination + " " + where_vi(c);
        p.summary_en = std::string(classified ? "CLASSIFIED-marked content" : "Content") + " (rule " + text_of(r[2]) +
                       ") in " + obj + " sent to " + p.destination + " " + where_en(c);
        c.add(std::move(p));
    }
    return core::ok_status();
}

// Every flow a path names, plus every flow a content match names.
core::Status collect_evidence_flows(Ctx& c) {
    std::map<std::int64_t, std::set<std::string>> named;
    for (const auto& p : c.report.paths)
        for (auto id : p.flow_ids) named[id].insert(p.kind);
    auto matches = c.db.run(R"SQL(
SELECT DISTINCT m.flow_id, f.first_ts, f.last_ts FROM content_matches AS m JOIN flows AS f USING (flow_id)
)SQL");
    if (!matches) return matches.error();
    for (const auto& r : matches->rows)
        if (c.scope.window.overlaps(real_of(r[1]), real_of(r[2]))) named[int_of(r[0])].insert("content_match");
    for (const auto& [id, by] : named) {
        auto q = c.db.run(R"SQL(
SELECT flow_id, input_id, transport, src_ip, src_port, dst_ip, dst_port, first_ts, last_ts, packets
FROM flows WHERE flow_id = :id
)SQL",
                          {{"id", id}});
        if (!q) return q.error();
        if (q->rows.empty()) {
            c.report.notes.push_back("luồng/flow " + std::to_string(id) + " is named by a path but has no flows row");
            continue;
        }
        const Row& r = q->rows.front();
        EvidenceFlow f;
        f.flow_id = int_of(r[0]);
        f.input_id = int_of(r[1]);
        f.transport = text_of(r[2]);
        f.src_ip = text_of(r[3]);
        f.src_port = int_of(r[4]);
        f.dst_ip = text_of(r[5]);
        f.dst_port = int_of(r[6]);
        f.first_ts = real_of(r[7]);
        f.last_ts = real_of(r[8]);
        f.packets = int_of(r[9]);
        f.named_by.assign(by.begin(), by.end());
        c.report.evidence_flows.push_back(std::move(f));
    }
    return core::ok_status();
}

}  // namespace

core::Result<ExfiltrationReport> find_exfiltration(const store::QueryHandle& db, const InvestigationScope& scope) {
    ExfiltrationReport report;
    report.networks_declared = scope.networks_declared();
    report.allowed_networks = scope.allowed_networks;
    report.after_meeting_s = scope.after_meeting_s;
    if (scope.networks_declared()) {
        report.outside_rule_en = "outside = not in allowed_networks: " + scope.cidr_list();
        report.outside_rule_vi = "ngoài = không thuộc allowed_networks: " + scope.cidr_list();
    } else {
        report.outside_rule_en = "outside = not in allowed_networks: not declared, every destination listed";
        report.outside_rule_vi = "ngoài = không thuộc allowed_networks: chưa khai báo, liệt kê mọi đích đến";
    }
    Ctx c{db, scope, report};
    auto meetings = report::list_meetings(db);
    if (!meetings) return meetings.error();
    auto calls = calls_with_parties(db);
    if (!calls) return calls.error();
    for (auto st : {media_outside(c), turn_outside(c), uploads_outside(c, *meetings), recorders(c, *calls),
                    undeclared_devices(c), content_outside(c)})
        if (!st) return st.error();
    std::sort(report.paths.begin(), report.paths.end(), [](const ExfiltrationPath& a, const ExfiltrationPath& b) {
        return std::tie(a.first_ts, a.kind, a.destination, a.flow_ids) <
               std::tie(b.first_ts, b.kind, b.destination, b.flow_ids);
    });
    if (auto st = collect_evidence_flows(c); !st) return st.error();
    return report;
}

}  // namespace vca::investigate
