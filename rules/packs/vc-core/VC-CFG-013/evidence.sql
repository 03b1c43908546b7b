-- Judged only when the site declares a minimum firmware for a device whose configuration
-- states its firmware version: without both there is nothing to compare.
SELECT count(*) FROM site_devices AS s
WHERE s.min_firmware <> ''
  AND (EXISTS (SELECT 1 FROM devices AS d WHERE d.device_id = s.name AND coalesce(d.firmware, '') <> '')
    OR EXISTS (SELECT 1 FROM device_settings AS ds
               WHERE ds.device_id = s.name AND ds.key = 'firmware.version' AND ds.placeholder = 0))
