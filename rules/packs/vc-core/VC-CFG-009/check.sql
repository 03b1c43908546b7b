-- One violation per device whose role (devices.role) is phone, endpoint, mcu or
-- recorder and whose configuration files give no usable NTP server (RFC 5905):
-- no ntp.server setting that is a non-placeholder and not empty.
-- Not judged:
--   * servers (pbx, sip_server, turn, web): they take time from the operating system
--     (chrony/ntpd), which their application configuration does not show;
--   * a device with an ntp.server placeholder (e.g. {$server_host}, %NULL%): the
--     rendered value is unknown.
-- An empty ntp.server (e.g. Polycom tcpIpApp.sntp.address="") counts as none and is
-- cited; otherwise the evidence names the configuration inputs that were read. A
-- device may still get NTP from DHCP option 42 (RFC 2132 §8.3): the detail says so.
WITH judged AS (
  SELECT device_id, lower(max(role)) AS role, group_concat(DISTINCT input_id) AS inputs
  FROM devices
  WHERE lower(role) IN ('phone', 'endpoint', 'mcu', 'recorder')
  GROUP BY device_id
),
ntp AS (
  SELECT s.device_id, s.input_id, s.line, s.value, coalesce(s.placeholder, 0) AS placeholder,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE s.key = 'ntp.server'
  ORDER BY s.device_id, s.input_id, s.line
)
SELECT
  j.device_id AS subject,
  'no NTP server in the configuration of this ' || j.role ||
    CASE WHEN EXISTS (SELECT 1 FROM ntp WHERE ntp.device_id = j.device_id)
      THEN ' (the NTP server setting is empty)' ELSE ' (no NTP server setting)' END ||
    '; its clock may drift unless DHCP option 42 supplies a server' AS detail,
  coalesce((SELECT group_concat(ref || ' is empty', '; ') FROM ntp WHERE ntp.device_id = j.device_id),
           'input ' || replace(j.inputs, ',', ', input ') || ': no ntp.server setting') AS evidence
FROM judged AS j
WHERE NOT EXISTS (
  SELECT 1 FROM ntp
  WHERE ntp.device_id = j.device_id AND (ntp.placeholder = 1 OR trim(coalesce(ntp.value, '')) <> '')
)
ORDER BY j.device_id
