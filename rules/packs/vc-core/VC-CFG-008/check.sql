-- One violation per device whose configuration (probes/config/vocabulary.md) has
--   tls.min_version 1.0 or 1.1: TLS 1.0/1.1 accepted, deprecated by RFC 8996
--     (an SSLv23-style "any version" setting is normalised to 1.0);
--   tls.verify_peer = off: the peer's certificate is not checked (RFC 5280 path
--     validation, RFC 6125 name check), so anyone can impersonate the server.
-- A product default counts like a written value (e.g. an Asterisk TLS server with no
-- protocol restriction; coturn releases before TLS 1.2 became their default minimum,
-- unless no-tlsv1 / no-tlsv1_1 are set): the evidence says so.
-- Placeholders are left out: their meaning is unknown.
WITH bad AS (
  SELECT DISTINCT s.device_id, s.input_id, s.line,
    CASE WHEN s.key = 'tls.min_version' THEN 'TLS ' || s.value || ' accepted'
         ELSE 'peer certificate not verified' END AS issue,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE coalesce(s.placeholder, 0) = 0
    AND ((s.key = 'tls.min_version' AND CAST(s.value AS TEXT) IN ('1.0', '1.1'))
      OR (s.key = 'tls.verify_peer' AND lower(s.value) = 'off'))
  ORDER BY s.device_id, s.input_id, s.line
)
SELECT
  device_id AS subject,
  replace(group_concat(DISTINCT issue), ',', '; ') ||
    CASE WHEN sum(issue LIKE 'TLS %') > 0 THEN ' (TLS 1.0/1.1 are deprecated, RFC 8996)' ELSE '' END AS detail,
  (SELECT group_concat(ref, '; ') FROM (SELECT DISTINCT input_id, line, ref FROM bad AS x
     WHERE x.device_id = g.device_id ORDER BY input_id, line)) AS evidence
FROM bad AS g
GROUP BY device_id
ORDER BY device_id
