-- One violation per device with a non-placeholder media.srtp (probes/config/vocabulary.md)
--   off       media as plain RTP (RFC 3550): a violation at every level;
--   optional  SRTP (RFC 3711) offered but plain RTP accepted when the peer does not offer
--             it (SDP negotiation, RFC 3264): a downgrade path, so a violation where the
--             level profile's srtp parameter (:srtp) is 'required'.
-- A device may carry several media.srtp settings (one per account, SIP profile or
-- endpoint): each offending one is listed. A product default (source = default, e.g.
-- Asterisk media_encryption=no when pjsip.conf is silent) counts like a written value.
-- Placeholders (template variables) are left out: their meaning is unknown.
WITH bad AS (
  SELECT DISTINCT s.device_id, s.input_id, s.line, lower(s.value) AS policy,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE s.key = 'media.srtp' AND coalesce(s.placeholder, 0) = 0
    AND (lower(s.value) = 'off' OR (lower(s.value) = 'optional' AND lower(:srtp) = 'required'))
  ORDER BY s.device_id, s.input_id, s.line
)
SELECT
  device_id AS subject,
  CASE
    WHEN sum(policy = 'off') > 0 AND sum(policy = 'optional') > 0
      THEN 'SRTP off (media in clear) and elsewhere optional (plain RTP accepted), while the level requires SRTP'
    WHEN sum(policy = 'off') > 0 THEN 'SRTP off: audio and video travel as plain RTP'
    ELSE 'SRTP optional: plain RTP is accepted when the peer does not offer SRTP (downgrade), while the level requires SRTP'
  END || ' (' || count(*) || ' setting(s))' AS detail,
  (SELECT group_concat(ref, '; ') FROM (SELECT DISTINCT input_id, line, ref FROM bad AS x
     WHERE x.device_id = g.device_id ORDER BY input_id, line)) AS evidence
FROM bad AS g
GROUP BY device_id
ORDER BY device_id
