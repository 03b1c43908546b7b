-- One violation per device whose configuration (probes/config/vocabulary.md) has
--   guest_access = on: guests or anonymous users may create or join meetings, or call,
--     without authentication or approval (Jitsi Jicofo authentication disabled / type
--     NONE, BigBlueButton defaultGuestPolicy=ALWAYS_ACCEPT);
--   sip.auth_calls = off: inbound SIP calls are not challenged (RFC 3261 §22 digest
--     authentication not required, e.g. FreeSWITCH auth-calls=false).
-- Every offending setting is listed; the detail names which of the two was found.
-- Placeholders (e.g. auth-calls=$${internal_auth_calls} read without vars.xml) are
-- left out: their meaning is unknown.
WITH bad AS (
  SELECT DISTINCT s.device_id, s.input_id, s.line,
    CASE s.key WHEN 'guest_access' THEN 'guests or anonymous users admitted without authentication'
               ELSE 'inbound SIP calls accepted without authentication' END AS issue,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE coalesce(s.placeholder, 0) = 0
    AND ((s.key = 'guest_access' AND lower(s.value) = 'on')
      OR (s.key = 'sip.auth_calls' AND lower(s.value) = 'off'))
  ORDER BY s.device_id, s.input_id, s.line
)
SELECT
  device_id AS subject,
  replace(group_concat(DISTINCT issue), ',', '; ') AS detail,
  (SELECT group_concat(ref, '; ') FROM (SELECT DISTINCT input_id, line, ref FROM bad AS x
     WHERE x.device_id = g.device_id ORDER BY input_id, line)) AS evidence
FROM bad AS g
GROUP BY device_id
ORDER BY device_id
