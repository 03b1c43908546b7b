-- A meeting is as confidential as its weakest leg: one unprotected leg lets an
-- eavesdropper hear what every participant says, while the protected legs give a
-- false sense of security. Two kinds of violation:
--
-- 1. One per SIP call (calls view, one Call-ID) that mixes protection:
--    - its SDP audio/video lines (port <> 0, RFC 3264 §6) are partly SRTP (an SAVP
--      profile: RTP/SAVP(F), UDP/TLS/RTP/SAVP(F), RFC 3711 / RFC 5764) and partly plain
--      (RTP/AVP(F), RFC 3551), e.g. audio encrypted but video not, or a re-INVITE
--      that fell back to RTP;
--    - its observed RTP streams are partly encrypted and partly in clear
--      (rtp_streams.encrypted 1 and 0; NULL streams are not counted);
--    - its signalling went over TLS (calls.signalling_encrypted = 1) but media lines
--      or streams are plain;
--    - or the other way round: the media is SRTP keyed by DTLS (a=fingerprint, no
--      key in the SDP) while the SIP carrying that fingerprint travels in clear, so an
--      attacker on the path can swap the fingerprint and sit in the middle
--      (RFC 5763 §8, RFC 8842). SRTP whose SDES key crossed in clear is VC-SIP-002's
--      finding and is not repeated here.
--    A stream belongs to the call whose SDP line names one of its ends (c= address
--    and m= port equal to the stream's destination or source), the closest in time,
--    preferring lines sent before the stream began (addresses and ports are reused).
--
-- 2. One per endpoint whose SIP runs over TLS (a TLS session to a port of
--    :sip_tls_ports, 5061 = SIPS by default, RFC 5630, or one the TLS probe attributes
--    to SIP by ALPN or SNI: tls_sessions.app_guess) while RTP streams of that
--    endpoint are seen in clear during the TLS connection. The Call-IDs are then
--    hidden by the TLS, so the endpoint's address stands for the meeting. Streams that
--    an SDP line in clear ties to a call are left to kind 1.
WITH
judged_streams AS (
  SELECT s.rowid AS sid, s.* FROM rtp_streams AS s WHERE s.encrypted IS NOT NULL
),
stream_sdp AS (
  SELECT st.sid, m.call_id,
         row_number() OVER (
           PARTITION BY st.sid
           ORDER BY CASE WHEN m.ts <= st.first_ts + 1.0 THEN 0 ELSE 1 END, abs(m.ts - st.first_ts)
         ) AS rank
  FROM judged_streams AS st
  JOIN sdp_media AS m
    ON (m.addr = st.dst_ip AND m.port = st.dst_port) OR (m.addr = st.src_ip AND m.port = st.src_port)
  WHERE m.port <> 0 AND m.call_id IS NOT NULL
),
call_streams AS (
  SELECT c.call_id,
         sum(st.encrypted = 1) AS enc_streams,
         sum(st.encrypted = 0) AS plain_streams,
         group_concat(st.src_ip || ':' || st.src_port || ' -> ' || st.dst_ip || ':' || st.dst_port ||
                      CASE st.encrypted WHEN 1 THEN ' encrypted' ELSE ' in clear' END, ', ') AS streams,
         group_concat(DISTINCT st.flow_id) AS media_flows
  FROM stream_sdp AS c
  JOIN judged_streams AS st ON st.sid = c.sid
  WHERE c.rank = 1
  GROUP BY c.call_id
),
call_lines AS (
  SELECT call_id,
         sum(upper(proto) LIKE '%SAVP%') AS srtp_lines,
         sum(upper(proto) IN ('RTP/AVP', 'RTP/AVPF', 'UDP/RTP/AVP', 'UDP/RTP/AVPF', 'TCP/RTP/AVP', 'TCP/RTP/AVPF'))
           AS plain_lines,
         max(coalesce(key_in_clear, 0)) AS key_in_clear,
         group_concat(DISTINCT media || ' ' || proto) AS offered,
         group_concat(DISTINCT frame) AS frames,
         group_concat(DISTINCT flow_id) AS sip_flows
  FROM sdp_media
  WHERE port <> 0 AND media IN ('audio', 'video') AND call_id IS NOT NULL
  GROUP BY call_id
),
per_call AS (
  SELECT k.call_id, k.caller, k.callee, k.transports, k.signalling_encrypted,
         coalesce(l.srtp_lines, 0) AS srtp_lines, coalesce(l.plain_lines, 0) AS plain_lines,
         coalesce(l.key_in_clear, 0) AS key_in_clear, l.offered, l.frames, l.sip_flows,
         coalesce(s.enc_streams, 0) AS enc_streams, coalesce(s.plain_streams, 0) AS plain_streams,
         s.streams, s.media_flows
  FROM calls AS k
  LEFT JOIN call_lines AS l USING (call_id)
  LEFT JOIN call_streams AS s USING (call_id)
),
call_issues AS (
  SELECT p.*,
    trim(
      CASE WHEN srtp_lines > 0 AND plain_lines > 0
        THEN 'SDP media lines (offers and answers) ' || srtp_lines || ' with SRTP and ' || plain_lines || ' without; '
        ELSE '' END ||
      CASE WHEN enc_streams > 0 AND plain_streams > 0
        THEN enc_streams || ' stream(s) seen encrypted and ' || plain_streams || ' in clear; ' ELSE '' END ||
      CASE WHEN signalling_encrypted = 1 AND (plain_lines > 0 OR plain_streams > 0)
        THEN 'signalling over TLS but media in clear; ' ELSE '' END ||
      CASE WHEN signalling_encrypted = 0 AND (srtp_lines > 0 OR enc_streams > 0)
                AND plain_lines = 0 AND plain_streams = 0 AND key_in_clear = 0
        THEN 'media keyed by DTLS-SRTP but the SIP carrying its a=fingerprint travels in clear (' ||
             transports || '): the fingerprint can be swapped on the path; ' ELSE '' END,
      '; ') AS issues
  FROM per_call AS p
),
sip_tls AS (
  SELECT t.flow_id, f.input_id, f.first_frame, t.version, t.server_port,
         CASE WHEN f.src_port = t.server_port AND f.dst_port <> t.server_port THEN f.dst_ip ELSE f.src_ip END AS client,
         CASE WHEN f.src_port = t.server_port AND f.dst_port <> t.server_port THEN f.src_ip ELSE f.dst_ip END AS server,
         f.first_ts, f.last_ts
  FROM tls_sessions AS t
  JOIN flows AS f USING (flow_id)
  WHERE t.dtls = 0 AND (in_list(t.server_port, :sip_tls_ports) OR t.app_guess = 'sip')
),
tls_plain AS (
  SELECT g.client, g.server, g.server_port,
         group_concat(DISTINCT coalesce(g.version, '?')) AS versions,
         group_concat(DISTINCT g.flow_id) AS tls_flows,
         group_concat(DISTINCT g.input_id) AS inputs,
         count(DISTINCT s.sid) AS plain_streams,
         replace(group_concat(DISTINCT s.src_ip || ':' || s.src_port || ' -> ' || s.dst_ip || ':' || s.dst_port ||
                              ' SSRC ' || printf('0x%08X', s.ssrc)), ',', ', ') AS streams,
         group_concat(DISTINCT s.flow_id) AS media_flows
  FROM sip_tls AS g
  JOIN judged_streams AS s
    ON s.encrypted = 0 AND (s.src_ip = g.client OR s.dst_ip = g.client)
   AND (g.first_ts IS NULL OR s.last_ts IS NULL OR s.last_ts >= g.first_ts)
   AND (g.last_ts IS NULL OR s.first_ts IS NULL OR s.first_ts <= g.last_ts)
  WHERE NOT EXISTS (SELECT 1 FROM stream_sdp AS c WHERE c.sid = s.sid)
  GROUP BY g.client, g.server, g.server_port
)
SELECT
  'Call-ID ' || call_id AS subject,
  issues || ' (' || coalesce(caller, '?') || ' -> ' || coalesce(callee, '?') || '; offered: ' ||
    coalesce(offered, 'no SDP') || coalesce('; streams: ' || streams, '') || ')' AS detail,
  'SIP flow(s) ' || coalesce(sip_flows, '?') || ', SDP frames ' || coalesce(frames, '?') ||
    coalesce(', media flow(s) ' || media_flows, '') AS evidence
FROM call_issues
WHERE issues <> ''
UNION ALL
SELECT
  client || ' (SIP over TLS to ' || server || ':' || server_port || ')' AS subject,
  'signalling over TLS (' || versions || ') but ' || plain_streams || ' RTP stream(s) of this endpoint in clear: ' ||
    streams AS detail,
  'TLS flow(s) ' || tls_flows || ', input ' || inputs || ', media flow(s) ' || media_flows AS evidence
FROM tls_plain
ORDER BY subject
