-- One violation per device whose configuration (probes/config/vocabulary.md) has
--   snmp.version 1 or 2c: the community travels in clear (RFC 1157, RFC 3416; only
--     SNMPv3 USM, RFC 3414, authenticates and encrypts);
--   snmp.enabled = on with no snmp.version set at all: the agent answers v1/v2c
--     (e.g. Yealink static.network.snmp.enable = 1 has no v3 option); a device whose
--     version is a placeholder is not judged on this point;
--   snmp.community with weak = 1 (on the default/weak list): guessable without
--     eavesdropping. The value is never shown, only the raw key and line.
-- A device whose SNMP is off (snmp.enabled = off and never on) is not judged: its
-- version and community are unused. Placeholders are left out (unknown meaning).
WITH s AS (
  SELECT x.*,
    CASE WHEN x.source = 'default'
      THEN 'input ' || x.input_id || ' ' || coalesce(nullif(x.raw_key, ''), x.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || x.input_id || CASE WHEN coalesce(x.line, 0) > 0 THEN ' line ' || x.line ELSE '' END ||
           ' (' || coalesce(nullif(x.raw_key, ''), x.key) || ')'
    END AS ref
  FROM device_settings AS x
  WHERE x.key IN ('snmp.enabled', 'snmp.version', 'snmp.community')
),
off AS (
  SELECT device_id FROM s
  WHERE key = 'snmp.enabled' AND coalesce(placeholder, 0) = 0
  GROUP BY device_id
  HAVING sum(lower(value) = 'off') > 0 AND sum(lower(value) = 'on') = 0
),
issues AS (
  SELECT device_id, input_id, line, 'SNMP v' || ltrim(lower(value), 'v') || ' configured' AS issue, ref
  FROM s
  WHERE key = 'snmp.version' AND coalesce(placeholder, 0) = 0 AND lower(value) IN ('1', '2c', '2', 'v1', 'v2c')
  UNION ALL
  SELECT e.device_id, e.input_id, e.line, 'SNMP agent on with no version set (it answers v1/v2c; SNMPv3 not configured)', e.ref
  FROM s AS e
  WHERE e.key = 'snmp.enabled' AND coalesce(e.placeholder, 0) = 0 AND lower(e.value) = 'on'
    AND NOT EXISTS (SELECT 1 FROM s AS v WHERE v.device_id = e.device_id AND v.key = 'snmp.version')
  UNION ALL
  SELECT device_id, input_id, line, 'default or weak community', ref
  FROM s
  WHERE key = 'snmp.community' AND coalesce(placeholder, 0) = 0 AND weak = 1
),
judged AS (
  SELECT * FROM issues
  WHERE device_id NOT IN (SELECT device_id FROM off)
  ORDER BY device_id, input_id, line
)
SELECT
  device_id AS subject,
  replace(group_concat(DISTINCT issue), ',', '; ') AS detail,
  (SELECT group_concat(ref, '; ') FROM (SELECT DISTINCT input_id, line, ref FROM judged AS x
     WHERE x.device_id = g.device_id ORDER BY input_id, line)) AS evidence
FROM judged AS g
GROUP BY device_id
ORDER BY device_id
