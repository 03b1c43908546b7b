-- Judged only when some configuration says whether guests or unauthenticated calls are admitted.
SELECT count(*) FROM device_settings WHERE key IN ('guest_access', 'sip.auth_calls') AND placeholder = 0
