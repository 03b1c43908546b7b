-- One violation per flow (a media leg between two endpoints, both directions)
-- that carried at least one RTP stream seen in clear (rtp_streams.encrypted = 0).
-- What counts as "in clear" is the RTP analyser's verdict (probes/rtp/encryption_verdict.hpp):
--   basis 'payload'     : the payload octets have codec structure (repeating first
--                         octets, G.711 codes far from uniform); SRTP (AES-CM/GCM,
--                         RFC 3711 §4.1, RFC 7714) leaves none. Whatever the SDP said.
--   basis 'sdp_profile' : too few octets to tell, and the SDP offered RTP/AVP(F) for
--                         that address and port (RFC 3551): plain by the signalling.
--   basis 'h245_datatype': too few octets to tell, and the H.323 logical channel to
--                         that address and port was opened with a plain dataType.
--   A NULL-cipher SRTP stream (SRTP_NULL_HMAC_SHA1_80, RFC 3711 §4.1.4 and §5) carries
--   its media in clear and is reported plain by the analyser, so it counts here.
-- Streams with encrypted NULL (basis insufficient_data or ambiguous) are not
-- violations: nothing says they are readable. This rule judges what was seen on the
-- wire; VC-MEDIA-001 judges what the SDP offered, VC-MEDIA-003 mixed legs of a call.
-- Worse case, listed first: the signalling promised SRTP (rtp_streams.signalled
-- sdp_srtp, dtls_srtp or h245_h235, or the SDP line of that address and port used an SAVP
-- profile) but the payload is plain: an endpoint ignores its SRTP setting, or a
-- gateway on the path strips the protection (RFC 3711 §9 would have it fail closed).
-- Each stream is matched to the SDP media line whose address and port (c=, m=) equal
-- one of its ends, the closest in time preferring lines sent before the stream began
-- (an address and port are reused by later calls), to name the Call-ID.
WITH plain AS (
  SELECT s.rowid AS sid, s.*
  FROM rtp_streams AS s
  WHERE s.encrypted = 0
),
sdp_of_stream AS (
  SELECT p.sid, m.call_id, m.proto, m.flow_id AS sdp_flow, m.frame AS sdp_frame,
         row_number() OVER (
           PARTITION BY p.sid
           ORDER BY CASE WHEN m.ts <= p.first_ts + 1.0 THEN 0 ELSE 1 END, abs(m.ts - p.first_ts)
         ) AS rank
  FROM plain AS p
  JOIN sdp_media AS m
    ON (m.addr = p.dst_ip AND m.port = p.dst_port) OR (m.addr = p.src_ip AND m.port = p.src_port)
  WHERE m.port <> 0
),
judged AS (
  SELECT p.*, d.call_id, d.proto, d.sdp_flow, d.sdp_frame,
         (coalesce(p.signalled, '') IN ('sdp_srtp', 'dtls_srtp', 'h245_h235')
           OR upper(coalesce(d.proto, '')) LIKE '%SAVP%') AS promised_srtp
  FROM plain AS p
  LEFT JOIN sdp_of_stream AS d ON d.sid = p.sid AND d.rank = 1
)
SELECT
  coalesce(f.src_ip || ':' || f.src_port || ' <-> ' || f.dst_ip || ':' || f.dst_port,
           min(j.src_ip || ':' || j.src_port || ' -> ' || j.dst_ip || ':' || j.dst_port)) AS subject,
  CASE WHEN max(j.promised_srtp) = 1
    THEN 'encryption was signalled (' ||
         group_concat(DISTINCT CASE WHEN j.promised_srtp = 1 THEN coalesce(j.proto, j.signalled) END) ||
         ') but the packets are plain RTP: the protection is claimed, not applied; '
    ELSE ''
  END ||
  count(*) || ' stream(s) in clear, ' || sum(j.packets) || ' packets, ' ||
  printf('%.0f', max(j.last_ts) - min(j.first_ts)) || ' s from ' ||
  coalesce(datetime(min(j.first_ts), 'unixepoch'), '?') || ' UTC: ' ||
  group_concat(
    j.src_ip || ':' || j.src_port || ' -> ' || j.dst_ip || ':' || j.dst_port ||
    ' SSRC ' || printf('0x%08X', j.ssrc) || ' ' || coalesce(j.codec, 'PT ' || j.payload_type) || ' ' ||
    j.packets || ' pkts (' ||
    CASE j.basis WHEN 'payload' THEN 'payload readable' WHEN 'sdp_profile' THEN 'SDP RTP/AVP, too short to test'
         WHEN 'h245_datatype' THEN 'H.245 plain dataType, too short to test' ELSE j.basis END || ')', '; ') ||
  coalesce('; Call-ID ' || group_concat(DISTINCT j.call_id), '') AS detail,
  'flow ' || j.flow_id || ', input ' || coalesce(f.input_id, '?') ||
    ', first frames ' || group_concat(coalesce(j.first_frame, '?'), ' ') ||
    coalesce(', SDP frames ' || group_concat(DISTINCT j.sdp_frame) ||
             ' (flow ' || group_concat(DISTINCT j.sdp_flow) || ')', '') AS evidence
FROM judged AS j
LEFT JOIN flows AS f ON f.flow_id = j.flow_id
GROUP BY j.flow_id
ORDER BY max(j.promised_srtp) DESC, j.flow_id
