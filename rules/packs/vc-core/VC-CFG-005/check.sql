-- Violations, never showing a secret (only device, kind, raw key and line):
-- 1. Weak: one per (device, kind) with a non-placeholder admin.password, sip.password,
--    service.secret or snmp.community whose weak = 1 (matched the weak/default list,
--    policy/weak-secrets.yaml plus the site's list, by probes/creds SecretGuard).
-- 2. Reuse: one per secret (equal secret_hmac: HMAC-SHA-256 with the run's key, so
--    equal secrets have equal hashes and nothing else is learned) when
--      - it is used for two different kinds (e.g. admin password = SIP password), or
--      - it is an admin.password or snmp.community on two different devices, or
--      - one device uses it under two different raw keys (e.g. two SIP accounts of a PBX).
--    Not reuse: the same sip.password on two devices (the phone and the PBX hold both
--    ends of one account, RFC 3261 §22 digest), the same service.secret on two devices
--    (TURN REST static-auth-secret, XMPP component secret: shared by design).
--    Weak secrets are left out of reuse: finding 1 already asks to change each of them.
-- Empty secrets (no hash, weak NULL) and placeholders are not judged.
WITH sec AS (
  SELECT s.device_id, s.input_id, s.line, s.key, coalesce(nullif(s.raw_key, ''), s.key) AS raw, s.weak, s.secret_hmac,
    CASE s.key
      WHEN 'admin.password' THEN 'administrator password'
      WHEN 'sip.password' THEN 'SIP account password'
      WHEN 'service.secret' THEN 'service shared secret'
      ELSE 'SNMP community'
    END AS kind,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE s.key IN ('admin.password', 'sip.password', 'service.secret', 'snmp.community')
    AND coalesce(s.placeholder, 0) = 0
),
weak AS (
  SELECT * FROM sec WHERE weak = 1 ORDER BY device_id, key, input_id, line
),
strong AS (
  SELECT * FROM sec
  WHERE coalesce(weak, 0) = 0 AND coalesce(secret_hmac, '') <> ''
  ORDER BY device_id, key, input_id, line
),
reused AS (
  SELECT secret_hmac FROM strong
  GROUP BY secret_hmac
  HAVING count(DISTINCT key) > 1
      OR count(DISTINCT CASE WHEN key IN ('admin.password', 'snmp.community') THEN device_id END) > 1
      OR count(DISTINCT device_id || char(31) || raw) > count(DISTINCT device_id)
)
SELECT
  device_id || ' ' || key AS subject,
  'default or weak ' || kind || ' (on the weak/default list; value not shown): ' || count(*) ||
    ' setting(s), ' || replace(group_concat(DISTINCT raw), ',', ', ') AS detail,
  group_concat(ref, '; ') AS evidence
FROM weak
GROUP BY device_id, key
UNION ALL
SELECT
  'reused secret: ' || replace(group_concat(DISTINCT device_id || ' ' || key), ',', ', ') AS subject,
  'the same secret is set ' || count(*) || ' times on ' || count(DISTINCT device_id) || ' device(s) as ' ||
    replace(group_concat(DISTINCT kind), ',', ', ') || ' (value not shown): one leak opens all of them' AS detail,
  group_concat(device_id || ': ' || ref, '; ') AS evidence
FROM strong
WHERE secret_hmac IN (SELECT secret_hmac FROM reused)
GROUP BY secret_hmac
ORDER BY subject
