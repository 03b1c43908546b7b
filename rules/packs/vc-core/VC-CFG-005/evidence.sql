-- Judged only when a configuration holds at least one real secret (not a placeholder, not empty).
SELECT count(*) FROM device_settings WHERE secret = 1 AND placeholder = 0 AND value <> ''
