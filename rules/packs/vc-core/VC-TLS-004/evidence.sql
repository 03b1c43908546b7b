-- Judged only when some ClientHello's offer was seen.
SELECT count(*) FROM tls_sessions WHERE client_cipher_suites IS NOT NULL
