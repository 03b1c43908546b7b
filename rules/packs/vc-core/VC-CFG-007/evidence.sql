-- Judged only when some configuration names where it fetches configuration or firmware.
SELECT count(*) FROM device_settings
WHERE key IN ('provisioning.url', 'provisioning.scheme', 'firmware.url', 'firmware.scheme') AND placeholder = 0
