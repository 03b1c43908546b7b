-- Judged only when some configuration states its auto-answer setting.
SELECT count(*) FROM device_settings WHERE key = 'auto_answer' AND placeholder = 0
