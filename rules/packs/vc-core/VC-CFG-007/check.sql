-- One violation per device that fetches its configuration or firmware over a
-- cleartext protocol: a non-placeholder provisioning.scheme or firmware.scheme of
-- http (RFC 9112 without TLS), tftp (RFC 1350, no authentication or encryption) or
-- ftp (RFC 959), or a provisioning.url / firmware.url whose scheme (text before
-- "://") is one of them. https and ftps are fine.
-- The detail names only the channel and the protocol, never the URL: provisioning
-- URLs often embed a user name and password (http://user:pass@host/...).
-- Placeholders are left out, including a URL whose scheme is a template variable
-- ({$provisioning_type}://...); when a parser knows the literal scheme of a
-- templated URL it emits a separate non-placeholder *.scheme setting.
WITH bad AS (
  SELECT s.device_id, s.input_id, s.line,
    CASE WHEN s.key LIKE 'firmware.%' THEN 'firmware' ELSE 'configuration' END AS channel,
    CASE WHEN s.key LIKE '%.url' THEN lower(substr(s.value, 1, instr(s.value, '://') - 1)) ELSE lower(s.value) END AS scheme,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE s.key IN ('provisioning.scheme', 'firmware.scheme', 'provisioning.url', 'firmware.url')
    AND coalesce(s.placeholder, 0) = 0
),
cleartext AS (
  SELECT * FROM bad WHERE scheme IN ('http', 'tftp', 'ftp') ORDER BY device_id, channel, input_id, line
),
per_channel AS (
  SELECT device_id, channel,
         channel || ' fetched over ' || replace(group_concat(DISTINCT scheme), ',', '/') AS what,
         (SELECT group_concat(ref, '; ') FROM (SELECT DISTINCT input_id, line, ref FROM cleartext AS x
            WHERE x.device_id = c.device_id AND x.channel = c.channel ORDER BY input_id, line)) AS refs
  FROM cleartext AS c
  GROUP BY device_id, channel
  ORDER BY device_id, channel
)
SELECT
  device_id AS subject,
  group_concat(what, '; ') || ' (cleartext: SIP and admin passwords readable, files replaceable in transit)' AS detail,
  group_concat(refs, '; ') AS evidence
FROM per_channel
GROUP BY device_id
ORDER BY device_id
