#include "reports/model/meeting_stats.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace vca::report {
namespace {

// What counts as a meeting, and when it is protected:
// - SIP: a dialog with an INVITE (by Call-ID). Readable signalling is itself
//   unprotected; so is an SDES key in clear, an m-line without SAVP, or an RTP
//   stream to a signalled address/port seen in clear. Protected only if the
//   signalling was over TLS/WSS and every matched stream was SRTP.
// - H.323: a Q.931 call (by callIdentifier) with a Setup. No H.235 token in any
//   message, or a media channel opened with a plain dataType → unprotected.
//   Protected when the signalling carries tokens and every channel seen was
//   opened with h235Media; otherwise unknown. A channel belongs to the call by
//   the callIdentifier of the H.225.0 message carrying it (tunnelled,
//   fastStart answers) or, on a separate H.245 connection, by the h245Address
//   that the call's signalling announced for it.
// - WebRTC: a DTLS flow that negotiated an SRTP profile and whose address was
//   not signalled in a visible SDP (those belong to a SIP call already).
//   Protected unless an RTP stream on the same flow was seen in clear.
// - SIP over TLS: a TLS connection the TLS probe attributes to SIP (app_guess:
//   ALPN, SNI such as sip.*, or port 5061) during
//   which RTP flowed to or from its client; a connection without media is a
//   registration, not a meeting. Judged by those streams.
constexpr const char* kMeetingsSql = R"SQL(
WITH invites AS (
  SELECT call_id, min(ts) AS t0 FROM sip_messages
  WHERE method = 'INVITE' AND call_id IS NOT NULL GROUP BY call_id
),
sip_calls AS (
  SELECT m.call_id, min(m.ts) AS t0, max(m.ts) AS t1,
         max(CASE WHEN m.transport IN ('tls', 'wss') THEN 0 ELSE 1 END) AS clear_sig,
         min(CASE WHEN m.method = 'INVITE' THEN m.src_ip END) AS caller,
         min(CASE WHEN m.method = 'INVITE' THEN m.dst_ip END) AS callee
  FROM sip_messages AS m JOIN invites USING (call_id) GROUP BY m.call_id
),
sdp_state AS (
  SELECT call_id, max(coalesce(key_in_clear, 0)) AS key_clear,
         min(CASE WHEN proto LIKE '%SAVP%' THEN 1 ELSE 0 END) AS all_savp
  FROM sdp_media WHERE port > 0 AND call_id IS NOT NULL GROUP BY call_id
),
legs AS (
  SELECT DISTINCT d.call_id, r.flow_id, r.ssrc, r.encrypted, r.last_ts
  FROM sdp_media AS d JOIN rtp_streams AS r ON r.dst_ip = d.addr AND r.dst_port = d.port
  WHERE d.call_id IS NOT NULL AND d.port > 0
),
sip AS (
  SELECT 'SIP' AS platform, c.t0 AS t0, max(c.t1, coalesce(max(l.last_ts), c.t1)) AS t1,
    CASE WHEN c.clear_sig = 1 OR s.key_clear = 1 OR s.all_savp = 0 OR min(l.encrypted) = 0 THEN 'unprotected'
         WHEN count(l.flow_id) > 0 AND count(l.encrypted) = count(l.flow_id) THEN 'protected'
         ELSE 'unknown' END AS protection,
    c.caller AS a, c.callee AS b
  FROM sip_calls AS c LEFT JOIN sdp_state AS s USING (call_id) LEFT JOIN legs AS l USING (call_id)
  GROUP BY c.call_id
),
h245_endpoints AS (
  SELECT f.flow_id, m.call_id FROM flows AS f JOIN h323_messages AS m
    ON m.protocol = 'q931' AND m.call_id IS NOT NULL AND m.h245_address IN (
         f.dst_ip || ':' || f.dst_port, '[' || f.dst_ip || ']:' || f.dst_port,
         f.src_ip || ':' || f.src_port, '[' || f.src_ip || ']:' || f.src_port)
  WHERE f.app = 'h245'
),
h323_channels AS (
  SELECT coalesce(c.call_id, (SELECT min(e.call_id) FROM h245_endpoints AS e WHERE e.flow_id = c.flow_id)) AS call_id,
         min(c.encrypted) AS all_encrypted
  FROM h245_messages AS c
  WHERE c.message = 'openLogicalChannel' AND c.encrypted IS NOT NULL
    AND NOT (c.carrier = 'faststart' AND EXISTS (
      SELECT 1 FROM h323_messages AS h
      WHERE h.flow_id = c.flow_id AND h.frame = c.frame AND h.protocol = 'q931' AND h.message = 'setup'))
  GROUP BY 1
),
h323 AS (
  SELECT 'H.323' AS platform, min(m.ts) AS t0, max(m.ts) AS t1,
    CASE WHEN (count(m.h235) > 0 AND max(m.h235) = 0) OR min(c.all_encrypted) = 0 THEN 'unprotected'
         WHEN max(m.h235) = 1 AND min(c.all_encrypted) = 1 THEN 'protected'
         ELSE 'unknown' END AS protection,
    min(CASE WHEN m.message = 'setup' THEN m.src_ip END) AS a, min(CASE WHEN m.message = 'setup' THEN m.dst_ip END) AS b
  FROM h323_messages AS m LEFT JOIN h323_channels AS c USING (call_id)
  WHERE m.protocol = 'q931' AND m.call_id IS NOT NULL
  GROUP BY m.call_id HAVING sum(m.message = 'setup') > 0
),
webrtc AS (
  SELECT 'WebRTC' AS platform, f.first_ts AS t0, f.last_ts AS t1,
    CASE WHEN EXISTS (SELECT 1 FROM rtp_streams AS r WHERE r.flow_id = f.flow_id AND r.encrypted = 0)
         THEN 'unprotected' ELSE 'protected' END AS protection,
    f.src_ip AS a, f.dst_ip AS b
  FROM tls_sessions AS t JOIN flows AS f USING (flow_id)
  WHERE t.dtls = 1 AND t.srtp_profile IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM sdp_media AS d
                    WHERE (d.addr = f.dst_ip AND d.port = f.dst_port) OR (d.addr = f.src_ip AND d.port = f.src_port))
),
sip_tls_sessions AS (
  SELECT f.flow_id, f.first_ts, f.last_ts, f.src_ip, f.dst_ip FROM tls_sessions AS t JOIN flows AS f USING (flow_id)
  WHERE t.dtls = 0 AND t.app_guess = 'sip'

),
sip_tls_media AS (
  SELECT s.flow_id, s.first_ts, s.last_ts, s.src_ip, s.dst_ip, r.encrypted, r.last_ts AS media_end
  FROM sip_tls_sessions AS s JOIN rtp_streams AS r
    ON (r.src_ip = s.src_ip OR r.dst_ip = s.src_ip) AND r.first_ts <= s.last_ts AND r.last_ts >= s.first_ts
),
sip_tls AS (
  SELECT 'SIP over TLS' AS platform, min(first_ts) AS t0, max(max(last_ts), max(media_end)) AS t1,
    CASE WHEN min(encrypted) = 0 THEN 'unprotected'
         WHEN count(encrypted) = count(*) THEN 'protected' ELSE 'unknown' END AS protection,
    min(src_ip) AS a, min(dst_ip) AS b
  FROM sip_tls_media GROUP BY flow_id
)
SELECT platform, t0, t1, protection, a, b FROM sip
UNION ALL SELECT platform, t0, t1, protection, a, b FROM h323
UNION ALL SELECT platform, t0, t1, protection, a, b FROM webrtc
UNION ALL SELECT platform, t0, t1, protection, a, b FROM sip_tls
ORDER BY 2, 1, 5, 6
)SQL";

