-- Judged only when there is something to compare: a DTLS handshake whose server
-- certificate was visible and an SDP a=fingerprint with SHA-256.
SELECT CASE WHEN EXISTS (SELECT 1 FROM tls_sessions WHERE dtls = 1 AND cert_sha256 IS NOT NULL)
             AND EXISTS (SELECT 1 FROM sdp_media WHERE lower(fingerprint) LIKE 'sha-256 %')
            THEN 1 ELSE 0 END
