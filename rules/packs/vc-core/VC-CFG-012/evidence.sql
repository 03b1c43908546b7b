-- Judged only when a TURN server's configuration was read.
SELECT count(*) FROM devices WHERE lower(role) = 'turn'
