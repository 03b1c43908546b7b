-- One violation per DTLS flow whose server certificate does not match the
-- a=fingerprint that the SDP announced for that server's address and port.
-- DTLS-SRTP (RFC 5763 §5, RFC 5764) authenticates the media keys only through that
-- fingerprint (RFC 8122 §5): each side checks that the certificate of the handshake
-- hashes to the fingerprint its peer signalled. A certificate that differs means a
-- man in the middle terminated the DTLS, or a gateway terminates it without rewriting
-- the SDP and the endpoint does not check (either way nobody can tell who decrypts).
-- What is compared:
--   - the DTLS server's leaf certificate, tls_sessions.cert_sha256: SHA-256 of the DER
--     certificate, 64 lower-case hex digits, no colons; it is the first Certificate
--     message on the flow, the server's (RFC 6347 §4.2.2 flight 4 precedes the client's);
--   - the server side: the flow end whose port is tls_sessions.server_port; when both
--     ends use the same port the side is unknown and the flow is not judged;
--   - SDP media lines whose c= address and m= port equal that end, with an a=fingerprint
--     using sha-256 (sdp_media keeps the first a=fingerprint, hash name lower-cased, then
--     the hex as sent): upper/lower case and colons are normalised, and anything but 64
--     hex digits is not compared.
-- Not judged (no row): DTLS 1.3 and other handshakes whose certificate is encrypted
-- (cert_sha256 NULL); fingerprints with another hash (sha-1, sha-384, sha-512: only the
-- SHA-256 of the certificate is recorded); SDP lines of the DTLS client, whose
-- certificate is not recorded; media flows on ICE candidates other than the c= address.
-- A flow passes when any sha-256 fingerprint signalled for its server end matches
-- (re-INVITEs may repeat or renew the SDP).
WITH dtls AS (
  SELECT t.flow_id, f.input_id, f.first_frame, t.version, t.ts, t.srtp_profile,
         lower(t.cert_sha256) AS cert, t.server_port,
         CASE WHEN f.dst_port = t.server_port AND f.src_port <> t.server_port THEN f.dst_ip
              WHEN f.src_port = t.server_port AND f.dst_port <> t.server_port THEN f.src_ip END AS server_ip,
         CASE WHEN f.dst_port = t.server_port AND f.src_port <> t.server_port THEN f.src_ip || ':' || f.src_port
              WHEN f.src_port = t.server_port AND f.dst_port <> t.server_port THEN f.dst_ip || ':' || f.dst_port END
           AS client
  FROM tls_sessions AS t
  JOIN flows AS f USING (flow_id)
  WHERE t.dtls = 1 AND t.cert_sha256 IS NOT NULL
),
signalled AS (
  SELECT d.*, m.call_id, m.frame AS sdp_frame, m.flow_id AS sdp_flow, m.media,
         trim(substr(m.fingerprint, instr(m.fingerprint, ' ') + 1)) AS announced,
         lower(replace(trim(substr(m.fingerprint, instr(m.fingerprint, ' ') + 1)), ':', '')) AS fp
  FROM dtls AS d
  JOIN sdp_media AS m ON m.addr = d.server_ip AND m.port = d.server_port
  WHERE m.fingerprint IS NOT NULL
    AND lower(trim(substr(m.fingerprint, 1, instr(m.fingerprint, ' ') - 1))) = 'sha-256'
),
comparable AS (
  SELECT * FROM signalled
  WHERE length(fp) = 64 AND NOT fp GLOB '*[^0-9a-f]*'
)
SELECT
  c.server_ip || ':' || c.server_port || ' (DTLS server)' AS subject,
  'the DTLS handshake (' || coalesce(c.version, '?') || coalesce(', ' || c.srtp_profile, '') || ') with ' ||
    coalesce(c.client, '?') || ' presented certificate SHA-256 ' || c.cert ||
    coalesce(' (' || k.subject || ')', '') || ', but the SDP announced sha-256 ' ||
    group_concat(DISTINCT c.announced) || ' for this address and port (' || group_concat(DISTINCT c.media) ||
    ', Call-ID ' || coalesce(group_concat(DISTINCT c.call_id), '?') ||
    '): someone other than the signalled endpoint holds the media keys' AS detail,
  'DTLS flow ' || c.flow_id || ', input ' || c.input_id || ', first frame ' || coalesce(c.first_frame, '?') ||
    '; SDP frames ' || group_concat(DISTINCT coalesce(c.sdp_frame, '?')) || ' (SIP flow ' ||
    group_concat(DISTINCT c.sdp_flow) || ')' AS evidence
FROM comparable AS c
LEFT JOIN certificates AS k ON lower(k.cert_sha256) = c.cert
GROUP BY c.flow_id
HAVING max(c.fp = c.cert) = 0
ORDER BY c.flow_id
