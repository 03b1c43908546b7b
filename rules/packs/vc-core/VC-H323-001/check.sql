-- One violation per H.323 call whose call-signalling messages that carry the
-- call's security (Setup, Connect: H.225.0 §7.4, H.235.0 §8) are all known to
-- hold no H.235 tokens (h235 = 0). A call is its H.225 callIdentifier; when
-- that is missing, the flow and Q.931 call reference stand for it. Messages
-- whose tokens could not be read (h235 NULL) decide nothing; a call with any
-- token present passes. RAS (gatekeeper) messages are not calls.
WITH calls AS (
  SELECT coalesce(m.call_id, 'flow ' || m.flow_id || ' call reference ' || m.call_reference) AS call,
         m.flow_id, m.frame, m.src_ip, m.dst_ip, m.message, m.h235, m.h225_version
  FROM h323_messages AS m
  WHERE m.protocol = 'q931' AND m.message IN ('setup', 'connect')
)
SELECT
  min(CASE WHEN c.message = 'setup' THEN c.src_ip END) || ' -> ' ||
    coalesce(min(CASE WHEN c.message = 'setup' THEN c.dst_ip END), min(c.dst_ip)) AS subject,
  'H.323 call ' || c.call || ': ' || group_concat(DISTINCT c.message) || ' without H.235 tokens' ||
    coalesce(' (H.225.0 version ' || max(c.h225_version) || ')', '') ||
    ': signalling not authenticated and media keys not protected' AS detail,
  'flow ' || group_concat(DISTINCT c.flow_id) || ', input ' || coalesce(group_concat(DISTINCT f.input_id), '?') ||
    ', frames ' || group_concat(c.frame) AS evidence
FROM calls AS c
LEFT JOIN flows AS f USING (flow_id)
GROUP BY c.call
HAVING max(c.h235) = 0 AND count(c.h235) = count(*)
ORDER BY min(c.frame)
