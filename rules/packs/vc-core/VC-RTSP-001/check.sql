-- One violation per RTSP connection whose SETUP requests or answers chose a
-- transport profile without SRTP (RTP/AVP, RTP/AVP/UDP, RTP/AVP/TCP: RFC 2326
-- §12.39, RFC 3551), whether the media goes over UDP or interleaved in the
-- RTSP connection itself. rtsp_messages only holds RTSP read in clear, so
-- the control channel of such a flow is unprotected too (RTSP over TLS is
-- a TLS session to vcaudit and never appears here).
-- The detail says whether the connection used any authentication: RTSP
-- without it lets anyone on the network pull the stream.
SELECT
  coalesce(f.src_ip || ':' || f.src_port || ' -> ' || f.dst_ip || ':' || f.dst_port, 'flow ' || m.flow_id) AS subject,
  'RTSP SETUP chose ' || group_concat(DISTINCT m.transport_profile) ||
    CASE WHEN max(coalesce(m.interleaved, 0)) = 1 THEN ' (media interleaved in the RTSP connection)'
         ELSE ' (media over UDP)' END ||
    ': stream in clear over unencrypted RTSP; ' ||
    CASE WHEN (SELECT count(*) FROM rtsp_messages a WHERE a.flow_id = m.flow_id AND a.auth_scheme IS NOT NULL) > 0
         THEN 'authentication: ' || (SELECT group_concat(DISTINCT a.auth_scheme) FROM rtsp_messages a
                                     WHERE a.flow_id = m.flow_id AND a.auth_scheme IS NOT NULL)
         ELSE 'no authentication seen' END ||
    coalesce('; server ' || max(CASE WHEN m.method IS NULL THEN m.user_agent END), '') AS detail,
  'flow ' || m.flow_id || ', input ' || coalesce(f.input_id, '?') || ', frames ' ||
    group_concat(m.frame, ' ') AS evidence
FROM rtsp_messages AS m
LEFT JOIN flows AS f ON f.flow_id = m.flow_id
WHERE m.transport_profile IS NOT NULL
  AND upper(m.transport_profile) NOT LIKE '%SAVP%'
GROUP BY m.flow_id
ORDER BY m.flow_id