// TLS server names of meeting services outside the government network, by
// registered domain (the name itself or any name under it).
struct KnownPlatform {
    const char* domain;
    const char* name;
};
constexpr std::array kExternalPlatforms{
    KnownPlatform{"zoom.us", "Zoom"},           KnownPlatform{"zoom.com", "Zoom"},
    KnownPlatform{"zoomgov.com", "Zoom"},       KnownPlatform{"webex.com", "Cisco Webex"},
    KnownPlatform{"teams.microsoft.com", "Microsoft Teams"}, KnownPlatform{"teams.live.com", "Microsoft Teams"},
    KnownPlatform{"meet.google.com", "Google Meet"},         KnownPlatform{"meet.jit.si", "Jitsi Meet (public)"},
    KnownPlatform{"8x8.vc", "Jitsi Meet (8x8)"},             KnownPlatform{"gotomeeting.com", "GoTo Meeting"},
    KnownPlatform{"bluejeans.com", "BlueJeans"},
};

double as_real(const facts::Value& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return 0;
}

std::int64_t as_int(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    return 0;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
    return out;
}

// "2026-11" for a Unix time, in Vietnam time (UTC+7, no daylight saving).
std::string month_of(double unix_seconds) {
    auto secs = static_cast<std::time_t>(unix_seconds) + 7 * 3600;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m", &tm);
    return buf;
}

}  // namespace

