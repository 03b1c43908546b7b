-- Judged only when some device states its SRTP policy (file or product default), not as a placeholder.
SELECT count(*) FROM device_settings WHERE key = 'media.srtp' AND placeholder = 0
