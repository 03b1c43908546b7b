-- Judged only for devices of the roles this rule covers (phones, endpoints, MCUs, recorders).
SELECT count(*) FROM devices WHERE lower(role) IN ('phone', 'endpoint', 'mcu', 'recorder')
