-- One violation per device whose role (devices.role) is phone, endpoint, mcu or
-- recorder and whose configuration files give no remote log server: no syslog.server
-- (RFC 5424 messages over UDP RFC 5426, TCP RFC 6587 or TLS RFC 5425) that is a
-- non-placeholder and not empty.
-- Not judged:
--   * servers (pbx, sip_server, turn, web): they log through the operating system,
--     whose forwarding (rsyslog, journald) their application files do not show; a
--     Kamailio or Asterisk "syslog" channel writes to the local daemon only;
--   * a device with a syslog.server placeholder ({$syslog_server}, %NULL%): unknown.
-- An empty syslog.server (e.g. RoomOS Logging.External.Server.Address "") counts as none
-- and is cited; otherwise the evidence names the configuration inputs that were read.
WITH judged AS (
  SELECT device_id, lower(max(role)) AS role, group_concat(DISTINCT input_id) AS inputs
  FROM devices
  WHERE lower(role) IN ('phone', 'endpoint', 'mcu', 'recorder')
  GROUP BY device_id
),
logs AS (
  SELECT s.device_id, s.input_id, s.line, s.value, coalesce(s.placeholder, 0) AS placeholder,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE s.key = 'syslog.server'
  ORDER BY s.device_id, s.input_id, s.line
)
SELECT
  j.device_id AS subject,
  'no remote syslog server in the configuration of this ' || j.role ||
    CASE WHEN EXISTS (SELECT 1 FROM logs WHERE logs.device_id = j.device_id)
      THEN ' (the syslog server setting is empty)' ELSE ' (no syslog server setting)' END ||
    '; its logs stay on the device' AS detail,
  coalesce((SELECT group_concat(ref || ' is empty', '; ') FROM logs WHERE logs.device_id = j.device_id),
           'input ' || replace(j.inputs, ',', ', input ') || ': no syslog.server setting') AS evidence
FROM judged AS j
WHERE NOT EXISTS (
  SELECT 1 FROM logs
  WHERE logs.device_id = j.device_id AND (logs.placeholder = 1 OR trim(coalesce(logs.value, '')) <> '')
)
ORDER BY j.device_id
