-- Judged only when some configuration says something about its SNMP agent.
SELECT count(*) FROM device_settings
WHERE key IN ('snmp.enabled', 'snmp.version', 'snmp.community') AND placeholder = 0
