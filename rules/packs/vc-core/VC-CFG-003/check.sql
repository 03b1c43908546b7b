-- One violation per device whose configuration enables a cleartext management
-- service (probes/config/vocabulary.md): mgmt.http = on (web UI or API over HTTP,
-- RFC 9112 without TLS), mgmt.telnet = on (RFC 854), mgmt.tcp_api = on (Asterisk AMI
-- on 5038, FreeSWITCH event socket on 8021, XMPP component port 5347: cleartext TCP).
-- The detail names each service found.
-- Loopback exception: a setting is not counted when the same configuration file
-- binds its management services only to loopback (every mgmt.bind of that input is a
-- non-placeholder 127.0.0.0/8, ::1 or localhost): nobody off the host can reach it.
-- A file with one loopback and one exposed bind (e.g. a Jitsi videobridge with a
-- private server on 127.0.0.1 and a public one on 0.0.0.0) is not excepted; neither is
-- a file whose bind is a placeholder (its exposure is unknown).
-- HSTS off on an HTTPS interface (http.hsts) is not judged here.
-- Placeholders (template variables) are left out: their meaning is unknown.
WITH binds AS (
  SELECT device_id, input_id,
         sum(coalesce(placeholder, 0) = 0 AND (lower(value) = 'localhost' OR ip_in_cidrs(value, '127.0.0.0/8,::1/128'))) AS loopback,
         count(*) AS total
  FROM device_settings
  WHERE key = 'mgmt.bind'
  GROUP BY device_id, input_id
),
bad AS (
  SELECT DISTINCT s.device_id, s.input_id, s.line,
    CASE s.key
      WHEN 'mgmt.http' THEN 'HTTP management'
      WHEN 'mgmt.telnet' THEN 'Telnet'
      ELSE 'cleartext TCP management API'
    END AS service,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  LEFT JOIN binds AS b ON b.device_id = s.device_id AND b.input_id = s.input_id
  WHERE s.key IN ('mgmt.http', 'mgmt.telnet', 'mgmt.tcp_api')
    AND lower(s.value) = 'on'
    AND coalesce(s.placeholder, 0) = 0
    AND NOT (coalesce(b.total, 0) > 0 AND b.loopback = b.total)
  ORDER BY s.device_id, s.input_id, s.line
)
SELECT
  device_id AS subject,
  'cleartext management enabled: ' || replace(group_concat(DISTINCT service), ',', ', ') ||
    ' (credentials and commands travel unencrypted)' AS detail,
  (SELECT group_concat(ref, '; ') FROM (SELECT DISTINCT input_id, line, ref FROM bad AS x
     WHERE x.device_id = g.device_id ORDER BY input_id, line)) AS evidence
FROM bad AS g
GROUP BY device_id
ORDER BY device_id