core::Result<std::vector<MeetingRow>> list_meetings(const store::QueryHandle& db) {
    auto rows = db.run(kMeetingsSql);
    if (!rows) return rows.error();
    std::vector<MeetingRow> out;
    for (const auto& r : rows->rows) {
        MeetingRow m;
        m.platform = store::to_text(r[0]);
        m.start = as_real(r[1]);
        m.end = std::max(m.start, as_real(r[2]));
        m.protection = store::to_text(r[3]);
        m.caller = store::to_text(r[4]);
        m.callee = store::to_text(r[5]);
        out.push_back(std::move(m));
    }
    return out;
}

core::Result<MeetingStats> meeting_stats(const store::QueryHandle& db, const std::vector<std::string>& allowed_networks) {
    auto meetings = list_meetings(db);
    if (!meetings) return meetings.error();
    MeetingStats s;
    s.allowed_networks_known = !allowed_networks.empty();
    std::vector<double> durations;
    std::map<std::string, PeriodCount> periods;
    std::set<std::string> parties;
    for (const auto& m : *meetings) {
        ++s.meetings;
        if (m.protection == "protected") ++s.protected_meetings;
        else if (m.protection == "unprotected") ++s.unprotected_meetings;
        else ++s.unknown_meetings;
        ++s.platforms[m.platform];
        double d = m.end - m.start;
        durations.push_back(d);
        s.total_duration_s += d;
        s.longest_duration_s = std::max(s.longest_duration_s, d);
        PeriodCount& p = periods[month_of(m.start)];
        ++p.meetings;
        if (m.protection == "protected") ++p.protected_meetings;
        p.duration_s += d;
        for (const auto& addr : {m.caller, m.callee})
            if (!addr.empty()) parties.insert(addr);
    }
    if (!durations.empty()) {
        std::sort(durations.begin(), durations.end());
        std::size_t n = durations.size();
        s.median_duration_s = n % 2 == 1 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2;
    }
    for (auto& [period, count] : periods) {
        count.period = period;
        s.periods.push_back(count);
    }
    // Local or remote: the site's allowed networks decide, through the same SQL
    // function the rules use.
    std::string nets = join(allowed_networks);
    for (const auto& addr : parties) {
        bool local = true;
        if (s.allowed_networks_known) {
            auto r = db.run("SELECT ip_in_cidrs(:ip, :nets)", {{"ip", addr}, {"nets", nets}});
            if (!r) return r.error();
            local = !r->rows.empty() && as_int(r->rows[0][0]) == 1;
        }
        ++(local ? s.local_endpoints : s.remote_parties);
    }
    auto snis = db.run("SELECT lower(sni), count(*) FROM tls_sessions WHERE sni IS NOT NULL GROUP BY lower(sni)");
    if (!snis) return snis.error();
    for (const auto& r : snis->rows) {
        std::string sni = store::to_text(r[0]);
        for (const auto& p : kExternalPlatforms) {
            std::string domain = p.domain;
            bool under = sni.size() > domain.size() && sni.compare(sni.size() - domain.size(), domain.size(), domain) == 0 &&
                         sni[sni.size() - domain.size() - 1] == '.';
            if (sni == domain || under) {
                s.external_platforms[p.name] += as_int(r[1]);
                break;
            }
        }
    }
    return s;
}

}  // namespace vca::report
