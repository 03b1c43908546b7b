-- One violation per SDP media line whose a=crypto key crossed the network in clear.
SELECT
  coalesce(s.addr, '?') || ':' || s.port || ' ' || s.media AS subject,
  coalesce(s.crypto_suite, 'SDES') || ' key sent in clear in ' ||
    coalesce(s.sip_method, 'SIP ' || s.sip_status) || ', Call-ID ' || coalesce(s.call_id, '?') AS detail,
  'flow ' || s.flow_id || ', ts ' || printf('%.6f', s.ts) AS evidence
FROM sdp_media AS s
WHERE s.key_in_clear = 1
ORDER BY s.flow_id, s.ts
