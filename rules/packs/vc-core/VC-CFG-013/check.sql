-- One violation per declared device (site_devices with a non-empty min_firmware)
-- whose configuration shows an older firmware: the device whose devices.device_id
-- equals the declared name, with a version from devices.firmware (what the parser
-- read as the device's firmware) or from a non-placeholder firmware.version setting,
-- older than min_firmware by version_cmp (digit runs compared as numbers, other text
-- as text: "SIP11.9-4-2SR3-1S" < "SIP11.9-4-3SR1-1", "108.86.0.20" > "108.85.255.1").
-- Every older version found is listed (a device may have several files).
-- Not judged: devices with no declared minimum, and devices whose configuration shows
-- no version (nothing to compare); declared devices with no configuration at all are
-- VC-INV-002's concern.
WITH versions AS (
  SELECT d.device_id, d.input_id, 0 AS line, d.firmware AS version,
         'input ' || d.input_id || ' (firmware read from the file)' AS ref
  FROM devices AS d
  WHERE trim(coalesce(d.firmware, '')) <> ''
    AND NOT EXISTS (
      SELECT 1 FROM device_settings AS s
      WHERE s.device_id = d.device_id AND s.input_id = d.input_id AND s.key = 'firmware.version'
        AND coalesce(s.placeholder, 0) = 0 AND s.value = d.firmware)
  UNION ALL
  SELECT s.device_id, s.input_id, s.line, s.value,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END
  FROM device_settings AS s
  WHERE s.key = 'firmware.version' AND coalesce(s.placeholder, 0) = 0 AND trim(coalesce(s.value, '')) <> ''
),
older AS (
  SELECT sd.name, sd.min_firmware, v.version, v.ref, v.input_id, v.line
  FROM site_devices AS sd
  JOIN versions AS v ON v.device_id = sd.name
  WHERE trim(coalesce(sd.min_firmware, '')) <> ''
    AND version_cmp(v.version, sd.min_firmware) < 0
  ORDER BY sd.name, v.input_id, v.line
)
SELECT
  name AS subject,
  'firmware ' || replace(group_concat(DISTINCT version), ',', ', ') || ' is older than the declared minimum ' ||
    min_firmware AS detail,
  group_concat(ref, '; ') AS evidence
FROM older
GROUP BY name
ORDER BY name
