-- One violation per SDP media line whose a=crypto key crossed the network in clear.
SELECT
  coalesce(s.addr, '?') || ':' || s.port || ' ' || s.media AS subject,
  coalesce(s.crypto_suite, 'SDES') || ' key sent in clear in ' ||
    coalesce(s.sip_method, 'SIP ' || s.sip_status) || ', Call-ID ' || coalesce(s.call_id, '?') AS detail,
  'flow ' || s.flow_id || ', input ' || coalesce(f.input_id, '?') || ', frame ' || coalesce(s.frame, '?') AS evidence
FROM sdp_media AS s
LEFT JOIN flows AS f USING (flow_id)
WHERE s.key_in_clear = 1
ORDER BY s.flow_id, s.ts
