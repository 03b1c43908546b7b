-- Judged only when some configuration says whether a management service is on.
SELECT count(*) FROM device_settings
WHERE key IN ('mgmt.http', 'mgmt.https', 'mgmt.telnet', 'mgmt.ssh', 'mgmt.tcp_api') AND placeholder = 0
