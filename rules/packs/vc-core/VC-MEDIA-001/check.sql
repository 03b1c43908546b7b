-- One violation per offered/answered audio or video line with a plain RTP profile.
-- Port 0 means the stream was rejected (RFC 3264 §6), so it carries nothing.
SELECT
  coalesce(s.addr, '?') || ':' || s.port || ' ' || s.media AS subject,
  s.media || ' offered as ' || s.proto || ' in ' || coalesce(s.sip_method, 'SIP ' || s.sip_status) ||
    ', Call-ID ' || coalesce(s.call_id, '?') AS detail,
  'flow ' || s.flow_id || ', input ' || coalesce(f.input_id, '?') || ', frame ' || coalesce(s.frame, '?') AS evidence
FROM sdp_media AS s
LEFT JOIN flows AS f USING (flow_id)
WHERE s.port <> 0
  AND upper(s.proto) IN ('RTP/AVP', 'RTP/AVPF', 'UDP/RTP/AVP', 'UDP/RTP/AVPF', 'TCP/RTP/AVP', 'TCP/RTP/AVPF')
  AND s.media IN ('audio', 'video')
ORDER BY s.flow_id, s.ts
