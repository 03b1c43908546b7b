-- Judged only when some device states a SIP transport that is not a template placeholder.
SELECT count(*) FROM device_settings WHERE key = 'sip.transport' AND placeholder = 0
