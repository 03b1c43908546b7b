-- Judged only when some configuration states a TLS floor or whether it verifies peers.
SELECT count(*) FROM device_settings WHERE key IN ('tls.min_version', 'tls.verify_peer') AND placeholder = 0
